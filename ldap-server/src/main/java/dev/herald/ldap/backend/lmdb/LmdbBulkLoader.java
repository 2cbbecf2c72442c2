package dev.herald.ldap.backend.lmdb;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapEntryAlreadyExistsException;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.exception.LdapNoSuchObjectException;
import org.apache.directory.api.ldap.model.exception.LdapOtherException;
import org.apache.directory.api.ldap.model.name.Dn;
import org.lmdbjava.Cursor;
import org.lmdbjava.PutFlags;

/**
 * Adds many entries fast, for offline import: the caller's thread prepares each entry (record
 * encoding, index keys), a writer thread stores batches, each batch in one write transaction
 * whose index keys are written in sorted order (so LMDB touches each page once per batch) and
 * whose id-keyed records are appended. Entries must come parents first. An entry whose DN
 * exists or whose parent is missing is reported to the rejection consumer (from the writer
 * thread, after its batch committed) and skipped.
 */
public final class LmdbBulkLoader implements AutoCloseable {
    /** An entry that was not added, with the tag the caller gave it (e.g. its LDIF line). */
    public record Rejected(long tag, Dn dn, LdapException reason) {}

    private static final Batch POISON = new Batch(List.of(), List.of());
    private final LmdbBackend b;
    private final int batchSize;
    private final List<AttributeIndex> indexes;
    private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(2);
    private final Thread writer;
    private volatile Consumer<Rejected> onReject = r -> { };
    private volatile Throwable failure;
    private volatile long added;
    private List<Prepared> batch;
    private boolean closed;
    /** Normalised DN -> id of recent entries (writer thread only): parents of what follows. */
    private final Map<String, Long> recent = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> e) {
            return size() > 100_000;
        }
    };

    LmdbBulkLoader(LmdbBackend b, int batchSize) {
        this.b = b;
        this.batchSize = Math.max(1, batchSize);
        this.indexes = new ArrayList<>(b.indexes.values());
        this.batch = new ArrayList<>(this.batchSize);
        this.writer = new Thread(this::writeLoop, "lmdb-bulk-writer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** Where rejections go (called on the writer thread). */
    public LmdbBulkLoader onReject(Consumer<Rejected> consumer) {
        this.onReject = consumer;
        return this;
    }

    /** Entries stored so far (committed). */
    public long added() {
        return added;
    }

    /** Queues a schema-aware entry; {@code tag} comes back with a rejection. */
    public void add(Entry entry, long tag) throws LdapException {
        add(prepare(entry, tag));
    }

    /**
     * Does the CPU work for one entry (record encoding, index keys) without touching LMDB. Safe
     * to call from several threads at once; pass the results to {@link #add(Prepared)} in
     * order (parents first).
     */
    public Prepared prepare(Entry entry, long tag) throws LdapException {
        Dn dn = entry.getDn().isSchemaAware() ? entry.getDn() : new Dn(b.schemaManager, entry.getDn());
        Prepared p = new Prepared();
        p.tag = tag;
        p.dn = dn;
        p.normDn = dn.getNormName();
        p.isSuffix = p.normDn.equals(b.suffix.getNormName());
        if (p.isSuffix) {
            p.rdnKey = b.suffixKey;
            p.upRdn = Keys.utf8(dn.getName());
        } else {
            p.parentDn = dn.getParent();
            p.parentNorm = p.parentDn.getNormName();
            p.rdnKey = Keys.bounded(Keys.utf8(dn.getRdn().getNormName()));
            p.upRdn = Keys.utf8(dn.getRdn().getName());
        }
        p.record = b.codec.encode(entry);
        p.keys = new byte[indexes.size()][][];
        for (int i = 0; i < indexes.size(); i++) {
            p.keys[i] = indexes.get(i).keys(entry).toArray(new byte[0][]);
        }
        return p;
    }

    /** Queues a prepared entry; batches go to the writer thread as they fill. */
    public void add(Prepared p) throws LdapException {
        checkFailure();
        batch.add(p);
        if (batch.size() >= batchSize) {
            submit();
        }
    }

    private void submit() throws LdapException {
        if (batch.isEmpty()) {
            return;
        }
        try {
            queue.put(group(batch));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LdapOtherException("import interrupted");
        }
        batch = new ArrayList<>(batchSize);
    }

    /** Entries of one write transaction, with their index keys grouped and sorted. */
    private record Batch(List<Prepared> items, List<List<Grouped>> keys) {}

    /** One index key and the positions (in the batch) of the entries that have it. */
    private record Grouped(byte[] key, IdList positions) {}

    /**
     * Groups the batch's index keys by key and sorts them (on the caller's thread, so the writer
     * thread only talks to LMDB): each key then costs one MDB_MULTIPLE append per batch, and
     * LMDB visits the keys in order.
     */
    private Batch group(List<Prepared> items) {
        List<List<Grouped>> out = new ArrayList<>(indexes.size());
        for (int i = 0; i < indexes.size(); i++) {
            Map<KeyRef, IdList> m = new HashMap<>();
            for (int pos = 0; pos < items.size(); pos++) {
                for (byte[] k : items.get(pos).keys[i]) {
                    m.computeIfAbsent(new KeyRef(k), x -> new IdList()).add(pos);
                }
            }
            List<Grouped> g = new ArrayList<>(m.size());
            m.forEach((k, v) -> g.add(new Grouped(k.key, v)));
            g.sort((x, y) -> Arrays.compareUnsigned(x.key, y.key));
            out.add(g);
        }
        for (Prepared p : items) {
            p.keys = null; // grouped now; let them go
        }
        return new Batch(items, out);
    }

    /** Stores everything queued, waits for the writer and reports its failure, if any. */
    @Override
    public void close() throws LdapException {
        if (closed) {
            return;
        }
        closed = true;
        submit();
        try {
            queue.put(POISON);
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LdapOtherException("import interrupted");
        }
        checkFailure();
    }

    private void checkFailure() throws LdapException {
        Throwable f = failure;
        if (f instanceof LdapException le) {
            throw le;
        }
        if (f != null) {
            throw new LdapOtherException("bulk load failed: " + f, f);
        }
    }

    private void writeLoop() {
        try {
            while (true) {
                Batch next = queue.take();
                if (next == POISON) {
                    return;
                }
                if (failure == null) {
                    store(next);
                }
            }
        } catch (Throwable t) {
            failure = t;
            queue.clear(); // unblock the producer
            try {
                while (queue.take() != POISON) {
                    queue.clear();
                }
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void store(Batch batchToStore) throws LdapException {
        List<Prepared> items = batchToStore.items();
        List<Rejected> rejected = new ArrayList<>();
        Map<String, Long> newIds = new LinkedHashMap<>();
        long[] idAt = new long[items.size()];
        b.write0(w -> {
            rejected.clear();
            newIds.clear();
            for (int pos = 0; pos < items.size(); pos++) {
                Prepared p = items.get(pos);
                idAt[pos] = -1;
                long parent = 0;
                if (!p.isSuffix) {
                    Long known = newIds.get(p.parentNorm);
                    if (known == null) {
                        known = recent.get(p.parentNorm);
                    }
                    parent = known != null ? known : w.idOf(p.parentDn);
                    if (parent < 0) {
                        rejected.add(new Rejected(p.tag, p.dn, new LdapNoSuchObjectException(
                                "parent " + p.parentDn.getName() + " does not exist (entries must follow their parents)")));
                        continue;
                    }
                }
                if (w.child(parent, p.rdnKey) >= 0) {
                    rejected.add(new Rejected(p.tag, p.dn,
                            new LdapEntryAlreadyExistsException("entry " + p.dn.getName() + " already exists")));
                    continue;
                }
                long id = w.allocateId();
                idAt[pos] = id;
                w.put(b.id2entry, w.s.key(id, null), w.s.val(p.record), PutFlags.MDB_APPEND);
                w.put(b.dn2id, w.s.key(parent, p.rdnKey), w.s.val(id, p.upRdn));
                w.put(b.id2rdn, w.s.key(id, null), w.s.val(parent, p.upRdn), PutFlags.MDB_APPEND);
                newIds.put(p.normDn, id);
            }
            for (int i = 0; i < indexes.size(); i++) {
                // Positions ascend within a key and ids ascend with positions, and every new id is
                // above all stored ones: each key's ids are appended in one call.
                try (Cursor<ByteBuffer> c = indexes.get(i).dbi.openCursor(w.txn)) {
                    for (Grouped g : batchToStore.keys().get(i)) {
                        ByteBuffer buf = idBuffer(g.positions().n);
                        int n = 0;
                        for (int j = 0; j < g.positions().n; j++) {
                            long id = idAt[(int) g.positions().ids[j]];
                            if (id > 0) {
                                buf.putLong(id);
                                n++;
                            }
                        }
                        if (n > 0) {
                            buf.flip();
                            w.appendIds(c, w.s.key(g.key()), buf, n);
                        }
                    }
                }
            }
            return null;
        });
        recent.putAll(newIds);
        added += newIds.size();
        for (Rejected r : rejected) {
            onReject.accept(r);
        }
    }

    private ByteBuffer idBuf = ByteBuffer.allocateDirect(8 * 1024);

    private ByteBuffer idBuffer(int n) {
        if (idBuf.capacity() < n * 8) {
            idBuf = ByteBuffer.allocateDirect(Math.max(n * 8, idBuf.capacity() * 2));
        }
        idBuf.clear();
        return idBuf;
    }

    /** A byte[] map key. */
    private static final class KeyRef {
        final byte[] key;
        final int hash;

        KeyRef(byte[] key) {
            this.key = key;
            this.hash = Arrays.hashCode(key);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof KeyRef k && Arrays.equals(key, k.key);
        }
    }

    /** A growable list of ids. */
    private static final class IdList {
        long[] ids = new long[4];
        int n;

        void add(long id) {
            if (n == ids.length) {
                ids = Arrays.copyOf(ids, n * 2);
            }
            ids[n++] = id;
        }
    }

    /** An entry ready to store: produced by {@link #prepare}, consumed by {@link #add(Prepared)}. */
    public static final class Prepared {
        long tag;
        Dn dn;
        String normDn;
        boolean isSuffix;
        Dn parentDn;
        String parentNorm;
        byte[] rdnKey;
        byte[] upRdn;
        byte[] record;
        byte[][][] keys;
    }
}
