package dev.herald.ldap.bench;

import java.nio.file.Path;
import java.util.Locale;

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
            SearchLoop.Result r = SearchLoop.run(threads, seconds, rnd -> {
                EqualityNode<String> eq = new EqualityNode<>(uid,
                        new org.apache.directory.api.ldap.model.entry.Value(uid, "user" + rnd.nextInt(people)));
                org.apache.directory.api.ldap.model.filter.ExprNode f = eq;
                if (withObjectClass) {
                    f = new org.apache.directory.api.ldap.model.filter.AndNode(personNode, eq);
                }
                long[] hits = {0};
                try (var txn = b.openRead()) {
                    txn.search(base, SearchScope.SUBTREE, f, 1000, e -> ++hits[0] > 0);
                }
                return hits[0] == 1;
            });
            System.out.printf(Locale.ROOT, "searches/s %.0f  cpu-us/search %.1f  threads %d  misses %d%n", r.rate(),
                    r.cpuMicrosPerSearch(), threads, r.misses());
        }
    }
}
