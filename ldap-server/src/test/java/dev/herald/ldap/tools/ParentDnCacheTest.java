package dev.herald.ldap.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.directory.api.ldap.model.ldif.LdifReader;
import org.apache.directory.api.ldap.model.name.Ava;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.name.Rdn;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.junit.jupiter.api.Test;

import dev.herald.ldap.backend.lmdb.TestSchema;

/** The parent-DN shortcut gives exactly the full parse's DN, or leaves the DN to the full parse. */
class ParentDnCacheTest {

    private static final List<String> TRICKY = List.of(
            "uid=user0,ou=people,dc=example,dc=com",
            "UID=User0,OU=People,DC=Example,DC=COM",
            "uid=user1,ou=people,dc=example,dc=com",
            "cn=Smith\\, John,ou=people,dc=example,dc=com",
            "cn=a\\2Cb,ou=people,dc=example,dc=com",
            "cn=a\\\\,ou=people,dc=example,dc=com",
            "cn=\\#hash,ou=people,dc=example,dc=com",
            "cn=\\ lead and trail\\ ,ou=people,dc=example,dc=com",
            "cn=  Many   Inner   Spaces  ,ou=people,dc=example,dc=com",
            "cn=x+sn=y,ou=people,dc=example,dc=com",
            "sn=y+cn=x,ou=people,dc=example,dc=com",
            "cn=x + sn=y,ou=people,dc=example,dc=com",
            "cn=Ünïcödé Ça,ou=people,dc=example,dc=com",
            "cn=\\C3\\9Cber,ou=people,dc=example,dc=com",
            "cn=#04024869,ou=people,dc=example,dc=com",
            "2.5.4.3=oid type,ou=people,dc=example,dc=com",
            "cn=x, ou=people,dc=example,dc=com",
            "cn=x ,ou=people,dc=example,dc=com",
            "cn=x,ou=people, dc=example, dc=com",
            "cn=x;ou=people;dc=example;dc=com",
            "cn=\"quoted, value\",ou=people,dc=example,dc=com",
            "cn=x,ou=a\\+b,dc=example,dc=com",
            "cn=x,ou=Ünïcödé Ça,dc=example,dc=com",
            "cn=y,ou=Ünïcödé Ça,dc=example,dc=com",
            "cn=x,cn=#04024869,dc=example,dc=com",
            "cn=x,cn=a\\2Cb,dc=example,dc=com",
            "cn=x,cn=Smith\\, J,dc=example,dc=com",
            "cn=Mixed Case  Value,cn=\\ x\\ ,dc=example,dc=com",
            "uid=a.b-c_d@x,ou=people,dc=example,dc=com",
            "cn=x,cn=y+sn=z,dc=example,dc=com",
            " cn=x,dc=example,dc=com",
            "cn=x,dc=example,dc=com ",
            "dc=com",
            "cn=x,",
            "cn=x,,dc=com",
            "cn=x,dc=example,dc=com\\");

    @Test
    void givesTheFullParsesDnOrNothing() throws Exception {
        SchemaManager sm = TestSchema.get();
        ParentDnCache cache = new ParentDnCache(sm);
        int fast = 0;
        for (int round = 0; round < 2; round++) { // the second round takes parents from the cache
            for (String text : TRICKY) {
                Dn full;
                try {
                    full = new Dn(sm, text);
                } catch (Exception e) {
                    assertThat(cache.dn(text)).as(text).isNull();
                    continue;
                }
                Dn quick = cache.dn(text);
                if (quick != null) {
                    fast++;
                    assertSame(full, quick, text);
                }
            }
        }
        assertThat(fast).isGreaterThan(TRICKY.size());
    }

