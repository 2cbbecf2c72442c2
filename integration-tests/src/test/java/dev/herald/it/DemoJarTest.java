package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's run command as a user runs it: the built jar's {@code demo} in its own process.
 * The first command it prints — {@code ldapwhoami -ZZ -Y EXTERNAL} with alice's certificate —
 * is run verbatim by a shell and must print alice's DN; then a password bind over StartTLS with
 * the generated administrator password, and a second run that reuses the folder.
 */
class DemoJarTest {

    @TempDir
    Path tmp;

    @Test
    void thePrintedWhoAmIWorksVerbatimAndTheFolderIsReused() throws Exception {
        Path dir = tmp.resolve("herald-demo");
        int ldap = JarProcess.freePort();
        int ldaps = JarProcess.freePort();
        String whoami;
        try (JarProcess demo = JarProcess.start(tmp, "demo", "--dir", dir.toString(), "--ldap-port", Integer.toString(ldap),
                "--ldaps-port", Integer.toString(ldaps))) {
            assertThat(demo.awaitLine(l -> l.startsWith("Stop with Ctrl-C"), 120)).as(demo.output()).isTrue();
            String expected = "LDAPTLS_CACERT=" + dir + "/pki/ca.pem LDAPTLS_CERT=" + dir + "/pki/alice.pem LDAPTLS_KEY=" + dir
                    + "/pki/alice.key ldapwhoami -H ldap://127.0.0.1:" + ldap + " -ZZ -Y EXTERNAL";
            whoami = demo.output().lines().map(String::strip).filter(l -> l.contains("ldapwhoami")).findFirst().orElseThrow();
            assertThat(whoami).isEqualTo(expected);
            assertThat(demo.output()).contains("ldaps://127.0.0.1:" + ldaps);

            Tool.Result r = Tool.shell(tmp, whoami);
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.out().trim()).isEqualTo("dn:uid=alice,ou=people,dc=example,dc=com");

            Path pw = dir.resolve("admin.password");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pw))).isEqualTo("rw-------");
            Map<String, String> tls = Map.of("LDAPTLS_CACERT", dir.resolve("pki/ca.pem").toString());
            r = Tool.run(tmp, tls, (String) null, "ldapwhoami", "-x", "-H", "ldap://127.0.0.1:" + ldap, "-ZZ",
                    "-D", "cn=admin,dc=example,dc=com", "-y", pw.toString());
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.out().trim()).isEqualTo("dn:cn=admin,dc=example,dc=com");
            r = Tool.run(tmp, tls, "dn: uid=bob,ou=people,dc=example,dc=com\nchangetype: modify\nreplace: title\ntitle: kept\n",
                    "ldapmodify", "-x", "-H", "ldap://127.0.0.1:" + ldap, "-ZZ", "-D", "cn=admin,dc=example,dc=com",
                    "-y", pw.toString());
            assertThat(r.exitCode()).as(r.toString()).isZero();

            // The printed explain command, beside the running server (LMDB read-only).
            String explain = demo.output().lines().map(String::strip).filter(l -> l.contains("explain-mapping")).findFirst()
                    .orElseThrow();
            r = Tool.shell(tmp, explain);
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.out()).contains("(configured trust anchor)",
                    "result: mapped to \"uid=bob,ou=people,dc=example,dc=com\" by [1] subject-attribute");
            r = Tool.shell(tmp, explain.replace("bob.pem", "mallory.pem"));
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
            assertThat(r.out()).contains("does not reach a configured trust anchor", "skipped: issuer");
        }
        // Again, same folder: keys, certificates and data (LMDB) are reused.
        try (JarProcess demo = JarProcess.start(tmp, "demo", "--dir", dir.toString(), "--ldap-port", Integer.toString(ldap),
                "--ldaps-port", Integer.toString(ldaps))) {
            assertThat(demo.awaitLine(l -> l.startsWith("Stop with Ctrl-C"), 120)).as(demo.output()).isTrue();
            assertThat(demo.output()).contains("data kept from the last run");
            Tool.Result r = Tool.shell(tmp, whoami.replace("alice", "bob") + " && " + "LDAPTLS_CACERT=" + dir + "/pki/ca.pem LDAPTLS_CERT=" + dir
                            + "/pki/bob.pem LDAPTLS_KEY=" + dir + "/pki/bob.key ldapsearch -LLL -H ldaps://127.0.0.1:" + ldaps
                            + " -Y EXTERNAL -b uid=bob,ou=people,dc=example,dc=com -s base title");
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.out()).contains("dn:uid=bob,ou=people,dc=example,dc=com", "title: kept");
        }
    }
}
