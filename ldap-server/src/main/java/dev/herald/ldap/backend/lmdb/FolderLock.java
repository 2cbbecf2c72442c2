package dev.herald.ldap.backend.lmdb;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.exception.LdapOtherException;

/**
 * Guards a data folder. LMDB itself lets several processes share an environment, but Herald
 * allows exactly one read-write process per folder (the server, or an offline import) and any
 * number of read-only ones (export, checks): the read-write process holds an exclusive OS lock
 * on {@code herald.lock}, holding its pid for the error message. Inside one JVM a folder may be
 * opened once at a time, since LMDB forbids opening the same environment twice in a process.
 */
final class FolderLock implements AutoCloseable {
    static final String FILE = "herald.lock";
    private static final Set<Path> OPEN_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

    private final Path dir;
    private final FileChannel channel;
    private final FileLock lock;

    private FolderLock(Path dir, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
    }

    static FolderLock acquire(Path dir, boolean readOnly) throws LdapException {
        if (!OPEN_IN_THIS_JVM.add(dir)) {
            throw new LdapOtherException("data folder " + dir + " is already open in this process");
        }
        if (readOnly) {
            return new FolderLock(dir, null, null);
        }
        FileChannel ch = null;
        try {
            ch = FileChannel.open(dir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock l = ch.tryLock();
            if (l == null) {
                String holder = Files.readString(dir.resolve(FILE), StandardCharsets.US_ASCII).strip();
                ch.close();
                OPEN_IN_THIS_JVM.remove(dir);
                throw new LdapOtherException("data folder " + dir + " is in use by another process"
                        + (holder.isEmpty() ? "" : " (pid " + holder + ")")
                        + "; stop it first, or open the folder read-only (export-ldif works beside a running server)");
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(String.valueOf(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII)), 0);
            ch.force(false);
            return new FolderLock(dir, ch, l);
        } catch (IOException e) {
            try {
                if (ch != null) {
                    ch.close();
                }
            } catch (IOException ignored) {
                // already failing
            }
            OPEN_IN_THIS_JVM.remove(dir);
            throw new LdapOtherException("cannot lock data folder " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            if (lock != null) {
                lock.release();
            }
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // the OS drops the lock with the process anyway
        } finally {
            OPEN_IN_THIS_JVM.remove(dir);
        }
    }
}
