package dev.herald.ldap.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.filter.FilterParser;
import org.apache.directory.api.ldap.model.ldif.LdifEntry;
import org.apache.directory.api.ldap.model.ldif.LdifReader;
import org.apache.directory.api.ldap.model.message.SearchScope;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.herald.ldap.backend.lmdb.LmdbBackend;
import dev.herald.ldap.backend.lmdb.LmdbOptions;
import dev.herald.ldap.backend.lmdb.TestSchema;

@Timeout(180)
class LdifImportExportTest {
    static final String SUFFIX = "dc=example,dc=com";

    @TempDir
    Path tmp;

    static SchemaManager sm() {
        return TestSchema.get();
    }

    LmdbBackend open(String name) throws Exception {
        return new LmdbBackend(sm(), LmdbOptions.builder(tmp.resolve(name), SUFFIX).initialMapSize(16 << 20)
                .index("employeeNumber", dev.herald.ldap.backend.lmdb.IndexKind.EQUALITY).durable(false).build());
    }

    @Test
    void importsOneHundredThousandEntriesWithConsistentIndexes() throws Exception {
        int people = 100_000;
        Path ldif = tmp.resolve("big.ldif");
        TestLdif.write(ldif, people);
        List<Long> ticks = new ArrayList<>();
        ImportReport report;
        // as import-ldif opens it (no sync per batch, MDB_WRITEMAP), from a small map that must grow
        LmdbOptions bulk = LmdbOptions.builder(tmp.resolve("big"), SUFFIX).initialMapSize(8 << 20).build().asBulk();
        try (LmdbBackend b = new LmdbBackend(sm(), bulk)) {
            report = new LdifImporter(sm()).progress((e, c, t, d) -> ticks.add(e)).importFile(ldif, b);
            assertThat(b.mapSize()).isGreaterThan(8 << 20);
            assertThat(report.rejections()).isEmpty();
            assertThat(report.read()).isEqualTo(TestLdif.entries(people));
            assertThat(report.added()).isEqualTo(TestLdif.entries(people));
            assertThat(ticks).isNotEmpty();
            assertThat(b.verify()).isEmpty();
            try (var r = b.openRead()) {
                List<Entry> hits = new ArrayList<>();
                r.search(new Dn(sm(), SUFFIX), SearchScope.SUBTREE, FilterParser.parse(sm(), "(uid=USER77777)"), 0,
                        hits::add);
                assertThat(hits).hasSize(1);
                assertThat(hits.get(0).get("entryUUID")).isNotNull();
                assertThat(hits.get(0).get("createTimestamp")).isNotNull();
                long[] n = {0};
                r.search(new Dn(sm(), "ou=people," + SUFFIX), SearchScope.ONELEVEL,
                        FilterParser.parse(sm(), "(objectClass=*)"), 0, e -> ++n[0] > 0);
                assertThat(n[0]).isEqualTo(people);
            }
        }
        System.out.println("import of " + report.added() + " entries: " + report.summary());
    }

    @Test
    void everyIndexKindAnswersAfterAnImportOfManyBatches() throws Exception {
        int people = 3000;
        Path ldif = tmp.resolve("batches.ldif");
        TestLdif.write(ldif, people);
        LmdbOptions bulk = LmdbOptions.builder(tmp.resolve("batches"), SUFFIX).initialMapSize(8 << 20).build().asBulk();
        try (LmdbBackend b = new LmdbBackend(sm(), bulk)) {
            // small batches: each index key gets ids appended by many transactions
            ImportReport report = new LdifImporter(sm()).batchSize(170).importFile(ldif, b);
            assertThat(report.rejections()).isEmpty();
            assertThat(report.added()).isEqualTo(TestLdif.entries(people));
            assertThat(b.verify()).isEmpty();
            // equality, presence and substring (initial, any, final) keys, the objectClass
            // superclasses and a DN-valued attribute
            java.util.Map<String, Integer> expected = new java.util.LinkedHashMap<>();
            expected.put("(uid=user2999)", 1);
            expected.put("(uid=USER17)", 1);
            expected.put("(mail=*)", people);
            expected.put("(mail=user12*)", 111); // user12, user120-129, user1200-1299
            expected.put("(cn=*ser 12*)", 111);
            expected.put("(cn=*99 example)", 30); // User 99, x99 and xx99 below 3000
            expected.put("(cn=*Example)", people);
            expected.put("(objectClass=person)", people);
            expected.put("(objectClass=groupOfNames)", people / 1000);
            expected.put("(member=uid=user5,ou=people,dc=example,dc=com)", 1);
            expected.put("(member=*)", people / 1000);
            expected.put("(&(objectClass=inetOrgPerson)(mail=*@example.com)(uid=user2*))", 1111);
            try (var r = b.openRead()) {
                for (var e : expected.entrySet()) {
                    long[] n = {0};
                    r.search(new Dn(sm(), SUFFIX), SearchScope.SUBTREE, FilterParser.parse(sm(), e.getKey()), 0,
                            x -> ++n[0] > 0);
                    assertThat(n[0]).as(e.getKey()).isEqualTo(e.getValue().longValue());
                }
            }
        }
    }

