package dev.herald.it;

import static dev.herald.it.Herald.ADMIN;
import static dev.herald.it.Herald.ADMIN_PW;
import static dev.herald.it.Herald.ALICE;
import static dev.herald.it.Herald.BOB;
import static dev.herald.it.Herald.SUFFIX;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every OpenLDAP command-line client (Debian's ldap-utils) against Herald in this JVM:
 * ldapsearch, ldapadd, ldapmodify, ldapdelete, ldapmodrdn, ldapcompare, ldapwhoami (and ldappasswd), checking
 * their output and exit codes (which are the LDAP result codes). Every client upgrades with
 * StartTLS ({@code -ZZ}) and trusts the test CA, as the server's default policy wants for
 * passwords; {@link #passwordsInClearAreRefused} shows the refusal without TLS.
 */
class OpenLdapClientsTest {

    @TempDir
    Path home;
    private Herald herald;

    @BeforeEach
    void start() throws Exception {
        herald = Herald.builder().start();
    }

    @AfterEach
    void stop() throws Exception {
        herald.close();
    }

    private Tool.Result run(String stdin, String tool, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(tool, "-x", "-H", herald.url(), "-ZZ"));
        cmd.addAll(List.of(args));
        return Tool.run(home, Map.of("LDAPTLS_CACERT", TestPki.get().caPem().toString()), stdin, cmd.toArray(String[]::new));
    }

    @Test
    void passwordsInClearAreRefused() throws Exception {
        Tool.Result r = Tool.run(home, (String) null, "ldapwhoami", "-x", "-H", herald.url(), "-D", BOB, "-w", "bob-pw");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(13);
        assertThat(r.err()).contains("Confidentiality required (13)");
        r = Tool.run(home, (String) null, "ldapwhoami", "-x", "-H", herald.url());
        assertThat(r.exitCode()).as("anonymous needs no TLS: " + r).isZero();
        assertThat(r.out().trim()).isEqualTo("anonymous");
    }

    private Tool.Result asAdmin(String stdin, String tool, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("-D", ADMIN, "-w", ADMIN_PW));
        cmd.addAll(List.of(args));
        return run(stdin, tool, cmd.toArray(String[]::new));
    }

    private Tool.Result asAlice(String tool, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("-D", ALICE, "-w", "alice-pw"));
        cmd.addAll(List.of(args));
        return run(null, tool, cmd.toArray(String[]::new));
    }

    @Test
    void ldapsearchFindsBobAsTheReadmeSays() throws Exception {
        Tool.Result r = asAlice("ldapsearch", "-b", SUFFIX, "(uid=bob)");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("dn: " + BOB, "cn: Bob Baker", "mail: bob@example.com", "# numEntries: 1")
                .doesNotContain("userPassword");
    }

    @Test
    void ldapsearchFiltersScopesAndAttributes() throws Exception {
        Tool.Result r = asAlice("ldapsearch", "-LLL", "-b", SUFFIX, "(&(objectClass=person)(|(cn=bob*)(telephoneNumber=+15550100)))", "uid");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("dn: " + ALICE, "dn: " + BOB, "uid: alice", "uid: bob").doesNotContain("cn:");
        r = asAlice("ldapsearch", "-LLL", "-b", SUFFIX, "(uid:caseExactMatch:=bob)", "1.1");
        assertThat(r.out().trim()).isEqualTo("dn: " + BOB);
        r = asAlice("ldapsearch", "-LLL", "-b", SUFFIX, "(member:=" + ALICE + ")", "cn");
        assertThat(r.out()).contains("cn: engineering");
        r = asAlice("ldapsearch", "-LLL", "-s", "one", "-b", "ou=people," + SUFFIX, "(objectClass=*)", "1.1");
        assertThat(r.out().lines().filter(l -> l.startsWith("dn:"))).hasSize(2);
        r = asAlice("ldapsearch", "-LLL", "-s", "base", "-b", BOB, "(objectClass=*)", "+");
        assertThat(r.out()).contains("entryUUID:", "entryDN: " + BOB, "hasSubordinates: FALSE", "subschemaSubentry: cn=schema",
                "createTimestamp:", "creatorsName: " + ADMIN);
        r = asAlice("ldapsearch", "-LLL", "-A", "-b", BOB, "-s", "base", "(objectClass=*)", "cn", "mail");
        assertThat(r.out()).contains("cn:", "mail:").doesNotContain("Bob Baker");
    }

    @Test
    void ldapsearchErrors() throws Exception {
        Tool.Result r = run(null, "ldapsearch", "-D", ALICE, "-w", "wrong", "-b", SUFFIX);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(49);
        assertThat(r.err()).contains("Invalid credentials (49)");
        r = run(null, "ldapsearch", "-b", SUFFIX, "(uid=bob)");
        assertThat(r.exitCode()).as("anonymous reads are off by default").isEqualTo(50);
        r = asAlice("ldapsearch", "-b", "uid=nobody,ou=people," + SUFFIX);
        assertThat(r.exitCode()).isEqualTo(32);
        assertThat(r.out()).contains("matchedDN: ou=people," + SUFFIX);
        r = asAlice("ldapsearch", "-z", "2", "-b", SUFFIX, "(objectClass=*)", "1.1");
        assertThat(r.exitCode()).isEqualTo(4);
        assertThat(r.out()).contains("# numEntries: 2", "Size limit exceeded");
        r = asAlice("ldapsearch", "-e", "!1.2.3.4.5", "-b", SUFFIX, "(uid=bob)");
        assertThat(r.out()).contains("result: 12 Critical extension is unavailable");
        // LDAPv2 has no StartTLS; the version is refused before the password is looked at.
        r = Tool.run(home, (String) null, "ldapsearch", "-x", "-H", herald.url(), "-P", "2", "-D", ALICE, "-w", "alice-pw",
                "-b", SUFFIX);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        r = run(null, "ldapsearch", "-D", ALICE, "-b", SUFFIX, "-w", "");
        assertThat(r.exitCode()).as("unauthenticated bind (RFC 4513 §5.1.2): " + r).isEqualTo(53);
    }

    @Test
    void ldapsearchPagedResults() throws Exception {
        Tool.Result r = asAlice("ldapsearch", "-E", "pr=2/noprompt", "-b", SUFFIX, "(objectClass=*)", "1.1");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out().lines().filter(l -> l.startsWith("dn:"))).hasSize(7);
        assertThat(r.out()).contains("pagedresults: estimate=5", "pagedresults: cookie=\n");
    }

    @Test
    void rootDseAndSchema() throws Exception {
        Tool.Result r = run(null, "ldapsearch", "-LLL", "-b", "", "-s", "base", "+");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("namingContexts: " + SUFFIX, "supportedLDAPVersion: 3",
                "supportedExtension: 1.3.6.1.4.1.4203.1.11.3", "supportedControl: 1.2.840.113556.1.4.319",
                "subschemaSubentry: cn=schema", "vendorName: Herald", "vendorVersion:");
        r = run(null, "ldapsearch", "-LLL", "-b", "cn=schema", "-s", "base", "+");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("attributeTypes: ( 2.5.4.3 NAME ( 'cn' 'commonName' )", "NAME 'inetOrgPerson'",
                "NAME 'posixAccount'", "NAME 'entryUUID'", "ldapSyntaxes:", "matchingRules:");
    }

    @Test
    void ldapwhoami() throws Exception {
        Tool.Result r = run(null, "ldapwhoami", "-D", BOB, "-w", "bob-pw");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out().trim()).isEqualTo("dn:" + BOB);
        r = run(null, "ldapwhoami");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out().trim()).isEqualTo("anonymous");
        r = run(null, "ldapwhoami", "-D", BOB, "-w", "alice-pw");
        assertThat(r.exitCode()).isEqualTo(49);
    }

    private static final String CAROL = """
            dn: uid=carol,ou=people,dc=example,dc=com
            objectClass: inetOrgPerson
            uid: carol
            cn: Carol Danvers
            sn: Danvers
            userPassword: carol-pw
            """;

    @Test
    void ldapaddAndLdapdelete() throws Exception {
        Tool.Result r = asAdmin(CAROL, "ldapadd");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("adding new entry \"uid=carol,ou=people,dc=example,dc=com\"");
        assertThat(run(null, "ldapwhoami", "-D", "uid=carol,ou=people," + SUFFIX, "-w", "carol-pw").exitCode()).isZero();
        r = asAdmin(CAROL, "ldapadd");
        assertThat(r.exitCode()).isEqualTo(68);
        assertThat(r.err()).contains("Already exists (68)");
        r = asAdmin("dn: uid=dan,ou=people,dc=example,dc=com\nobjectClass: inetOrgPerson\nuid: dan\ncn: Dan\n", "ldapadd");
        assertThat(r.exitCode()).as("sn is required").isEqualTo(65);
        r = asAdmin("dn: uid=dan,ou=nowhere,dc=example,dc=com\nobjectClass: account\nuid: dan\n", "ldapadd");
        assertThat(r.exitCode()).isEqualTo(32);
        r = run("dn: uid=dan,ou=people,dc=example,dc=com\nobjectClass: account\nuid: dan\n", "ldapadd", "-D", ALICE, "-w", "alice-pw");
        assertThat(r.exitCode()).as("only the administrator writes").isEqualTo(50);

        r = asAdmin(null, "ldapdelete", "ou=people," + SUFFIX);
        assertThat(r.exitCode()).isEqualTo(66);
        assertThat(r.err()).contains("Operation not allowed on non-leaf (66)");
        r = asAdmin(null, "ldapdelete", "uid=carol,ou=people," + SUFFIX);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        r = asAdmin(null, "ldapdelete", "uid=carol,ou=people," + SUFFIX);
        assertThat(r.exitCode()).isEqualTo(32);
    }

    @Test
    void ldapmodify() throws Exception {
        Tool.Result r = asAdmin("""
                dn: uid=bob,ou=people,dc=example,dc=com
                changetype: modify
                replace: mail
                mail: robert@example.com
                -
                add: description
                description: first
                description: second
                -
                delete: telephoneNumber
                -
                increment: uidNumber
                uidNumber: 5
                """, "ldapmodify");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        r = asAlice("ldapsearch", "-LLL", "-b", BOB, "-s", "base", "(objectClass=*)", "mail", "description",
                "telephoneNumber", "uidNumber", "modifiersName");
        assertThat(r.out()).contains("mail: robert@example.com", "description: first", "description: second",
                "uidNumber: 10007").doesNotContain("telephoneNumber");
        r = asAdmin("dn: " + BOB + "\nchangetype: modify\ndelete: sn\n", "ldapmodify");
        assertThat(r.exitCode()).isEqualTo(65);
        r = asAdmin("dn: " + BOB + "\nchangetype: modify\nreplace: entryUUID\nentryUUID: 00000000-0000-0000-0000-000000000000\n",
                "ldapmodify");
        assertThat(r.exitCode()).isEqualTo(19);
        r = asAdmin("dn: " + BOB + "\nchangetype: modify\nadd: description\ndescription: first\n", "ldapmodify");
        assertThat(r.exitCode()).isEqualTo(20);
        r = asAdmin("dn: " + BOB + "\nchangetype: modify\ndelete: title\n", "ldapmodify");
        assertThat(r.exitCode()).isEqualTo(16);
        r = asAdmin("dn: " + BOB + "\nchangetype: modify\nreplace: uid\nuid: robert\n", "ldapmodify");
        assertThat(r.exitCode()).isEqualTo(67);
        // A user may replace their own password, and nothing else.
        r = run("dn: " + ALICE + "\nchangetype: modify\nreplace: userPassword\nuserPassword: new-alice-pw\n",
                "ldapmodify", "-D", ALICE, "-w", "alice-pw");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(run(null, "ldapwhoami", "-D", ALICE, "-w", "new-alice-pw").exitCode()).isZero();
        r = run("dn: " + BOB + "\nchangetype: modify\nreplace: userPassword\nuserPassword: x\n",
                "ldapmodify", "-D", ALICE, "-w", "new-alice-pw");
        assertThat(r.exitCode()).isEqualTo(50);
    }

    @Test
    void ldapmodrdn() throws Exception {
        Tool.Result r = asAdmin(null, "ldapmodrdn", "-r", BOB, "uid=robert");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        r = asAlice("ldapsearch", "-LLL", "-b", "uid=robert,ou=people," + SUFFIX, "-s", "base", "(objectClass=*)", "uid");
        assertThat(r.out()).contains("uid: robert").doesNotContain("uid: bob");
        r = asAdmin(null, "ldapmodrdn", "-s", "ou=groups," + SUFFIX, "uid=robert,ou=people," + SUFFIX, "uid=robert");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(asAlice("ldapsearch", "-b", "uid=robert,ou=groups," + SUFFIX).exitCode()).isZero();
        r = asAdmin(null, "ldapmodrdn", "uid=robert,ou=groups," + SUFFIX, "cn=engineering");
        assertThat(r.exitCode()).isEqualTo(68);
        r = asAdmin(null, "ldapmodrdn", "uid=nobody,ou=groups," + SUFFIX, "uid=x");
        assertThat(r.exitCode()).isEqualTo(32);
    }

    @Test
    void ldapcompare() throws Exception {
        Tool.Result r = asAlice("ldapcompare", BOB, "cn:bob baker");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(6);
        assertThat(r.out().trim()).isEqualTo("TRUE");
        r = asAlice("ldapcompare", BOB, "cn:Alice");
        assertThat(r.exitCode()).isEqualTo(5);
        assertThat(r.out().trim()).isEqualTo("FALSE");
        r = asAlice("ldapcompare", BOB, "telephoneNumber:+1-555-0101");
        assertThat(r.exitCode()).as("telephoneNumberMatch ignores spaces and dashes").isEqualTo(6);
        r = asAlice("ldapcompare", BOB, "title:x");
        assertThat(r.exitCode()).isEqualTo(16);
        r = asAlice("ldapcompare", BOB, "userPassword:bob-pw");
        assertThat(r.exitCode()).as("no compare on other users' passwords").isEqualTo(50);
        r = run(null, "ldapcompare", "-D", BOB, "-w", "bob-pw", BOB, "userPassword:bob-pw");
        assertThat(r.exitCode()).isEqualTo(6);
    }

    @Test
    void ldappasswd() throws Exception {
        Tool.Result r = run(null, "ldappasswd", "-D", BOB, "-w", "bob-pw", "-s", "new-bob-pw");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(run(null, "ldapwhoami", "-D", BOB, "-w", "new-bob-pw").exitCode()).isZero();
        r = run(null, "ldapsearch", "-LLL", "-D", BOB, "-w", "new-bob-pw", "-b", BOB, "-s", "base", "(objectClass=*)",
                "userPassword");
        assertThat(r.out()).as("stored hashed").contains("userPassword:: ");
        r = run(null, "ldappasswd", "-D", BOB, "-w", "new-bob-pw", "-a", "wrong", "-s", "x");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out() + r.err()).contains("Invalid credentials (49)");
        r = run(null, "ldappasswd", "-D", BOB, "-w", "new-bob-pw", "-s", "x", ALICE);
        assertThat(r.out() + r.err()).contains("Insufficient access (50)");
        r = asAdmin(null, "ldappasswd", ALICE);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        String generated = r.out().replaceFirst("(?s).*New password: (\\S+).*", "$1");
        assertThat(run(null, "ldapwhoami", "-D", ALICE, "-w", generated).exitCode()).isZero();
    }
}
