package dev.herald.ldap.directory;

import static dev.herald.ldap.directory.TestDirectory.ADMIN;
import static dev.herald.ldap.directory.TestDirectory.ALICE;
import static dev.herald.ldap.directory.TestDirectory.BOB;
import static dev.herald.ldap.directory.TestDirectory.SUFFIX;
import static dev.herald.ldap.directory.TestDirectory.as;
import static dev.herald.ldap.directory.TestDirectory.search;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.directory.api.ldap.model.entry.DefaultEntry;
import org.apache.directory.api.ldap.model.entry.DefaultModification;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.entry.Modification;
import org.apache.directory.api.ldap.model.entry.ModificationOperation;
import org.apache.directory.api.ldap.model.entry.Value;
import org.apache.directory.api.ldap.model.exception.LdapOperationException;
import org.apache.directory.api.ldap.model.message.ResultCodeEnum;
import org.apache.directory.api.ldap.model.message.SearchScope;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.name.Rdn;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DirectoryServiceTest {

    private DirectoryService dir;
    private Requestor admin;
    private Requestor alice;

    @BeforeEach
    void setUp() throws Exception {
        dir = TestDirectory.create();
        admin = as(ADMIN);
        alice = as(ALICE);
    }

    private static void assertCode(ThrowingCallable call, ResultCodeEnum code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(LdapOperationException.class,
                e -> assertThat(e.getResultCode()).isEqualTo(code));
    }

    private static Entry raw(String dn, String... ldif) throws Exception {
        return new DefaultEntry(dn, (Object[]) ldif);
    }

    @Test
    void authenticatesClearAndHashedPasswordsAndNothingElse() throws Exception {
        assertThat(dir.authenticate(new Dn(ALICE), "alice-pw".getBytes(StandardCharsets.UTF_8))).isPresent();
        assertThat(dir.authenticate(new Dn("UID=Bob, ou=People,dc=example,dc=com"), "bob-pw".getBytes(StandardCharsets.UTF_8)))
                .get().extracting(Dn::getName).isEqualTo(BOB);
        assertThat(dir.authenticate(new Dn(BOB), "alice-pw".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(dir.authenticate(new Dn("uid=nobody,ou=people,dc=example,dc=com"), "x".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(dir.authenticate(new Dn("ou=people,dc=example,dc=com"), "x".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(dir.authenticate(new Dn("cn=nowhere"), "x".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void searchesWithMatchingRules() throws Exception {
        assertThat(search(dir, alice, SUFFIX, SearchScope.SUBTREE, "(uid=BOB)")).extracting(e -> e.getDn().getName())
                .containsExactly(BOB);
        assertThat(search(dir, alice, SUFFIX, SearchScope.SUBTREE, "(telephoneNumber=+15550100)")).hasSize(1);
        assertThat(search(dir, alice, SUFFIX, SearchScope.SUBTREE, "(telephoneNumber=*555-01*)")).hasSize(2);
        assertThat(search(dir, alice, SUFFIX, SearchScope.SUBTREE, "(cn=alice*)")).hasSize(1);
        assertThat(search(dir, alice, SUFFIX, SearchScope.SUBTREE, "(cn=*ce sm*)")).hasSize(1);
        assertThat(search(dir, alice, SUFFIX, SearchScope.SUBTREE, "(cn=*jones)")).hasSize(1);
        assertThat(search(dir, alice, SUFFIX, SearchScope.SUBTREE, "(name=alice smith)")).hasSize(1);
        assertThat(search(dir, alice, SUFFIX, SearchScope.SUBTREE, "(objectClass=PERSON)")).hasSize(2);
        assertThat(search(dir, alice, SUFFIX, SearchScope.SUBTREE, "(&(objectClass=person)(!(uid=alice)))")).hasSize(1);
        assertThat(search(dir, alice, SUFFIX, SearchScope.SUBTREE, "(|(uid=alice)(uid=bob)(uid=nobody))")).hasSize(2);
        assertThat(search(dir, alice, SUFFIX, SearchScope.SUBTREE, "(member=UID=alice,ou=people,dc=example,dc=com)")).hasSize(1);
        assertThat(search(dir, alice, SUFFIX, SearchScope.SUBTREE, "(mail~=ALICE@example.com)")).hasSize(1);
        assertThat(search(dir, alice, SUFFIX, SearchScope.SUBTREE, "(createTimestamp>=19700101000000Z)")).hasSize(7);
        assertThat(search(dir, alice, SUFFIX, SearchScope.SUBTREE, "(createTimestamp<=19700101000000Z)")).isEmpty();
        // uidNumber has no ORDERING rule: undefined, never true, also under NOT.
        assertThat(search(dir, alice, SUFFIX, SearchScope.SUBTREE, "(uidNumber>=1)")).isEmpty();
        assertThat(search(dir, alice, SUFFIX, SearchScope.SUBTREE, "(!(uidNumber>=1))")).isEmpty();
        assertThat(search(dir, alice, SUFFIX, SearchScope.SUBTREE, "(unknownAttr=x)")).isEmpty();
        assertThat(search(dir, alice, SUFFIX, SearchScope.SUBTREE, "(!(unknownAttr=x))")).isEmpty();
        assertThat(search(dir, alice, SUFFIX, SearchScope.SUBTREE, "(uid:caseExactMatch:=alice)")).hasSize(1);
        assertThat(search(dir, alice, SUFFIX, SearchScope.SUBTREE, "(uid:caseExactMatch:=Alice)")).isEmpty();
        assertThat(search(dir, alice, SUFFIX, SearchScope.SUBTREE, "(ou:dn:=people)")).hasSize(3);
        assertThat(search(dir, alice, SUFFIX, SearchScope.SUBTREE, "(uidNumber:1.2.840.113556.1.4.803:=1)")).hasSize(1);
        assertThat(search(dir, alice, SUFFIX, SearchScope.SUBTREE, "(hasSubordinates=TRUE)")).hasSize(3);
        assertThat(search(dir, alice, SUFFIX, SearchScope.SUBTREE, "(entryDN=" + BOB + ")")).hasSize(1);
    }

    @Test
    void scopes() throws Exception {
        assertThat(search(dir, alice, SUFFIX, SearchScope.OBJECT, "(objectClass=*)")).hasSize(1);
        assertThat(search(dir, alice, SUFFIX, SearchScope.ONELEVEL, "(objectClass=*)")).hasSize(3);
        assertThat(search(dir, alice, SUFFIX, SearchScope.SUBTREE, "(objectClass=*)")).hasSize(7);
        assertThat(search(dir, alice, "ou=people," + SUFFIX, SearchScope.ONELEVEL, "(objectClass=*)")).hasSize(2);
    }

    @Test
    void attributeSelection() throws Exception {
        Entry bob = search(dir, alice, BOB, SearchScope.OBJECT, "(objectClass=*)").get(0);
        assertThat(bob.containsAttribute("cn", "uid", "mail")).isTrue();
        assertThat(bob.containsAttribute("userPassword")).as("other users' passwords are hidden").isFalse();
        assertThat(bob.containsAttribute("entryUUID")).isFalse();
        Entry ops = search(dir, alice, BOB, SearchScope.OBJECT, "(objectClass=*)", "+").get(0);
        assertThat(ops.containsAttribute("entryUUID", "entryDN", "hasSubordinates", "subschemaSubentry",
                "createTimestamp", "modifyTimestamp", "creatorsName", "modifiersName")).isTrue();
        assertThat(ops.containsAttribute("cn")).isFalse();
        Entry named = search(dir, alice, BOB, SearchScope.OBJECT, "(objectClass=*)", "name", "entryDN").get(0);
        assertThat(named.containsAttribute("cn", "sn", "entryDN")).isTrue();
        assertThat(named.containsAttribute("mail")).isFalse();
        assertThat(search(dir, alice, BOB, SearchScope.OBJECT, "(objectClass=*)", "1.1").get(0).size()).isZero();
        Entry self = search(dir, alice, ALICE, SearchScope.OBJECT, "(objectClass=*)").get(0);
        assertThat(self.containsAttribute("userPassword")).isTrue();
        assertThat(search(dir, alice, SUFFIX, SearchScope.SUBTREE, "(userPassword=bob-pw)")).isEmpty();
    }

    @Test
    void searchErrors() throws Exception {
        assertThatThrownBy(() -> search(dir, alice, "uid=x,ou=nowhere,ou=people," + SUFFIX, SearchScope.SUBTREE, "(objectClass=*)"))
                .isInstanceOfSatisfying(LdapOperationException.class, e -> {
                    assertThat(e.getResultCode()).isEqualTo(ResultCodeEnum.NO_SUCH_OBJECT);
                    assertThat(e.getResolvedDn().getName()).isEqualTo("ou=people," + SUFFIX);
                });
        assertCode(() -> search(dir, Requestor.ANONYMOUS, SUFFIX, SearchScope.SUBTREE, "(objectClass=*)"),
                ResultCodeEnum.INSUFFICIENT_ACCESS_RIGHTS);
        assertCode(() -> search(dir, alice, "o=elsewhere", SearchScope.SUBTREE, "(objectClass=*)"), ResultCodeEnum.NO_SUCH_OBJECT);
        assertCode(() -> search(dir, alice, "foo=bar," + SUFFIX, SearchScope.SUBTREE, "(objectClass=*)"), ResultCodeEnum.INVALID_DN_SYNTAX);
    }

    @Test
    void anonymousReadSwitch() throws Exception {
        DirectoryService open = TestDirectory.create(
                dev.herald.ldap.settings.ServerSettings.defaults(SUFFIX, ADMIN).withAnonymousRead(true));
        assertThat(search(open, Requestor.ANONYMOUS, SUFFIX, SearchScope.SUBTREE, "(uid=bob)")).hasSize(1);
        assertThat(search(open, Requestor.ANONYMOUS, SUFFIX, SearchScope.SUBTREE, "(uid=bob)").get(0)
                .containsAttribute("userPassword")).isFalse();
    }

    @Test
    void subschemaEntry() throws Exception {
        Entry s = search(dir, Requestor.ANONYMOUS, "cn=schema", SearchScope.OBJECT, "(objectClass=*)", "+").get(0);
        assertThat(s.get("attributeTypes").size()).isGreaterThan(100);
        assertThat(s.get("objectClasses").size()).isGreaterThan(40);
        assertThat(s.get("ldapSyntaxes").size()).isGreaterThan(20);
        assertThat(s.get("matchingRules").size()).isGreaterThan(20);
        assertThat(s.get("attributeTypes").toString()).contains("'entryUUID'", "'uidNumber'", "'inetOrgPerson'".substring(0, 0));
        assertThat(s.get("objectClasses").toString()).contains("'inetOrgPerson'", "'posixAccount'");
        assertThat(search(dir, Requestor.ANONYMOUS, "cn=schema", SearchScope.OBJECT, "(objectClass=*)").get(0)
                .containsAttribute("attributeTypes")).isFalse();
    }

    @Test
    void compare() throws Exception {
        assertThat(dir.compare(alice, new Dn(BOB), "cn", new Value("BOB JONES"))).isTrue();
        assertThat(dir.compare(alice, new Dn(BOB), "cn", new Value("Bob"))).isFalse();
        assertThat(dir.compare(alice, new Dn(BOB), "name", new Value("jones"))).isTrue();
        assertCode(() -> dir.compare(alice, new Dn(BOB), "description", new Value("x")), ResultCodeEnum.NO_SUCH_ATTRIBUTE);
        assertCode(() -> dir.compare(alice, new Dn(BOB), "bogus", new Value("x")), ResultCodeEnum.UNDEFINED_ATTRIBUTE_TYPE);
        assertCode(() -> dir.compare(alice, new Dn("uid=zed,ou=people," + SUFFIX), "cn", new Value("x")), ResultCodeEnum.NO_SUCH_OBJECT);
        assertCode(() -> dir.compare(alice, new Dn(BOB), "userPassword", new Value("bob-pw")), ResultCodeEnum.INSUFFICIENT_ACCESS_RIGHTS);
        assertThat(dir.compare(as(BOB), new Dn(BOB), "userPassword", new Value("bob-pw"))).isTrue();
        assertThat(dir.compare(admin, new Dn(BOB), "userPassword", new Value("nope"))).isFalse();
        assertCode(() -> dir.compare(Requestor.ANONYMOUS, new Dn(BOB), "cn", new Value("x")), ResultCodeEnum.INSUFFICIENT_ACCESS_RIGHTS);
    }

    @Test
    void addChecksAccessSchemaAndTree() throws Exception {
        Entry carol = raw("uid=carol,ou=people," + SUFFIX, "objectClass: inetOrgPerson", "uid: carol", "cn: Carol", "sn: C");
        assertCode(() -> dir.add(alice, carol.getDn(), carol), ResultCodeEnum.INSUFFICIENT_ACCESS_RIGHTS);
        assertCode(() -> dir.add(Requestor.ANONYMOUS, carol.getDn(), carol), ResultCodeEnum.INSUFFICIENT_ACCESS_RIGHTS);
        dir.add(admin, carol.getDn(), carol);
        Entry stored = search(dir, admin, carol.getDn().getName(), SearchScope.OBJECT, "(objectClass=*)", "*", "+").get(0);
        assertThat(stored.get("creatorsName").getString()).isEqualTo(ADMIN);
        assertThat(stored.get("entryUUID").getString()).hasSize(36);
        assertCode(() -> dir.add(admin, carol.getDn(), carol), ResultCodeEnum.ENTRY_ALREADY_EXISTS);
        assertCode(() -> dir.add(admin, new Dn("uid=x,ou=missing," + SUFFIX),
                raw("uid=x,ou=missing," + SUFFIX, "objectClass: account", "uid: x")), ResultCodeEnum.NO_SUCH_OBJECT);
        assertCode(() -> dir.add(admin, new Dn("uid=d,ou=people," + SUFFIX),
                raw("uid=d,ou=people," + SUFFIX, "objectClass: inetOrgPerson", "uid: d", "cn: D")), ResultCodeEnum.OBJECT_CLASS_VIOLATION);
        assertCode(() -> dir.add(admin, new Dn("uid=d,ou=people," + SUFFIX),
                raw("uid=d,ou=people," + SUFFIX, "objectClass: inetOrgPerson", "uid: d", "cn: D", "sn: D", "uidNumber: 5")),
                ResultCodeEnum.OBJECT_CLASS_VIOLATION);
        assertCode(() -> dir.add(admin, new Dn("uid=d,ou=people," + SUFFIX),
                raw("uid=d,ou=people," + SUFFIX, "objectClass: inetOrgPerson", "uid: d", "cn: D", "sn: D", "bogus: 5")),
                ResultCodeEnum.UNDEFINED_ATTRIBUTE_TYPE);
        assertCode(() -> dir.add(admin, new Dn("uid=d,ou=people," + SUFFIX),
                raw("uid=d,ou=people," + SUFFIX, "objectClass: inetOrgPerson", "objectClass: posixAccount", "uid: d", "cn: D",
                        "sn: D", "uidNumber: five", "gidNumber: 1", "homeDirectory: /")),
                ResultCodeEnum.INVALID_ATTRIBUTE_SYNTAX);
        assertCode(() -> dir.add(admin, new Dn("uid=d,ou=people," + SUFFIX),
                raw("uid=d,ou=people," + SUFFIX, "objectClass: inetOrgPerson", "uid: e", "cn: D", "sn: D")),
                ResultCodeEnum.NAMING_VIOLATION);
        assertCode(() -> dir.add(admin, new Dn("uid=d,ou=people," + SUFFIX),
                raw("uid=d,ou=people," + SUFFIX, "objectClass: inetOrgPerson", "uid: d", "cn: D", "sn: D",
                        "entryUUID: 3f1b5c9e-0000-4000-8000-000000000000")),
                ResultCodeEnum.CONSTRAINT_VIOLATION);
        assertCode(() -> dir.add(admin, new Dn("uid=d,ou=people," + SUFFIX),
                raw("uid=d,ou=people," + SUFFIX, "objectClass: organizationalUnit", "objectClass: inetOrgPerson", "uid: d",
                        "cn: D", "sn: D", "ou: x")),
                ResultCodeEnum.OBJECT_CLASS_VIOLATION);
        assertCode(() -> dir.add(admin, new Dn("dc=other,dc=org"), raw("dc=other,dc=org", "objectClass: domain", "dc: other")),
                ResultCodeEnum.UNWILLING_TO_PERFORM);
    }

    private static Modification mod(ModificationOperation op, String attr, String... values) {
        return new DefaultModification(op, attr, values);
    }

    @Test
    void modify() throws Exception {
        Dn bob = new Dn(BOB);
        dir.modify(admin, bob, List.of(mod(ModificationOperation.ADD_ATTRIBUTE, "description", "one", "two"),
                mod(ModificationOperation.REMOVE_ATTRIBUTE, "description", "one"),
                mod(ModificationOperation.REPLACE_ATTRIBUTE, "mail", "bob@new.example"),
                mod(ModificationOperation.INCREMENT_ATTRIBUTE, "uidNumber", "5")));
        Entry e = search(dir, admin, BOB, SearchScope.OBJECT, "(objectClass=*)", "*", "+").get(0);
        assertThat(e.get("description").getString()).isEqualTo("two");
        assertThat(e.get("mail").getString()).isEqualTo("bob@new.example");
        assertThat(e.get("uidNumber").getString()).isEqualTo("1006");
        assertThat(e.get("modifiersName").getString()).isEqualTo(ADMIN);
        assertCode(() -> dir.modify(admin, bob, List.of(mod(ModificationOperation.ADD_ATTRIBUTE, "description", "TWO"))),
                ResultCodeEnum.ATTRIBUTE_OR_VALUE_EXISTS);
        assertCode(() -> dir.modify(admin, bob, List.of(mod(ModificationOperation.REMOVE_ATTRIBUTE, "title"))),
                ResultCodeEnum.NO_SUCH_ATTRIBUTE);
        assertCode(() -> dir.modify(admin, bob, List.of(mod(ModificationOperation.REMOVE_ATTRIBUTE, "sn"))),
                ResultCodeEnum.OBJECT_CLASS_VIOLATION);
        assertCode(() -> dir.modify(admin, bob, List.of(mod(ModificationOperation.REPLACE_ATTRIBUTE, "uid", "robert"))),
                ResultCodeEnum.NOT_ALLOWED_ON_RDN);
        assertCode(() -> dir.modify(admin, bob, List.of(mod(ModificationOperation.ADD_ATTRIBUTE, "uidNumber", "7"))),
                ResultCodeEnum.CONSTRAINT_VIOLATION);
        assertCode(() -> dir.modify(admin, bob, List.of(mod(ModificationOperation.REPLACE_ATTRIBUTE, "entryUUID", "x"))),
                ResultCodeEnum.CONSTRAINT_VIOLATION);
        assertCode(() -> dir.modify(admin, bob, List.of(mod(ModificationOperation.INCREMENT_ATTRIBUTE, "cn", "1"))),
                ResultCodeEnum.CONSTRAINT_VIOLATION);
        assertCode(() -> dir.modify(admin, new Dn("uid=zed,ou=people," + SUFFIX),
                List.of(mod(ModificationOperation.REPLACE_ATTRIBUTE, "cn", "x"))), ResultCodeEnum.NO_SUCH_OBJECT);
        // A failed request changes nothing, even if earlier changes in it were fine.
        assertCode(() -> dir.modify(admin, bob, List.of(mod(ModificationOperation.REPLACE_ATTRIBUTE, "description", "three"),
                mod(ModificationOperation.REMOVE_ATTRIBUTE, "title"))), ResultCodeEnum.NO_SUCH_ATTRIBUTE);
        assertThat(search(dir, admin, BOB, SearchScope.OBJECT, "(description=two)")).hasSize(1);
    }

    @Test
    void usersMayReplaceOnlyTheirOwnPassword() throws Exception {
        Dn aliceDn = new Dn(ALICE);
        dir.modify(alice, aliceDn, List.of(mod(ModificationOperation.REPLACE_ATTRIBUTE, "userPassword", "new-pw")));
        assertThat(dir.authenticate(aliceDn, "new-pw".getBytes(StandardCharsets.UTF_8))).isPresent();
        assertCode(() -> dir.modify(alice, aliceDn, List.of(mod(ModificationOperation.REPLACE_ATTRIBUTE, "mail", "x@y"))),
                ResultCodeEnum.INSUFFICIENT_ACCESS_RIGHTS);
        assertCode(() -> dir.modify(alice, new Dn(BOB), List.of(mod(ModificationOperation.REPLACE_ATTRIBUTE, "userPassword", "x"))),
                ResultCodeEnum.INSUFFICIENT_ACCESS_RIGHTS);
        assertCode(() -> dir.modify(alice, aliceDn, List.of(mod(ModificationOperation.ADD_ATTRIBUTE, "userPassword", "x"))),
                ResultCodeEnum.INSUFFICIENT_ACCESS_RIGHTS);
    }

    @Test
    void delete() throws Exception {
        assertCode(() -> dir.delete(admin, new Dn("ou=people," + SUFFIX)), ResultCodeEnum.NOT_ALLOWED_ON_NON_LEAF);
        assertCode(() -> dir.delete(alice, new Dn(BOB)), ResultCodeEnum.INSUFFICIENT_ACCESS_RIGHTS);
        dir.delete(admin, new Dn(BOB));
        assertCode(() -> dir.delete(admin, new Dn(BOB)), ResultCodeEnum.NO_SUCH_OBJECT);
    }

    @Test
    void rename() throws Exception {
        dir.rename(admin, new Dn(BOB), new Rdn("uid=robert"), true, null);
        Entry r = search(dir, admin, "uid=robert,ou=people," + SUFFIX, SearchScope.OBJECT, "(objectClass=*)").get(0);
        assertThat(r.get("uid").size()).isEqualTo(1);
        assertThat(r.get("uid").getString()).isEqualTo("robert");
        dir.rename(admin, new Dn("uid=robert,ou=people," + SUFFIX), new Rdn("cn=Robert Jones"), false, null);
        r = search(dir, admin, "cn=Robert Jones,ou=people," + SUFFIX, SearchScope.OBJECT, "(objectClass=*)").get(0);
        assertThat(r.get("uid").getString()).isEqualTo("robert");
        assertThat(r.get("cn").size()).isEqualTo(2);
        // Move a whole subtree.
        dir.rename(admin, new Dn("ou=people," + SUFFIX), new Rdn("ou=staff"), true, new Dn("ou=groups," + SUFFIX));
        assertThat(search(dir, admin, "ou=staff,ou=groups," + SUFFIX, SearchScope.SUBTREE, "(objectClass=*)")).hasSize(3);
        assertThat(search(dir, admin, "uid=alice,ou=staff,ou=groups," + SUFFIX, SearchScope.OBJECT, "(objectClass=*)")).hasSize(1);
        assertCode(() -> dir.rename(admin, new Dn("ou=staff,ou=groups," + SUFFIX), new Rdn("ou=x"), true,
                new Dn("uid=alice,ou=staff,ou=groups," + SUFFIX)), ResultCodeEnum.UNWILLING_TO_PERFORM);
        assertCode(() -> dir.rename(admin, new Dn("cn=staff,ou=groups," + SUFFIX), new Rdn("ou=staff"), true, null),
                ResultCodeEnum.ENTRY_ALREADY_EXISTS);
        assertCode(() -> dir.rename(admin, new Dn("cn=staff,ou=groups," + SUFFIX), new Rdn("cn=x"), true, new Dn("ou=nope," + SUFFIX)),
                ResultCodeEnum.NO_SUCH_OBJECT);
        assertCode(() -> dir.rename(admin, new Dn("cn=staff,ou=groups," + SUFFIX), new Rdn("cn=x"), true, new Dn("o=elsewhere")),
                ResultCodeEnum.AFFECTS_MULTIPLE_DSAS);
        assertCode(() -> dir.rename(admin, new Dn(SUFFIX), new Rdn("dc=x"), true, null), ResultCodeEnum.UNWILLING_TO_PERFORM);
        assertCode(() -> dir.rename(alice, new Dn("cn=staff,ou=groups," + SUFFIX), new Rdn("cn=x"), true, null),
                ResultCodeEnum.INSUFFICIENT_ACCESS_RIGHTS);
    }

    @Test
    void ldifLoadingNamesTheBadEntry() throws Exception {
        DirectoryService empty = new DirectoryService(dev.herald.ldap.schema.HeraldSchema.shared(),
                new dev.herald.ldap.backend.memory.InMemoryBackend(new Dn(dev.herald.ldap.schema.HeraldSchema.shared(), SUFFIX)),
                dev.herald.ldap.settings.ServerSettings.defaults(SUFFIX, ADMIN), java.time.Clock.systemUTC());
        String ldif = "dn: dc=example,dc=com\nobjectClass: domain\ndc: example\n\n"
                + "dn: uid=x,dc=example,dc=com\nobjectClass: inetOrgPerson\nuid: x\ncn: X\n\n";
        assertThatThrownBy(() -> LdifLoader.load(empty, new java.io.StringReader(ldif), "bad.ldif"))
                .hasMessageContaining("uid=x,dc=example,dc=com").hasMessageContaining("'sn'");
        assertThat(empty.hasSuffixEntry()).as("nothing stored").isFalse();
        // The API's schema-aware LDIF reader would drop these silently.
        String unknown = "dn: dc=example,dc=com\nobjectClass: domain\ndc: example\nfoo: bar\n\n";
        assertThatThrownBy(() -> LdifLoader.load(empty, new java.io.StringReader(unknown), "bad.ldif"))
                .hasMessageContaining("bad.ldif").hasMessageContaining("dc=example,dc=com").hasMessageContaining("foo");
        String invalid = "dn: dc=example,dc=com\nobjectClass: domain\nobjectClass: uidObject\ndc: example\n"
                + "uid: x\nuidNumber: abc\n\n";
        assertThatThrownBy(() -> LdifLoader.load(empty, new java.io.StringReader(invalid), "bad.ldif"))
                .hasMessageContaining("uidNumber");
        assertThat(empty.hasSuffixEntry()).isFalse();
    }
}
