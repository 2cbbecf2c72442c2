package dev.herald.ldap.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.directory.api.ldap.model.filter.EqualityNode;
import org.apache.directory.api.ldap.model.message.SearchScope;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.api.ldap.model.schema.SchemaManager;

import dev.herald.ldap.backend.lmdb.LmdbBackend;
import dev.herald.ldap.backend.lmdb.LmdbOptions;
import dev.herald.ldap.tools.StandardSchema;

/**
 * Benchmark (not a test): indexed equality searches {@code (uid=userN)}, N random, at the backend
 * level: each search opens a read transaction, plans, reads the hit and closes, as the server
 * does per LDAP search. Usage: {@code SearchRateBench DATA_DIR PEOPLE SECONDS THREADS [and]}; with
 * {@code and} the filter is {@code (&(objectClass=inetOrgPerson)(uid=userN))}.
 */
public final class SearchRateBench {
    private SearchRateBench() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int people = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        int threads = Integer.parseInt(args[3]);
        boolean withObjectClass = args.length > 4 && args[4].equals("and");
        SchemaManager sm = StandardSchema.load();
        String suffix = LmdbBackend.storedSuffix(dir);
        try (LmdbBackend b = new LmdbBackend(sm, LmdbOptions.builder(dir, suffix).build().asReadOnly())) {
            Dn base = new Dn(sm, suffix);
            AttributeType uid = sm.lookupAttributeTypeRegistry("uid");
            AttributeType oc = sm.lookupAttributeTypeRegistry("objectClass");
            EqualityNode<String> personNode = new EqualityNode<>(oc,
                    new org.apache.directory.api.ldap.model.entry.Value(oc, "inetOrgPerson"));
            AtomicBoolean stop = new AtomicBoolean();
            AtomicBoolean measuring = new AtomicBoolean();
            AtomicLong ops = new AtomicLong();
            AtomicLong misses = new AtomicLong();
            List<Thread> ts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Thread th = new Thread(() -> {
                    ThreadLocalRandom rnd = ThreadLocalRandom.current();
                    try {
                        while (!stop.get()) {
                            EqualityNode<String> eq = new EqualityNode<>(uid,
                                    new org.apache.directory.api.ldap.model.entry.Value(uid, "user" + rnd.nextInt(people)));
                            org.apache.directory.api.ldap.model.filter.ExprNode f = eq;
                            if (withObjectClass) {
                                f = new org.apache.directory.api.ldap.model.filter.AndNode(personNode, eq);
                            }
                            long[] hits = {0};
                            try (var r = b.openRead()) {
                                r.search(base, SearchScope.SUBTREE, f, 1000, e -> ++hits[0] > 0);
                            }
                            if (hits[0] != 1) {
                                misses.incrementAndGet();
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
            System.out.printf(Locale.ROOT, "searches/s %.0f  cpu-us/search %.1f  threads %d  misses %d%n", rate,
                    cpu / 1e3 / Math.max(1, ops.get()), threads, misses.get());
        }
    }
}
