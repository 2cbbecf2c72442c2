package dev.herald.ldap.directory;

import static dev.herald.ldap.directory.TestDirectory.ADMIN;
import static dev.herald.ldap.directory.TestDirectory.ALICE;
import static dev.herald.ldap.directory.TestDirectory.BOB;
import static dev.herald.ldap.directory.TestDirectory.SUFFIX;
import static dev.herald.ldap.directory.TestDirectory.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.entry.Value;
import org.apache.directory.api.ldap.model.filter.FilterParser;
import org.apache.directory.api.ldap.model.message.SearchScope;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

import dev.herald.ldap.backend.lmdb.LmdbBackend;
import dev.herald.ldap.backend.lmdb.LmdbOptions;
import dev.herald.ldap.schema.HeraldSchema;
import dev.herald.ldap.settings.ServerSettings;

/**
 * Searches over LMDB, which decodes only the attributes a search tests or returns
 * ({@link EntryProjection}), give exactly what the in-memory backend, which always hands over
 * whole entries, gives: the same entries with the same attributes (as stored names) and values.
 */
class SearchProjectionTest {

    @TempDir
    static Path data;
    static LmdbBackend lmdb;
    static DirectoryService onLmdb;
    static DirectoryService inMemory;

    @BeforeAll
    static void load() throws Exception {
        SchemaManager schema = HeraldSchema.shared();
        ServerSettings settings = ServerSettings.defaults(SUFFIX, ADMIN);
        lmdb = new LmdbBackend(schema, LmdbOptions.builder(data, SUFFIX).durable(false).build());
        onLmdb = new DirectoryService(schema, lmdb, settings, Clock.systemUTC());
        try (Reader in = new InputStreamReader(
                SearchProjectionTest.class.getResourceAsStream("/dev/herald/ldap/test-data.ldif"), StandardCharsets.UTF_8)) {
            LdifLoader.load(onLmdb, in, "test-data.ldif");
        }
        inMemory = TestDirectory.create(settings);
    }

    @AfterAll
    static void close() {
        lmdb.close();
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "(uid=bob);cn mail",
        "(&(objectClass=person)(uid=alice));cn mail",
        "(&(objectClass=inetOrgPerson)(uid=bob));sn",
        "(objectClass=person);",
        "(objectClass=*);*",
        "(objectClass=*);+",
        "(objectClass=*);* +",
        "(objectClass=*);1.1",
        "(name=alice smith);uid",
        "(cn=alice*);mail",
        "(telephoneNumber=*555-01*);cn",
        "(|(uid=alice)(!(sn=jones)));givenName",
        "(uidNumber:1.2.840.113556.1.4.803:=1);uid",
        "(uid:caseExactMatch:=alice);cn",
        "(ou:dn:=people);cn",
        "(:caseIgnoreMatch:=alice smith);uid",
        "(userPassword=*);cn",
        "(createTimestamp>=19700101000000Z);modifyTimestamp",
        "(mail~=ALICE@example.com);name",
        "(unknownAttr=x);cn",
        "(!(unknownAttr=x));cn",
    })
    void sameEntriesAsWholeEntrySearch(String filter, String attrs) throws Exception {
        List<String> attributes = attrs == null ? List.of() : List.of(attrs.trim().split(" "));
        for (String who : List.of(ALICE, BOB, ADMIN)) {
            Requestor r = as(who);
            assertThat(render(onLmdb, r, filter, attributes)).as(who + " " + filter + " " + attributes)
                    .isEqualTo(render(inMemory, r, filter, attributes));
        }
    }

    /** DN -> attribute names and values as returned, in a stable order. */
    static TreeMap<String, TreeSet<String>> render(DirectoryService dir, Requestor who, String filter,
            List<String> attributes) throws Exception {
        TreeMap<String, TreeSet<String>> out = new TreeMap<>();
        List<Entry> entries = new ArrayList<>();
        dir.search(who, new SearchSpec(new Dn(SUFFIX), SearchScope.SUBTREE, FilterParser.parse(filter), attributes, false),
                () -> { throw new AssertionError("no root DSE here"); },
                new SearchListener() {
                    @Override
                    public boolean entry(Entry entry) {
                        entries.add(entry);
                        return true;
                    }

                    @Override
                    public boolean stopRequested() {
                        return false;
                    }
                });
        for (Entry e : entries) {
            TreeSet<String> lines = new TreeSet<>();
            for (Attribute a : e) {
                for (Value v : a) {
                    // Operational timestamps and UUIDs differ between the two loads: names only.
                    boolean volatileValue = !a.getAttributeType().isUser();
                    lines.add(a.getUpId() + ": " + (volatileValue ? "..." : v.getString()));
                }
                if (a.size() == 0) {
                    lines.add(a.getUpId());
                }
            }
            out.put(e.getDn().getName(), lines);
        }
        return out;
    }
}
