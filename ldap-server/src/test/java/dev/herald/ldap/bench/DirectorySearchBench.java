package dev.herald.ldap.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.filter.FilterParser;
import org.apache.directory.api.ldap.model.message.SearchScope;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.SchemaManager;

import dev.herald.ldap.backend.lmdb.LmdbBackend;
import dev.herald.ldap.backend.lmdb.LmdbOptions;
import dev.herald.ldap.directory.DirectoryService;
import dev.herald.ldap.directory.Requestor;
import dev.herald.ldap.directory.SearchListener;
import dev.herald.ldap.directory.SearchSpec;
import dev.herald.ldap.settings.ServerSettings;
import dev.herald.ldap.tools.StandardSchema;

/**
 * Benchmark (not a test): indexed equality searches through the directory layer, as the LDAP
 * search handler calls it (filter normalisation, access, the backend's candidates, filter
 * evaluation, the returned attributes), without network or LDAP encoding:
 * {@code (uid=userN)}, N random, subtree from the suffix, as a bound user. Usage:
 * {@code DirectorySearchBench DATA_DIR PEOPLE SECONDS THREADS [ATTR...]}; attributes as a
 * client asks for them ({@code +} for the operational ones), none for all user attributes.
 */
public final class DirectorySearchBench {
    private DirectorySearchBench() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int people = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        int threads = Integer.parseInt(args[3]);
        List<String> attributes = List.of(args).subList(4, args.length);
        SchemaManager sm = StandardSchema.load();
        String suffix = LmdbBackend.storedSuffix(dir);
        try (LmdbBackend b = new LmdbBackend(sm, LmdbOptions.builder(dir, suffix).build().asReadOnly())) {
            DirectoryService directory = new DirectoryService(sm, b,
                    ServerSettings.defaults(suffix, "cn=admin," + suffix), Clock.systemUTC());
            Requestor who = new Requestor(new Dn(sm, "uid=user1,ou=people," + suffix));
            Dn base = new Dn(suffix);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicBoolean measuring = new AtomicBoolean();
            AtomicLong ops = new AtomicLong();
            AtomicLong misses = new AtomicLong();
            AtomicLong attrs = new AtomicLong();
            List<Thread> ts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Thread th = new Thread(() -> {
                    ThreadLocalRandom rnd = ThreadLocalRandom.current();
                    try {
                        while (!stop.get()) {
                            SearchSpec spec = new SearchSpec(base, SearchScope.SUBTREE,
                                    FilterParser.parse("(uid=user" + rnd.nextInt(people) + ")"), attributes, false);
                            List<Entry> hits = new ArrayList<>(1);
                            directory.search(who, spec, () -> null, new SearchListener() {
                                @Override
                                public boolean entry(Entry e) {
                                    hits.add(e);
                                    return true;
                                }

                                @Override
                                public boolean stopRequested() {
                                    return false;
                                }
                            });
                            if (hits.size() != 1) {
                                misses.incrementAndGet();
                            } else {
                                attrs.addAndGet(hits.get(0).size());
                            }
                            if (measuring.get()) {
                                ops.incrementAndGet();
                            }
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                ts.add(th);
                th.start();
            }
            Thread.sleep(Math.min(5000, seconds * 500L)); // warm-up (JIT)
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            measuring.set(true);
            Thread.sleep(seconds * 1000L);
            measuring.set(false);
            long elapsed = System.nanoTime() - t0;
            long cpu = os.getProcessCpuTime() - cpu0;
            stop.set(true);
            for (Thread th : ts) {
                th.join();
            }
            double rate = ops.get() / (elapsed / 1e9);
            System.out.printf(Locale.ROOT, "searches/s %.0f  cpu-us/search %.1f  threads %d  misses %d  attributes/entry %.1f%n",
                    rate, cpu / 1e3 / Math.max(1, ops.get()), threads, misses.get(),
                    attrs.get() / (double) Math.max(1, ops.get() + 1));
        }
    }
}