    @Test
    void rejectionsNameTheirLineAndReason() throws Exception {
        String ldif = String.join("\n",
                "version: 1",
                "",
                "dn: dc=example,dc=com",          // 3
                "objectClass: domain",
                "dc: example",
                "",
                "# a comment before the record",
                "dn: uid=orphan,ou=missing,dc=example,dc=com", // 8
                "objectClass: account",
                "uid: orphan",
                "",
                "dn: ou=people,dc=example,dc=com", // 12
                "objectClass: organizationalUnit",
                "ou: people",
                "",
                "dn: ou=people,dc=example,dc=com", // 16 duplicate
                "objectClass: organizationalUnit",
                "ou: people",
                "",
                "dn: uid=a,ou=people,dc=example,dc=com", // 20 unknown attribute
                "objectClass: account",
                "uid: a",
                "shoeSize: 42",
                "",
                "dn: cn=b,ou=people,dc=example,dc=com", // 25 person without sn
                "objectClass: person",
                "cn: b",
                "",
                "dn: uid=d,dc=other,dc=org", // 29 outside the suffix
                "objectClass: account",
                "uid: d",
                "",
                "dn: uid=e,ou=people,dc=example,dc=com", // 33 fine
                "objectClass: account",
                "uid: e",
                "description: a description that is long enough to be folded onto",
                "  a continuation line",
                "",
                "dn: uid=f,ou=people,dc=example,dc=com", // 39 attribute not allowed by account
                "objectClass: account",
                "uid: f",
                "mail: f@example.com",
                "");
        try (LmdbBackend b = open("small")) {
            ImportReport report = new LdifImporter(sm()).importFrom(new StringReader(ldif), -1, b);
            assertThat(report.added()).isEqualTo(3);
            assertThat(report.rejectedCount()).isEqualTo(6);
            assertThat(report.rejections()).extracting(ImportReport.Rejection::line)
                    .containsExactly(8L, 16L, 20L, 25L, 29L, 39L);
            assertThat(report.rejections().get(0).reason()).contains("parent", "does not exist");
            assertThat(report.rejections().get(1).reason()).contains("already exists");
            assertThat(report.rejections().get(2).reason()).contains("unknown attribute type 'shoeSize'");
            assertThat(report.rejections().get(3).reason()).contains("schema violation", "sn");
            assertThat(report.rejections().get(4).reason()).contains("outside the suffix");
            assertThat(report.rejections().get(5).reason()).contains("schema violation", "mail");
            assertThat(report.summary()).contains("line 16: ou=people,dc=example,dc=com");
            assertThat(b.verify()).isEmpty();
        }
    }

    @Test
    void valuesAreCheckedAsTheServerChecksAnAddRequest() throws Exception {
        String ldif = String.join("\n",
                "dn: dc=example,dc=com",                  // 1
                "objectClass: domain",
                "dc: example",
                "",
                "dn: cn=twice,dc=example,dc=com",         // 5 equal values after normalisation
                "objectClass: person",
                "cn: twice",
                "cn: TWICE",
                "sn: t",
                "",
                "dn: cn=bad time,dc=example,dc=com",      // 11 invalid per syntax
                "objectClass: person",
                "cn: bad time",
                "sn: t",
                "createTimestamp: yesterday",
                "",
                "dn: cn=two names,dc=example,dc=com",     // 17 one attribute under two names
                "objectClass: person",
                "cn: two names",
                "commonName: two names again",
                "sn: t",
                "",
                "dn: cn=Fine+sn=Spaced ,  dc=Example,DC=com", // 23 accepted, its parent named differently
                "objectClass: person",
                "cn: fine",
                "sn: spaced",
                "",
                "dn: cn=a\\,b,dc=example,dc=com",        // 28 accepted, escaped comma
                "objectClass: person",
                "cn: a,b",
                "sn: t",
                "",
                "dn: shoeSize=42,dc=example,dc=com",     // 33 a DN naming an unknown type
                "objectClass: person",
                "cn: x",
                "sn: x",
                "",
                "dn: ou=same,dc=example,dc=com",         // 38 accepted: a verbatim repeat counts once
                "objectClass: organizationalUnit",
                "ou: same",
                "ou: same",
                "OU: same",
                "description:: ZGVzY3JpYmVk",            // base64 "described"
                "");
        try (LmdbBackend b = open("values")) {
            ImportReport report = new LdifImporter(sm()).importFrom(new StringReader(ldif), -1, b);
            assertThat(report.rejections()).extracting(ImportReport.Rejection::line).containsExactly(5L, 11L, 17L, 33L);
            assertThat(report.rejections().get(0).reason()).contains("schema violation", "more than once");
            assertThat(report.rejections().get(1).reason()).contains("schema violation", "createTimestamp", "syntax");
            assertThat(report.rejections().get(2).reason()).contains("schema violation", "more than once");
            assertThat(report.rejections().get(3).reason()).contains("schema violation", "invalid DN");
            assertThat(report.added()).isEqualTo(4);
            try (var r = b.openRead()) {
                assertThat(r.get(new Dn(sm(), "cn=fine+sn=spaced,dc=example,dc=com"))).isPresent();
                assertThat(r.get(new Dn(sm(), "ou=same,dc=example,dc=com"))).get().satisfies(e -> {
                    assertThat(e.get("ou").size()).isEqualTo(1);
                    assertThat(e.get("description").getString()).isEqualTo("described");
                });
                assertThat(r.get(new Dn(sm(), "cn=a\\,b,dc=example,dc=com"))).get()
                        .satisfies(e -> assertThat(e.getDn().getName()).isEqualTo("cn=a\\,b,dc=example,dc=com"));
            }
            assertThat(b.verify()).isEmpty();
        }
    }

