package dev.herald.it;

import static dev.herald.it.Herald.ALICE;
import static dev.herald.it.Herald.BOB;
import static dev.herald.it.Herald.SUFFIX;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.herald.config.demo.DemoPki;
import dev.herald.config.pki.CertifiedKey;

/**
 * The user's check, with OpenLDAP's own clients (Debian's ldap-utils, linked with GnuTLS):
 * {@code ldapwhoami} / {@code ldapsearch -ZZ -Y EXTERNAL} and {@code ldaps://} for alice and bob,
 * what happens to certificates the server does not accept, and password binds with and
 * without TLS.
 *
 * <p>GnuTLS picks a client certificate by the CA names in the server's CertificateRequest:
 * mallory's certificate, from a CA the server does not list, is never sent, so mallory simply
 * has no certificate (and libldap's SASL then offers no EXTERNAL). To make GnuTLS present a
 * certificate the server must refuse, the tests use a forged chain whose CA has the trusted CA's
 * name but another key, and an expired certificate from the real CA.
 */
class ExternalOpenLdapTest {

    @TempDir
    Path home;
    @TempDir
    static Path certs;
    static Path[] forged;
    static Path[] expired;

    private AccessLogCapture log;

    @BeforeAll
    static void certificates() {
        TestPki pki = TestPki.get();
        CertifiedKey sameNameCa = TestPki.newCa(DemoPki.CA_SUBJECT);
        forged = TestPki.write(TestPki.newClient("CN=alice,OU=people,O=Herald Demo", sameNameCa, b -> b), certs, "forged");
        expired = TestPki.write(TestPki.newClient("CN=alice,OU=people,O=Herald Demo", pki.ca, b -> b.expired()), certs, "expired");
    }

    @BeforeEach
    void capture() {
        log = new AccessLogCapture();
    }

    @AfterEach
    void release() {
        log.close();
    }

    private Tool.Result tool(String cert, String key, String... command) throws Exception {
        Map<String, String> env = new java.util.HashMap<>(Map.of("LDAPTLS_CACERT", TestPki.get().caPem().toString()));
        if (cert != null) {
            env.put("LDAPTLS_CERT", cert);
            env.put("LDAPTLS_KEY", key);
        }
        return Tool.run(home, env, (String) null, command);
    }

    private Tool.Result as(String user, String... command) throws Exception {
        TestPki pki = TestPki.get();
        return tool(pki.cert(user).toString(), pki.key(user).toString(), command);
    }

    private static String[] cmd(String... parts) {
        return parts;
    }

    @Test
    void aliceAndBobOverStartTlsAndLdaps() throws Exception {
        try (Herald h = Herald.builder().start()) {
            for (String[] user : new String[][] {{"alice", ALICE}, {"bob", BOB}}) {
                Tool.Result r = as(user[0], "ldapwhoami", "-H", h.url(), "-ZZ", "-Y", "EXTERNAL");
                assertThat(r.exitCode()).as(r.toString()).isZero();
                assertThat(r.out().trim()).isEqualTo("dn:" + user[1]);
                r = as(user[0], "ldapwhoami", "-H", h.ldapsUrl(), "-Y", "EXTERNAL");
                assertThat(r.exitCode()).as(r.toString()).isZero();
                assertThat(r.out().trim()).isEqualTo("dn:" + user[1]);
                r = as(user[0], "ldapsearch", "-LLL", "-H", h.url(), "-ZZ", "-Y", "EXTERNAL", "-b", user[1], "-s", "base",
                        "(objectClass=*)", "uid", "mail");
                assertThat(r.exitCode()).as(r.toString()).isZero();
                assertThat(r.out()).contains("dn: " + user[1], "uid: " + user[0], "mail: " + user[0] + "@example.com");
                r = as(user[0], "ldapsearch", "-LLL", "-H", h.ldapsUrl(), "-Y", "EXTERNAL", "-b", SUFFIX, "(uid=alice)", "1.1");
                assertThat(r.exitCode()).as(r.toString()).isZero();
                assertThat(r.out().trim()).isEqualTo("dn: " + ALICE);
            }
            String line = log.await(l -> l.contains("BIND") && l.contains("mech=EXTERNAL") && l.contains("err=0"));
            assertThat(line).contains("cert.subject=\"CN=alice,OU=people,O=Herald Demo\"",
                    "cert.issuer=\"CN=Herald Demo CA,O=Herald Demo\"", "authcDN=\"" + ALICE + "\"", "tls=TLSv1.3",
                    "suite=TLS_");
            assertThat(log.await(l -> l.contains("STARTTLS handshake ok"))).contains("client-certificate=verified");
        }
    }

