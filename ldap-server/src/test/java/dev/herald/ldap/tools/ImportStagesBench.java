package dev.herald.ldap.tools;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.SchemaManager;

import dev.herald.ldap.backend.lmdb.LmdbBackend;
import dev.herald.ldap.backend.lmdb.LmdbBulkLoader;
import dev.herald.ldap.backend.lmdb.LmdbOptions;
import dev.herald.ldap.directory.SchemaValues;

/**
 * Benchmark (not a test): CPU microseconds per entry of each stage of an LDIF import, on one
 * thread, after warm-up (so without JIT compilation): LDIF framing and parsing, making the entry
 * schema-aware, the schema check, the operational attributes, and the bulk loader's
 * preparation (record encoding and index keys). The schema-aware entry is built as
 * {@link LdifImporter} builds it. Usage: {@code ImportStagesBench LDIF [ROUNDS]}.
 */
public final class ImportStagesBench {
    private ImportStagesBench() {}

    public static void main(String[] args) throws Exception {
        Path ldif = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        SchemaManager sm = StandardSchema.load();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Path dir = Files.createTempDirectory("stages");
        SchemaValues values = new SchemaValues(sm);
        RecordParser parser = new RecordParser(sm);
        EntryValidator check = LdifImporter.schemaChecks(sm);
        OperationalAttributes ops = LdifImporter.serverOperationalAttributes(new Dn(sm, "cn=import"), Clock.systemUTC());
        try (LmdbBackend b = new LmdbBackend(sm, LmdbOptions.builder(dir, "dc=example,dc=com").build().asBulk());
                LmdbBulkLoader loader = b.bulkLoader(10_000)) {
            for (int round = 0; round < rounds; round++) {
                long c0 = mx.getCurrentThreadCpuTime();
                List<RecordParser.Parsed> records = new ArrayList<>();
                try (var in = Files.newBufferedReader(ldif)) {
                    LdifRecords framing = new LdifRecords(in);
                    for (LdifRecords.Raw raw = framing.next(); raw != null; raw = framing.next()) {
                        records.add(parser.parse(raw.lines()));
                    }
                }
                long c1 = mx.getCurrentThreadCpuTime();
                List<Entry> aware = new ArrayList<>(records.size());
                for (RecordParser.Parsed e : records) {
                    aware.add(values.entry(e.header().getDn(), e.descriptions(), e.values()));
                }
                long c2 = mx.getCurrentThreadCpuTime();
                for (Entry e : aware) {
                    check.validate(e);
                }
                long c3 = mx.getCurrentThreadCpuTime();
                for (Entry e : aware) {
                    ops.apply(e);
                }
                long c4 = mx.getCurrentThreadCpuTime();
                long n = 0;
                for (Entry e : aware) {
                    n += loader.prepare(e, 0).hashCode() & 1;
                }
                long c5 = mx.getCurrentThreadCpuTime();
                double k = records.size() / 1e3;
                System.out.printf(Locale.ROOT, "round %d: %d entries  parse %.1f  aware %.1f  check %.1f  ops %.1f  prepare %.1f  = %.1f us/entry%n",
                        round, records.size(), (c1 - c0) / k / 1e6, (c2 - c1) / k / 1e6, (c3 - c2) / k / 1e6,
                        (c4 - c3) / k / 1e6, (c5 - c4) / k / 1e6, (c5 - c0) / k / 1e6 + n * 0);
            }
        } finally {
            try (var s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
