package dev.herald.ldap.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.directory.api.ldap.model.entry.DefaultEntry;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapOperationException;
import org.apache.directory.api.ldap.model.message.ResultCodeEnum;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.junit.jupiter.api.Test;

import dev.herald.ldap.schema.HeraldSchema;

/**
 * The schema check, rule by rule, with one checker for all entries: what it remembers about an
 * objectClass combination must not let a later entry with the same classes through.
 */
class SchemaCheckerTest {
    private static final SchemaManager SM = HeraldSchema.shared();
    private final SchemaChecker checker = new SchemaChecker(SM);

    /** As the server builds an Add request's entry (DefaultEntry's schema-aware mode drops extra values). */
    private static Entry entry(String dn, String... lines) throws Exception {
        SchemaValues values = new SchemaValues(SM);
        return values.entry(values.dn(dn), new DefaultEntry(dn, (Object[]) lines));
    }

    private void assertRejected(Entry e, ResultCodeEnum code, String text) {
        assertThatThrownBy(() -> checker.check(e)).isInstanceOfSatisfying(LdapOperationException.class, x -> {
            assertThat(x.getResultCode()).isEqualTo(code);
            assertThat(x.getMessage()).containsIgnoringCase(text);
        });
    }

    @Test
    void eachRuleHoldsForEveryEntryOfARememberedCombination() throws Exception {
        String dn = "uid=a,ou=people,dc=example,dc=com";
        Entry good = entry(dn, "objectClass: inetOrgPerson", "uid: a", "cn: A", "sn: A", "mail: a@example.com");
        for (int round = 0; round < 3; round++) { // first resolved, then remembered
            assertThatCode(() -> checker.check(good)).doesNotThrowAnyException();
            assertRejected(entry(dn, "objectClass: inetOrgPerson", "uid: a", "cn: A"),
                    ResultCodeEnum.OBJECT_CLASS_VIOLATION, "requires attribute 'sn'");
            assertRejected(entry(dn, "objectClass: inetOrgPerson", "uid: a", "cn: A", "sn: A", "uidNumber: 5"),
                    ResultCodeEnum.OBJECT_CLASS_VIOLATION, "'uidNumber' not allowed");
            assertRejected(entry(dn, "objectClass: inetOrgPerson", "uid: a", "cn: A", "sn: A",
                    "preferredLanguage: en", "preferredLanguage: de"), ResultCodeEnum.CONSTRAINT_VIOLATION,
                    "cannot have multiple values");
            assertRejected(entry(dn, "objectClass: inetOrgPerson", "cn: A", "sn: A"),
                    ResultCodeEnum.NAMING_VIOLATION, "naming attribute 'uid'");
            assertRejected(entry(dn, "objectClass: inetOrgPerson", "uid: b", "cn: A", "sn: A"),
                    ResultCodeEnum.NAMING_VIOLATION, "naming attribute 'uid'");
        }
    }

    @Test
    void objectClassesMustBeKnownAndFormOneStructuralChain() throws Exception {
        String dn = "cn=x,dc=example,dc=com";
        for (int round = 0; round < 2; round++) {
            assertRejected(entry(dn, "cn: x"), ResultCodeEnum.OBJECT_CLASS_VIOLATION, "no objectClass");
            assertRejected(entry(dn, "objectClass: noSuchClass", "cn: x"), ResultCodeEnum.OBJECT_CLASS_VIOLATION,
                    "unknown object class 'noSuchClass'");
            assertRejected(entry(dn, "objectClass: person", "objectClass: organizationalUnit", "cn: x", "sn: x",
                    "ou: x"), ResultCodeEnum.OBJECT_CLASS_VIOLATION, "structural object class chain");
            assertRejected(entry(dn, "objectClass: top", "cn: x"), ResultCodeEnum.OBJECT_CLASS_VIOLATION,
                    "no structural object class");
            // a subclass chain is one chain; superclasses count whether listed or not
            assertThatCode(() -> checker.check(entry(dn, "objectClass: person", "objectClass: inetOrgPerson",
                    "cn: x", "sn: x", "mail: x@example.com"))).doesNotThrowAnyException();
        }
    }

    @Test
    void extensibleObjectAllowsAnyUserAttribute() throws Exception {
        String dn = "cn=x,dc=example,dc=com";
        for (int round = 0; round < 2; round++) {
            assertThatCode(() -> checker.check(entry(dn, "objectClass: person", "objectClass: extensibleObject",
                    "cn: x", "sn: x", "uidNumber: 7"))).doesNotThrowAnyException();
            assertRejected(entry(dn, "objectClass: person", "cn: x", "sn: x", "uidNumber: 7"),
                    ResultCodeEnum.OBJECT_CLASS_VIOLATION, "'uidNumber' not allowed");
            assertRejected(entry(dn, "objectClass: person", "cn: x", "sn: x", "o: x"),
                    ResultCodeEnum.OBJECT_CLASS_VIOLATION, "'o' not allowed");
        }
    }
}
