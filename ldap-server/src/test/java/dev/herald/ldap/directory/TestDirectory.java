package dev.herald.ldap.directory;

import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.filter.FilterParser;
import org.apache.directory.api.ldap.model.message.SearchScope;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.SchemaManager;

import dev.herald.ldap.backend.memory.InMemoryBackend;
import dev.herald.ldap.schema.HeraldSchema;
import dev.herald.ldap.settings.ServerSettings;

/** A directory over the in-memory backend, loaded with test-data.ldif. */
public final class TestDirectory {

    public static final String SUFFIX = "dc=example,dc=com";
    public static final String ADMIN = "cn=admin,dc=example,dc=com";
    public static final String ALICE = "uid=alice,ou=people,dc=example,dc=com";
    public static final String BOB = "uid=bob,ou=people,dc=example,dc=com";

    private TestDirectory() {}

    public static DirectoryService create(ServerSettings settings) throws Exception {
        SchemaManager schema = HeraldSchema.shared();
        InMemoryBackend backend = new InMemoryBackend(new Dn(schema, settings.suffix()));
        DirectoryService dir = new DirectoryService(schema, backend, settings, Clock.systemUTC());
        try (Reader in = new InputStreamReader(
                TestDirectory.class.getResourceAsStream("/dev/herald/ldap/test-data.ldif"), StandardCharsets.UTF_8)) {
            LdifLoader.load(dir, in, "test-data.ldif");
        }
        return dir;
    }

    public static DirectoryService create() throws Exception {
        return create(ServerSettings.defaults(SUFFIX, ADMIN));
    }

    public static Requestor as(String dn) throws LdapException {
        return new Requestor(new Dn(HeraldSchema.shared(), dn));
    }

    /** Runs a search and returns the entries. */
    public static List<Entry> search(DirectoryService dir, Requestor who, String base, SearchScope scope,
            String filter, String... attrs) throws Exception {
        List<Entry> out = new ArrayList<>();
        dir.search(who, new SearchSpec(new Dn(base), scope, FilterParser.parse(filter), List.of(attrs), false),
                () -> { throw new AssertionError("no root DSE here"); },
                new SearchListener() {
                    @Override
                    public boolean entry(Entry entry) {
                        out.add(entry);
                        return true;
                    }

                    @Override
                    public boolean stopRequested() {
                        return false;
                    }
                });
        return out;
    }
}
