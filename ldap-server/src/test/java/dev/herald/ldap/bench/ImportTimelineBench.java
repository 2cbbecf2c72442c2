package dev.herald.ldap.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

import org.apache.directory.api.ldap.model.schema.SchemaManager;

import dev.herald.ldap.backend.lmdb.LmdbBackend;
import dev.herald.ldap.backend.lmdb.LmdbOptions;
import dev.herald.ldap.tools.ImportReport;
import dev.herald.ldap.tools.LdifImporter;
import dev.herald.ldap.tools.ProgressListener;
import dev.herald.ldap.tools.StandardSchema;

/**
 * Benchmark (not a test): one import in a fresh JVM, printing wall and process CPU seconds at
 * every 10,000 records read, to show how long the JIT warm-up lasts. Records are read somewhat
 * ahead of storage (queues), so the last line is the one that counts. Usage:
 * {@code ImportTimelineBench LDIF}.
 */
public final class ImportTimelineBench {
    private ImportTimelineBench() {}

    public static void main(String[] args) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long t0 = System.nanoTime();
        SchemaManager sm = StandardSchema.load();
        System.out.printf(Locale.ROOT, "schema: wall %.2f s cpu %.2f s%n", (System.nanoTime() - t0) / 1e9,
                os.getProcessCpuTime() / 1e9);
        Path dir = Files.createTempDirectory("timeline");
        long[] next = {10_000};
        ProgressListener p = new ProgressListener() {
            @Override
            public void progress(long entries, long charsRead, long totalChars, Duration elapsed) {
                if (entries >= next[0]) {
                    next[0] += 10_000;
                    System.out.printf(Locale.ROOT, "%7d read: wall %.2f s cpu %.2f s%n", entries,
                            (System.nanoTime() - t0) / 1e9, os.getProcessCpuTime() / 1e9);
                }
            }

            @Override
            public void finished(long entries, Duration elapsed) {
                System.out.printf(Locale.ROOT, "%7d done: wall %.2f s cpu %.2f s%n", entries,
                        (System.nanoTime() - t0) / 1e9, os.getProcessCpuTime() / 1e9);
            }
        };
        try (LmdbBackend b = new LmdbBackend(sm, LmdbOptions.builder(dir, "dc=example,dc=com").build().asBulk())) {
            ImportReport r = new LdifImporter(sm).progress(p).importFile(Path.of(args[0]), b);
            System.out.println(r.added() + " added");
        }
        System.out.printf(Locale.ROOT, "closed: wall %.2f s cpu %.2f s%n", (System.nanoTime() - t0) / 1e9,
                os.getProcessCpuTime() / 1e9);
    }
}
