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
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.DefaultEntry;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.entry.Value;
import org.apache.directory.api.ldap.model.filter.FilterParser;
import org.apache.directory.api.ldap.model.message.SearchScope;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.herald.ldap.backend.lmdb.LmdbBackend;
import dev.herald.ldap.backend.lmdb.LmdbOptions;
import dev.herald.ldap.schema.HeraldSchema;
import dev.herald.ldap.settings.ServerSettings;

/**
 * Searches whose listener takes {@link ReturnedEntry}s (the server's search handler) go through
 * the stored-candidate path: only the tested attributes are decoded, the returned ones are
 * copied as stored. They must return exactly what the whole-entry path returns, over LMDB and
 * over the in-memory backend: the same DNs (as given), attribute descriptions, values in order,
 * userPassword only where readable, typesOnly, {@code *}, {@code +}, {@code 1.1}, subtypes.
 */
class StoredSearchTest {

    @TempDir
    static Path data;
    static LmdbBackend lmdb;
    static DirectoryService onLmdb;
    static DirectoryService inMemory;

    /** Entries with unusual names and values, added to both directories. */
    private static final String[] EXTRA = {
        "dn: cn= Odd\\, Name + sn=X ,ou=people,dc=example,dc=com\nobjectClass: person\ncn:  Odd, Name \nsn: X\n"
                + "description: first\ndescription: second\ndescription: third\n",
        "dn: CN=Binary\\20Guy,OU=People,DC=Example,DC=com\nobjectClass: inetOrgPerson\ncn: Binary Guy\nsn: Guy\n"
                + "userPKCS12:: AAECAwT/\nuserPassword: secret\n",
        "dn: uid=long,ou=people,dc=example,dc=com\nobjectClass: inetOrgPerson\nuid: long\nsn: L\n"
                + "description: " + "y".repeat(70_000) + "\nCommonName: Long2\n",
    };

    @BeforeAll
    static void load() throws Exception {
        SchemaManager schema = HeraldSchema.shared();
        ServerSettings settings = ServerSettings.defaults(SUFFIX, ADMIN);
        lmdb = new LmdbBackend(schema, LmdbOptions.builder(data, SUFFIX).durable(false).build());
        onLmdb = new DirectoryService(schema, lmdb, settings, Clock.systemUTC());
        try (Reader in = new InputStreamReader(
                StoredSearchTest.class.getResourceAsStream("/dev/herald/ldap/test-data.ldif"), StandardCharsets.UTF_8)) {
            LdifLoader.load(onLmdb, in, "test-data.ldif");
        }
        inMemory = TestDirectory.create(settings);
        for (DirectoryService d : List.of(onLmdb, inMemory)) {
            for (String ldif : EXTRA) {
                try (Reader in = new java.io.StringReader(ldif)) {
                    LdifLoader.load(d, in, "extra");
                }
            }
        }
    }