    @Test
    void anAuthorizationIdentityThroughLdapwhoami() throws Exception {
        try (Herald h = Herald.builder().section("sasl", """
                external:
                  mappers:
                    - { type: subject-attribute, issuer: %s, certificate-attribute: CN, entry-attribute: uid }
                authz:
                  rules:
                    - { from: "dn:%s", to: "dn:%s" }
                """.formatted(TestPki.get().caPem(), ALICE, BOB)).start()) {
            Tool.Result r = as("alice", "ldapwhoami", "-H", h.url(), "-ZZ", "-Y", "EXTERNAL", "-X", "dn:" + BOB);
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.out().trim()).isEqualTo("dn:" + BOB);
            r = as("bob", "ldapwhoami", "-H", h.url(), "-ZZ", "-Y", "EXTERNAL", "-X", "dn:" + ALICE);
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(49);
            assertThat(r.err()).contains("Invalid credentials (49)");
        }
    }

    @Test
    void untrustedCertificatesUnderTry() throws Exception {
        try (Herald h = Herald.builder().start()) {
            // mallory's CA is not among the CA names the server asks for: GnuTLS sends nothing.
            Tool.Result r = as("mallory", "ldapwhoami", "-H", h.url(), "-ZZ", "-Y", "EXTERNAL");
            assertThat(r.exitCode()).as(r.toString()).isNotZero();
            assertThat(r.out()).doesNotContain("dn:");
            assertThat(log.await(l -> l.contains("STARTTLS handshake ok"))).contains("client-certificate=none");
            // A forged chain under the trusted CA's name is sent, and the handshake fails.
            r = tool(forged[0].toString(), forged[1].toString(), "ldapwhoami", "-H", h.url(), "-ZZ", "-Y", "EXTERNAL");
            // (In TLS 1.3 the client is done before the server judges its certificate, so
            // libldap reports the failure at the bind that follows.)
            assertThat(r.exitCode()).as(r.toString()).isNotZero();
            assertThat(r.out()).doesNotContain("dn:");
            assertThat(log.await(l -> l.contains("STARTTLS handshake failed"))).contains("alert=unknown_ca");
            r = tool(forged[0].toString(), forged[1].toString(), "ldapwhoami", "-H", h.ldapsUrl(), "-Y", "EXTERNAL");
            assertThat(r.exitCode()).as("LDAPS: " + r).isNotZero();
            assertThat(log.await(l -> l.contains(" TLS handshake failed"))).contains("alert=unknown_ca");
            r = tool(expired[0].toString(), expired[1].toString(), "ldapwhoami", "-H", h.url(), "-ZZ", "-Y", "EXTERNAL");
            assertThat(r.exitCode()).as(r.toString()).isNotZero();
            assertThat(log.await(l -> l.contains("STARTTLS handshake failed") && l.contains("certificate_expired"))).isNotNull();
        }
    }

    @Test
    void untrustedCertificatesUnderAllowGetInappropriateAuthentication() throws Exception {
        try (Herald h = Herald.builder().clientCertificates("allow").start()) {
            for (Path[] cert : new Path[][] {forged, expired}) {
                Tool.Result r = tool(cert[0].toString(), cert[1].toString(), "ldapwhoami", "-H", h.url(), "-ZZ", "-Y", "EXTERNAL");
                assertThat(r.exitCode()).as(r.toString()).isEqualTo(48);
                assertThat(r.err()).contains("Inappropriate authentication (48)");
                r = tool(cert[0].toString(), cert[1].toString(), "ldapwhoami", "-H", h.ldapsUrl(), "-Y", "EXTERNAL");
                assertThat(r.exitCode()).as("LDAPS: " + r).isEqualTo(48);
            }
            assertThat(log.await(l -> l.contains("STARTTLS handshake ok"))).contains("client-certificate=ignored");
            // After the refusal the session is anonymous but usable, TLS still up.
            Tool.Result r = as("bob", "ldapwhoami", "-H", h.url(), "-ZZ", "-Y", "EXTERNAL");
            assertThat(r.out().trim()).isEqualTo("dn:" + BOB);
        }
    }

    @Test
    void passwordsOverStartTlsAndLdapsButNotInClear() throws Exception {
        try (Herald h = Herald.builder().start()) {
            List<String> urls = new ArrayList<>();
            for (String url : List.of(h.url() + " -ZZ", h.ldapsUrl())) {
                List<String> c = new ArrayList<>(List.of("ldapwhoami", "-x", "-H"));
                c.addAll(List.of(url.split(" ")));
                c.addAll(List.of("-D", BOB, "-w", "bob-pw"));
                Tool.Result r = tool(null, null, c.toArray(String[]::new));
                assertThat(r.exitCode()).as(r.toString()).isZero();
                assertThat(r.out().trim()).isEqualTo("dn:" + BOB);
                urls.add(url);
            }
            Tool.Result r = Tool.run(home, (String) null, "ldapwhoami", "-x", "-H", h.url(), "-D", BOB, "-w", "bob-pw");
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(13);
            assertThat(log.await(l -> l.contains("BIND") && l.contains("err=13"))).contains("tls=none").doesNotContain("bob-pw");
        }
    }
}