    @Test
    void changeRecordsOtherThanAddAreRejectedAndSyntaxErrorsStopTheImport() throws Exception {
        String changes = String.join("\n",
                "version: 1",
                "",
                "dn: dc=example,dc=com",         // 3
                "changetype: add",
                "objectClass: domain",
                "dc: example",
                "",
                "dn: dc=example,dc=com",         // 8
                "changetype: modify",
                "replace: description",
                "description: x",
                "-",
                "",
                "dn: uid=x,dc=example,dc=com",   // 14
                "changetype: add",
                "objectClass: account",
                "uid: x",
                "",
                "dn: uid=y,dc=example,dc=com",   // 19
                "changetype: add",
                "this line has no colon",
                "");
        try (LmdbBackend b = open("changes")) {
            ImportReport report = new LdifImporter(sm()).importFrom(new StringReader(changes), -1, b);
            // every record before the broken one is imported; the broken one is named by its line
            assertThat(report.added()).isEqualTo(2);
            assertThat(report.read()).isEqualTo(3);
            assertThat(report.rejections()).extracting(ImportReport.Rejection::line).containsExactly(8L, 19L);
            assertThat(report.rejections().get(0).reason()).contains("changetype: modify");
            assertThat(report.rejections().get(1).reason()).contains("LDIF syntax error");
            assertThat(b.verify()).isEmpty();
        }
    }

    @Test
    void nothingAfterASyntaxErrorIsImportedAlthoughLaterRecordsWereParsedAlready() throws Exception {
        StringBuilder ldif = new StringBuilder("dn: dc=example,dc=com\nobjectClass: domain\ndc: example\n\n");
        long badLine = 0;
        int line = 5;
        for (int i = 0; i < 2000; i++) {
            if (i == 700) {
                badLine = line;
                ldif.append("dn: uid=broken,dc=example,dc=com\nthis line has no colon\n\n");
                line += 3;
                continue;
            }
            // records after the broken one would be rejected (no parent) if they were looked at
            String parent = i > 700 ? "ou=missing," : "";
            ldif.append("dn: uid=u").append(i).append(',').append(parent).append("dc=example,dc=com\n")
                    .append("objectClass: account\nuid: u").append(i).append("\n\n");
            line += 4;
        }
        try (LmdbBackend b = open("stop")) {
            ImportReport report = new LdifImporter(sm()).batchSize(100).importFrom(new StringReader(ldif.toString()), -1, b);
            assertThat(report.added()).isEqualTo(701);
            assertThat(report.read()).isEqualTo(701);
            long expectedLine = badLine;
            assertThat(report.rejections()).singleElement().satisfies(r -> {
                assertThat(r.line()).isEqualTo(expectedLine);
                assertThat(r.reason()).contains("LDIF syntax error");
            });
            assertThat(b.verify()).isEmpty();
        }
    }

