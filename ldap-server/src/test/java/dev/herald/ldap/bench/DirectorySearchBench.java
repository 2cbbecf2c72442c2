package dev.herald.ldap.bench;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
            AtomicLong attrs = new AtomicLong();
            SearchLoop.Result r = SearchLoop.run(threads, seconds, rnd -> {
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
                    return false;
                }
                attrs.addAndGet(hits.get(0).size());
                return true;
            });
            System.out.printf(Locale.ROOT, "searches/s %.0f  cpu-us/search %.1f  threads %d  misses %d  attributes/entry %.1f%n",
                    r.rate(), r.cpuMicrosPerSearch(), threads, r.misses(),
                    attrs.get() / (double) Math.max(1, r.ops() + 1));
        }
    }
}
