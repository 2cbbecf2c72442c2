package dev.herald.it;

import static dev.herald.it.Herald.ADMIN;
import static dev.herald.it.Herald.ADMIN_PW;
import static dev.herald.it.Herald.SUFFIX;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5, "restart keeps everything": adds, modifies, renames (a new RDN, and a subtree moved
 * under a new superior with a new RDN) and deletes made with OpenLDAP's ldapmodify, ldapmodrdn
 * and ldapdelete against Herald on an LMDB folder; the server stops and starts again on the same
 * folder, and ldapsearch shows exactly what it showed before the stop — every user and
 * operational attribute of every entry, in the same order — and the indexed searches find the
 * renamed and moved entries under their new names only. The initial LDIF stays configured, so
 * the test also shows that it is not loaded again into a directory that has data (the deleted
 * group, which came from it, stays deleted).
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class RestartTest {

    @TempDir
    Path home;
    @TempDir
    Path data;

    private Herald start() throws Exception {
        return Herald.builder().section("directory", """
                suffix: dc=example,dc=com
                backend: lmdb
                data-dir: %s
                initial-ldif: data.ldif
                admin-dn: cn=admin,dc=example,dc=com""".formatted(data)).start();
    }

    private Tool.Result run(Herald herald, String stdin, String tool, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(tool, "-x", "-H", herald.url(), "-ZZ", "-D", ADMIN, "-w", ADMIN_PW));
        cmd.addAll(List.of(args));
        Tool.Result r = Tool.run(home, Map.of("LDAPTLS_CACERT", TestPki.get().caPem().toString()), stdin,
                cmd.toArray(String[]::new));
        assertThat(r.exitCode()).as(tool + " " + String.join(" ", args) + "\n" + r).isZero();
        return r;
    }

    /** Everything in the directory, as ldapsearch prints it (user and operational attributes). */
    private String everything(Herald herald) throws Exception {
        return run(herald, null, "ldapsearch", "-LLL", "-o", "ldif-wrap=no", "-b", SUFFIX, "(objectClass=*)", "*", "+").out();
    }

    /** The DNs an indexed filter finds, in the server's order. */
    private List<String> find(Herald herald, String filter) throws Exception {
        List<String> dns = new ArrayList<>();
        for (String line : run(herald, null, "ldapsearch", "-LLL", "-o", "ldif-wrap=no", "-b", SUFFIX, filter, "1.1")
                .out().split("\n")) {
            if (line.startsWith("dn: ")) {
                dns.add(line.substring(4));
            }
        }
        return dns;
    }

    /** The entries of an ldapsearch -LLL output, by DN, each as its attribute lines. */
    private static Map<String, List<String>> entries(String ldif) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String block : ldif.strip().split("\n\n")) {
            List<String> lines = new ArrayList<>(List.of(block.split("\n")));
            out.put(lines.remove(0), lines);
        }
        return out;
    }

    @Test
    void everyChangeMadeWithTheOpenLdapClientsSurvivesARestart() throws Exception {
        String before;
        try (Herald herald = start()) {
            run(herald, """
                    dn: ou=staff,dc=example,dc=com
                    objectClass: organizationalUnit
                    ou: staff

                    dn: uid=carol,ou=staff,dc=example,dc=com
                    objectClass: inetOrgPerson
                    uid: carol
                    cn: Carol Clark
                    sn: Clark
                    mail: carol@example.com

                    dn: uid=dave,ou=staff,dc=example,dc=com
                    objectClass: inetOrgPerson
                    uid: dave
                    cn: Dave Dunn
                    sn: Dunn

                    dn: ou=contractors,ou=staff,dc=example,dc=com
                    objectClass: organizationalUnit
                    ou: contractors

                    dn: uid=erin,ou=contractors,ou=staff,dc=example,dc=com
                    objectClass: inetOrgPerson
                    uid: erin
                    cn: Erin Evans
                    sn: Evans
                    mail: erin@example.com
                    """, "ldapadd");
            run(herald, """
                    dn: uid=alice,ou=people,dc=example,dc=com
                    changetype: modify
                    replace: mail
                    mail: alice.liddell@example.com
                    -
                    add: description
                    description: moved to the wonderland team
                    -
                    delete: telephoneNumber

                    dn: uid=carol,ou=staff,dc=example,dc=com
                    changetype: modify
                    add: mail
                    mail: c.clark@example.com
                    """, "ldapmodify");
            // a new RDN in place, the old value removed (-r)
            run(herald, null, "ldapmodrdn", "-r", "uid=bob,ou=people,dc=example,dc=com", "uid=robert");
            // a subtree (contractors with erin) moved under a new superior with a new RDN
            run(herald, null, "ldapmodrdn", "-r", "-s", "ou=people,dc=example,dc=com",
                    "ou=contractors,ou=staff,dc=example,dc=com", "ou=external");
            run(herald, null, "ldapdelete", "uid=dave,ou=staff,dc=example,dc=com",
                    "cn=engineering,ou=groups,dc=example,dc=com");
            before = everything(herald);
        }

        try (Herald herald = start()) {
            assertThat(herald.instance().loadedEntries()).as("the initial LDIF is not loaded again").isZero();
            String after = everything(herald);
            assertThat(after).as("ldapsearch after the restart").isEqualTo(before);

            Map<String, List<String>> entries = entries(after);
            assertThat(entries.keySet()).containsExactlyInAnyOrder(
                    "dn: dc=example,dc=com",
                    "dn: ou=people,dc=example,dc=com",
                    "dn: ou=groups,dc=example,dc=com",
                    "dn: cn=admin,dc=example,dc=com",
                    "dn: uid=alice,ou=people,dc=example,dc=com",
                    "dn: uid=robert,ou=people,dc=example,dc=com",
                    "dn: ou=staff,dc=example,dc=com",
                    "dn: uid=carol,ou=staff,dc=example,dc=com",
                    "dn: ou=external,ou=people,dc=example,dc=com",
                    "dn: uid=erin,ou=external,ou=people,dc=example,dc=com");
            assertThat(entries.get("dn: uid=alice,ou=people,dc=example,dc=com"))
                    .contains("mail: alice.liddell@example.com", "description: moved to the wonderland team")
                    .doesNotContain("mail: alice@example.com")
                    .noneMatch(l -> l.startsWith("telephoneNumber:"));
            assertThat(entries.get("dn: uid=robert,ou=people,dc=example,dc=com"))
                    .contains("uid: robert", "entryDN: uid=robert,ou=people,dc=example,dc=com").doesNotContain("uid: bob");
            assertThat(entries.get("dn: ou=external,ou=people,dc=example,dc=com"))
                    .contains("ou: external", "hasSubordinates: TRUE").doesNotContain("ou: contractors");
            assertThat(entries.get("dn: uid=carol,ou=staff,dc=example,dc=com"))
                    .contains("mail: carol@example.com", "mail: c.clark@example.com");

            // the indexes follow: equality, presence, substring, and the parent -> children index
            assertThat(find(herald, "(uid=robert)")).containsExactly("uid=robert,ou=people,dc=example,dc=com");
            assertThat(find(herald, "(uid=bob)")).isEmpty();
            assertThat(find(herald, "(mail=alice.liddell@example.com)")).containsExactly("uid=alice,ou=people,dc=example,dc=com");
            assertThat(find(herald, "(mail=alice@example.com)")).isEmpty();
            assertThat(find(herald, "(mail=c.clark@example.com)")).containsExactly("uid=carol,ou=staff,dc=example,dc=com");
            assertThat(find(herald, "(uid=erin)")).containsExactly("uid=erin,ou=external,ou=people,dc=example,dc=com");
            assertThat(find(herald, "(uid=dave)")).isEmpty();
            assertThat(find(herald, "(cn=*Clark)")).containsExactly("uid=carol,ou=staff,dc=example,dc=com");
            assertThat(find(herald, "(member=*)")).isEmpty();
            assertThat(find(herald, "(ou=contractors)")).isEmpty();
            List<String> staff = new ArrayList<>();
            for (String line : run(herald, null, "ldapsearch", "-LLL", "-b", "ou=staff," + SUFFIX, "-s", "one",
                    "(objectClass=*)", "1.1").out().split("\n")) {
                if (line.startsWith("dn: ")) {
                    staff.add(line.substring(4));
                }
            }
            assertThat(staff).containsExactly("uid=carol,ou=staff,dc=example,dc=com");
            assertThat(find(herald, "(objectClass=inetOrgPerson)")).containsExactlyInAnyOrder(
                    "uid=alice,ou=people,dc=example,dc=com", "uid=robert,ou=people,dc=example,dc=com",
                    "uid=carol,ou=staff,dc=example,dc=com", "uid=erin,ou=external,ou=people,dc=example,dc=com");
        }
    }
}