    @AfterAll
    static void close() {
        lmdb.close();
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "(uid=bob);cn mail",
        "(&(objectClass=person)(uid=alice));cn mail",
        "(objectClass=person);",
        "(objectClass=*);*",
        "(objectClass=*);+",
        "(objectClass=*);* +",
        "(objectClass=*);1.1",
        "(objectClass=*);userPassword description",
        "(name=alice smith);uid",
        "(cn=*odd*);name",
        "(sn=x);cn",
        "(cn=binary guy);*",
        "(uid=long);cn description",
        "(|(uid=alice)(!(sn=jones)));givenName",
        "(uid:caseExactMatch:=alice);cn",
        "(ou:dn:=people);cn",
        "(:caseIgnoreMatch:=alice smith);uid",
        "(userPassword=*);cn",
        "(createTimestamp>=19700101000000Z);modifyTimestamp",
        "(objectClass=*);hasSubordinates cn",
        "(|(unknownAttr=x)(uid=bob));cn",
    })
    void sameAsWholeEntrySearch(String filter, String attrs) throws Exception {
        List<String> attributes = attrs == null ? List.of() : List.of(attrs.trim().split(" "));
        for (DirectoryService dir : List.of(onLmdb, inMemory)) {
            for (String who : List.of(ALICE, BOB, ADMIN)) {
                for (boolean typesOnly : new boolean[] {false, true}) {
                    Requestor r = as(who);
                    Rendered stored = render(dir, r, filter, attributes, typesOnly, true);
                    assertThat(stored.entries).as(who + " " + filter + " " + attributes + " typesOnly " + typesOnly)
                            .isEqualTo(render(dir, r, filter, attributes, typesOnly, false).entries);
                    assertThat(stored.entries).isNotEmpty().as("filter matches something");
                }
            }
        }
    }

    @Test
    void plainSearchesOverLmdbComeAsStoredEntries() throws Exception {
        Rendered r = render(onLmdb, as(BOB), "(uid=alice)", List.of("cn", "mail", "userPassword"), false, true);
        assertThat(r.returnedEntries).isEqualTo(1);
        assertThat(r.entries.get("uid=alice,ou=people,dc=example,dc=com")).noneMatch(l -> l.startsWith("userPassword"));
        Rendered own = render(onLmdb, as(ALICE), "(uid=alice)", List.of("userPassword"), false, true);
        assertThat(own.entries.get("uid=alice,ou=people,dc=example,dc=com")).anyMatch(l -> l.startsWith("userPassword"));
        // computed attributes need whole entries
        Rendered computed = render(onLmdb, as(BOB), "(uid=alice)", List.of("hasSubordinates"), false, true);
        assertThat(computed.returnedEntries).isZero();
        assertThat(computed.entries).hasSize(1);
    }

    record Rendered(TreeMap<String, TreeSet<String>> entries, int returnedEntries) {}

    /** DN -> one line per attribute (description and values in order), whichever way entries came. */
    static Rendered render(DirectoryService dir, Requestor who, String filter, List<String> attributes,
            boolean typesOnly, boolean takeReturned) throws Exception {
        TreeMap<String, TreeSet<String>> out = new TreeMap<>();
        int[] returned = {0};
        dir.search(who, new SearchSpec(new Dn(SUFFIX), SearchScope.SUBTREE, FilterParser.parse(filter), attributes,
                typesOnly), () -> { throw new AssertionError("no root DSE here"); },
                new SearchListener() {
                    @Override
                    public boolean entry(Entry entry) {
                        TreeSet<String> lines = new TreeSet<>();
                        for (Attribute a : entry) {
                            List<String> values = new ArrayList<>();
                            for (Value v : a) {
                                values.add(HexFormat.of().formatHex(v.isHumanReadable()
                                        ? v.getString().getBytes(StandardCharsets.UTF_8) : v.getBytes()));
                            }
                            lines.add(a.getUpId() + " " + values);
                        }
                        assertThat(out.put(entry.getDn().getName(), lines)).isNull();
                        return true;
                    }

                    @Override
                    public boolean takesReturnedEntries() {
                        return takeReturned;
                    }

                    @Override
                    public boolean entry(ReturnedEntry entry) {
                        returned[0]++;
                        TreeSet<String> lines = new TreeSet<>();
                        for (int k = 0; k < entry.size(); k++) {
                            List<String> values = new ArrayList<>();
                            for (int v = entry.firstValue(k); v < entry.firstValue(k + 1); v++) {
                                values.add(HexFormat.of().formatHex(entry.valueBuffer(v), entry.valueOffset(v),
                                        entry.valueOffset(v) + entry.valueLength(v)));
                            }
                            lines.add(new String(entry.description(k), StandardCharsets.UTF_8) + " " + values);
                        }
                        assertThat(out.put(entry.dn(), lines)).isNull();
                        return true;
                    }

                    @Override
                    public boolean stopRequested() {
                        return false;
                    }
                });
        return new Rendered(out, returned[0]);
    }
}