    @Test
    void aFileHoldsContentRecordsOrChangeRecordsNotBoth() throws Exception {
        String ldif = String.join("\n",
                "dn: dc=example,dc=com",       // 1
                "objectClass: domain",
                "dc: example",
                "",
                "dn: uid=a,dc=example,dc=com", // 5
                "changetype: add",
                "objectClass: account",
                "uid: a",
                "",
                "dn: uid=b,dc=example,dc=com", // 10
                "objectClass: account",
                "uid: b",
                "");
        try (LmdbBackend b = open("mixed")) {
            ImportReport report = new LdifImporter(sm()).importFrom(new StringReader(ldif), -1, b);
            assertThat(report.added()).isEqualTo(1);
            assertThat(report.rejections()).singleElement().satisfies(r -> {
                assertThat(r.line()).isEqualTo(5);
                assertThat(r.reason()).contains("LDIF syntax error", "content records or change records");
            });
        }
    }

    @Test
    void aBadVersionLineStopsTheImportBeforeAnything() throws Exception {
        try (LmdbBackend b = open("version")) {
            ImportReport report = new LdifImporter(sm()).importFrom(
                    new StringReader("# header\nversion: one\n\ndn: dc=example,dc=com\nobjectClass: domain\ndc: example\n"), -1, b);
            assertThat(report.added()).isZero();
            assertThat(report.rejections()).singleElement().satisfies(r -> {
                assertThat(r.line()).isEqualTo(2);
                assertThat(r.reason()).contains("LDIF syntax error", "version");
            });
        }
    }

    @Test
    void importIntoAnExistingFolderAddsAndReportsClashes() throws Exception {
        Path ldif = tmp.resolve("a.ldif");
        TestLdif.write(ldif, 50);
        try (LmdbBackend b = open("existing")) {
            new LdifImporter(sm()).importFile(ldif, b);
        }
        try (LmdbBackend b = open("existing")) {
            String more = "dn: uid=new,ou=people,dc=example,dc=com\nobjectClass: account\nuid: new\n\n"
                    + "dn: uid=user3,ou=people,dc=example,dc=com\nobjectClass: account\nuid: user3\n";
            ImportReport r = new LdifImporter(sm()).batchSize(1).importFrom(new StringReader(more), -1, b);
            assertThat(r.added()).isEqualTo(1);
            assertThat(r.rejections()).singleElement().satisfies(x -> assertThat(x.line()).isEqualTo(5));
            assertThat(b.verify()).isEmpty();
        }
    }

    static List<Entry> entries(String ldif) throws Exception {
        List<Entry> out = new ArrayList<>();
        for (LdifEntry e : new LdifReader().parseLdif(ldif)) {
            out.add(new org.apache.directory.api.ldap.model.entry.DefaultEntry(sm(), e.getEntry()));
        }
        return out;
    }

    @Test
    void exportThenImportGivesTheSameEntries() throws Exception {
        Path ldif = tmp.resolve("in.ldif");
        TestLdif.write(ldif, 500);
        String first;
        try (LmdbBackend b = open("one")) {
            new LdifImporter(sm()).importFile(ldif, b);
            // binary and non-ASCII values survive too
            b.write(w -> {
                w.add(new org.apache.directory.api.ldap.model.entry.DefaultEntry(sm(), "uid=zoë,ou=people," + SUFFIX,
                        "objectClass: inetOrgPerson", "uid: zoë", "cn: Zoë Ünicode", "sn: Ü",
                        "userPassword", new byte[] {0, 1, 2, (byte) 0xFF}, "entryUUID: 6f1f2d4e-3c1a-4d5e-9f00-000000000001",
                        "creatorsName: cn=admin", "createTimestamp: 20240101000000Z", "modifiersName: cn=admin",
                        "modifyTimestamp: 20240101000000Z"));
                return null;
            });
            StringWriter out = new StringWriter();
            assertThat(LdifExporter.export(b, out)).isEqualTo(TestLdif.entries(500) + 1);
            first = out.toString();
        }
        Path exported = tmp.resolve("out.ldif");
        Files.writeString(exported, first, StandardCharsets.UTF_8);
        String second;
        try (LmdbBackend b = open("two")) {
            ImportReport r = new LdifImporter(sm()).importFile(exported, b);
            assertThat(r.rejections()).isEmpty();
            StringWriter out = new StringWriter();
            LdifExporter.export(b, out);
            second = out.toString();
            assertThat(b.verify()).isEmpty();
        }
        // the same entries (attribute order inside an entry follows the API's hash map)
        List<Entry> a = entries(first);
        List<Entry> b = entries(second);
        assertThat(b).hasSameSizeAs(a);
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.get(i)).isEqualTo(a.get(i));
        }
        List<LdifEntry> parsed = new LdifReader().parseLdif(first);
        assertThat(parsed).hasSize((int) TestLdif.entries(500) + 1);
        assertThat(parsed.get(0).getDn().getName()).isEqualTo(SUFFIX);
    }
}