    @Test
    void recordsParseToTheApiReadersDn() throws Exception {
        SchemaManager sm = TestSchema.get();
        RecordParser parser = new RecordParser(sm);
        int compared = 0;
        for (int round = 0; round < 2; round++) {
            for (String text : TRICKY) {
                String b64 = java.util.Base64.getEncoder().encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                for (String dnLine : List.of("dn: " + text, "DN:" + text, "dn:: " + b64)) {
                    for (List<String> record : List.of(List.of(dnLine, "objectClass: top", "cn: x"),
                            List.of(dnLine, "changetype: delete"))) {
                        Dn full;
                        try (LdifReader reader = new LdifReader(sm)) {
                            full = reader.parseLdif(String.join("\n", record) + "\n").get(0).getDn();
                        } catch (Exception e) {
                            continue; // a DN the API's reader refuses: RecordParser's own tests cover the errors
                        }
                        RecordParser.Parsed p = parser.parse(record);
                        assertSame(full, p.header().getDn(), dnLine);
                        if (p.header().getEntry() != null) {
                            assertSame(full, p.header().getEntry().getDn(), dnLine);
                        }
                        assertThat(p.header().isChangeDelete()).isEqualTo(record.size() == 2);
                        compared++;
                    }
                }
            }
        }
        assertThat(compared).isGreaterThan(4 * TRICKY.size());
    }

    @Test
    void leavesUnknownTypesToTheFullParse() {
        ParentDnCache cache = new ParentDnCache(TestSchema.get());
        assertThat(cache.dn("noSuchType=x,ou=people,dc=example,dc=com")).isNull();
        assertThat(cache.dn("cn=x,noSuchType=y,dc=example,dc=com")).isNull();
    }

    @Test
    void keepsAtMostTheBoundOfParents() throws Exception {
        SchemaManager sm = TestSchema.get();
        ParentDnCache cache = new ParentDnCache(sm);
        for (int i = 0; i < ParentDnCache.MAX_PARENTS * 3; i++) {
            String text = "cn=x,ou=o" + i + ",dc=example,dc=com";
            assertSame(new Dn(sm, text), cache.dn(text), text);
            assertThat(cache.size()).isLessThanOrEqualTo(ParentDnCache.MAX_PARENTS);
        }
    }

    private static void assertSame(Dn full, Dn quick, String text) {
        assertThat(quick).as(text).isNotNull();
        assertThat(quick.getName()).as(text).isEqualTo(full.getName());
        assertThat(quick.getNormName()).as(text).isEqualTo(full.getNormName());
        assertThat(quick.isSchemaAware()).as(text).isEqualTo(full.isSchemaAware());
        assertThat(quick.getSchemaManager()).as(text).isSameAs(full.getSchemaManager());
        assertThat(quick).as(text).isEqualTo(full);
        assertThat(quick.hashCode()).as(text).isEqualTo(full.hashCode());
        assertThat(quick.toString()).as(text).isEqualTo(full.toString());
        assertThat(quick.size()).as(text).isEqualTo(full.size());
        for (int i = 0; i < full.size(); i++) {
            Rdn a = full.getRdn(i);
            Rdn b = quick.getRdn(i);
            assertThat(b.getName()).as(text).isEqualTo(a.getName());
            assertThat(b.getNormName()).as(text).isEqualTo(a.getNormName());
            assertThat(b.isSchemaAware()).as(text).isEqualTo(a.isSchemaAware());
            assertThat(b.size()).as(text).isEqualTo(a.size());
            assertThat(b.equals(a)).as(text).isTrue();
            assertThat(b.hashCode()).as(text).isEqualTo(a.hashCode());
            var ai = a.iterator();
            var bi = b.iterator();
            while (ai.hasNext()) {
                Ava x = ai.next();
                Ava y = bi.next();
                assertThat(y.getName()).as(text).isEqualTo(x.getName());
                assertThat(y.getEscaped()).as(text).isEqualTo(x.getEscaped());
                assertThat(y.equals(x)).as(text).isTrue();
                assertThat(y.hashCode()).as(text).isEqualTo(x.hashCode());
                assertThat(y.toString()).as(text).isEqualTo(x.toString());
                assertThat(y.getType()).as(text).isEqualTo(x.getType());
                assertThat(y.getNormType()).as(text).isEqualTo(x.getNormType());
                assertThat(y.getAttributeType()).as(text).isSameAs(x.getAttributeType());
                assertThat(y.getValue().getString()).as(text).isEqualTo(x.getValue().getString());
                assertThat(y.getValue().getNormalized()).as(text).isEqualTo(x.getValue().getNormalized());
                assertThat(y.getValue().getBytes()).as(text).isEqualTo(x.getValue().getBytes());
                assertThat(y.getValue().isHumanReadable()).as(text).isEqualTo(x.getValue().isHumanReadable());
            }
            assertThat(bi.hasNext()).isFalse();
        }
    }
}
