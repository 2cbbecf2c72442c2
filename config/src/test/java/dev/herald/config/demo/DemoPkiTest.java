package dev.herald.config.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.config.pki.KeyMaterial;
import dev.herald.config.testing.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoPkiTest {

    @TempDir
    static Path shared;

    static DemoPki pki;

    @BeforeAll
    static void generate() throws IOException {
        pki = DemoPki.generate(shared);
    }

    private static X509Certificate cert(Path file) throws Exception {
        return KeyMaterial.readCertificates(file).get(0);
    }

    private static void pkixValidate(Path anchor, Path leaf) throws Exception {
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(cert(anchor), null)));
        params.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(cert(leaf))), params);
    }

    // ---- negative first ----

    @Test
    void malloryDoesNotValidateAgainstTheDemoCa() {
        assertThatThrownBy(() -> pkixValidate(pki.caCertificate(), pki.certificate("mallory")))
                .isInstanceOf(CertPathValidatorException.class);
    }

    @Test
    void opensslRejectsMallory() {
        Processes.Result r = Processes.run(pki.directory(), "openssl", "verify", "-CAfile", "ca.pem", "mallory.pem");
        assertThat(r.exitCode()).isNotZero();
    }

    @Test
    void aHalfPresentCaThatMustIssueIsAnError(@TempDir Path dir) throws Exception {
        DemoPki first = DemoPki.generate(dir);
        Files.delete(first.caKey());
        Files.delete(first.certificate("alice"));
        assertThatThrownBy(() -> DemoPki.generate(dir)).isInstanceOf(IOException.class).hasMessageContaining("ca.key");
    }

    // ---- the demo PKI ----

    @Test
    void aliceBobAndTheServerValidateAgainstTheDemoCa() throws Exception {
        pkixValidate(pki.caCertificate(), pki.certificate("alice"));
        pkixValidate(pki.caCertificate(), pki.certificate("bob"));
        pkixValidate(pki.caCertificate(), pki.serverCertificate());
        pkixValidate(pki.untrustedCaCertificate(), pki.certificate("mallory"));
    }

    @Test
    void opensslVerifiesTheClientsAndTheServerForTheirPurposes() {
        Processes.run(pki.directory(), "openssl", "verify", "-CAfile", "ca.pem", "alice.pem").assertSuccess();
        Processes.run(pki.directory(), "openssl", "verify", "-CAfile", "ca.pem", "-purpose", "sslclient", "alice.pem", "bob.pem")
                .assertSuccess();
        Processes.run(pki.directory(), "openssl", "verify", "-CAfile", "ca.pem", "-purpose", "sslserver", "server.pem")
                .assertSuccess();
        Processes.Result wrongPurpose = Processes.run(pki.directory(), "openssl", "verify", "-CAfile", "ca.pem", "-purpose",
                "sslserver", "alice.pem");
        assertThat(wrongPurpose.exitCode()).isNotZero();
    }

    @Test
    void gnutlsVerifiesAliceAndLoadsHerKey() {
        Processes.run(pki.directory(), "certtool", "--verify", "--load-ca-certificate", "ca.pem", "--infile", "alice.pem")
                .assertSuccess();
        Processes.run(pki.directory(), "certtool", "-k", "--infile", "alice.key").assertSuccess();
        Processes.run(pki.directory(), "certtool", "-k", "--infile", "server.key").assertSuccess();
    }

    /**
     * Real peers use the demo PKI: GnuTLS's gnutls-cli (the TLS library of Debian's ldapwhoami)
     * presents alice's certificate and key to an OpenSSL server that trusts ca.pem and requests a
     * client certificate; the server verifies alice and not mallory.
     */
    @Test
    void aGnutlsClientAuthenticatesWithAliceToAnOpensslServer() throws Exception {
        String alice = clientHandshake("alice");
        assertThat(alice).contains("CN = alice").doesNotContain("verify error");
        String mallory = clientHandshake("mallory");
        assertThat(mallory).contains("CN = mallory").contains("verify error:num=20:unable to get local issuer certificate");
    }

    /** Runs one handshake of gnutls-cli as {@code user} against openssl s_server; returns the server's output. */
    private static String clientHandshake(String user) throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Process server = new ProcessBuilder("openssl", "s_server", "-accept", "127.0.0.1:" + port, "-cert", "server.pem",
                "-key", "server.key", "-CAfile", "ca.pem", "-verify", "1", "-naccept", "1")
                .directory(pki.directory().toFile()).redirectErrorStream(true).start();
        StringBuilder out = new StringBuilder();
        try {
            java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(server.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null && !line.equals("ACCEPT")) {
                out.append(line).append('\n');
            }
            assertThat(line).as("s_server started: %s", out).isEqualTo("ACCEPT");
            Processes.Result client = Processes.run(pki.directory(), "timeout", "30", "gnutls-cli", "--x509cafile", "ca.pem",
                    "--x509certfile", user + ".pem", "--x509keyfile", user + ".key", "-p", String.valueOf(port), "localhost");
            assertThat(client.output()).as("gnutls-cli as %s", user).contains("Handshake was completed");
            server.getOutputStream().close(); // s_server ends the session at end of input
            while ((line = r.readLine()) != null) {
                out.append(line).append('\n');
            }
            assertThat(server.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            return out.toString();
        } finally {
            server.destroyForcibly();
        }
    }

    @Test
    void subjectsAndNamesAreTheDocumentedOnes() throws Exception {
        assertThat(cert(pki.certificate("alice")).getSubjectX500Principal().getName()).isEqualTo("CN=alice,OU=people,O=Herald Demo");
        assertThat(cert(pki.certificate("bob")).getSubjectX500Principal().getName()).isEqualTo("CN=bob,OU=people,O=Herald Demo");
        assertThat(cert(pki.certificate("mallory")).getSubjectX500Principal().getName())
                .isEqualTo("CN=mallory,OU=people,O=Herald Demo");
        assertThat(cert(pki.certificate("alice")).getSubjectAlternativeNames())
                .containsExactly(List.of(1, "alice@example.com"));
        assertThat(cert(pki.caCertificate()).getSubjectX500Principal().getName()).isEqualTo(DemoPki.CA_SUBJECT);
        assertThat(cert(pki.certificate("mallory")).getIssuerX500Principal().getName()).isEqualTo(DemoPki.UNTRUSTED_CA_SUBJECT);
        X509Certificate server = cert(pki.serverCertificate());
        assertThat(server.getSubjectAlternativeNames()).contains(List.of(2, "localhost"), List.of(7, "127.0.0.1"));
        assertThat(server.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(cert(pki.certificate("alice")).getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        assertThat(cert(pki.certificate("alice")).getKeyUsage()[0]).isTrue();
    }

    @Test
    void keysAreUnencryptedPkcs8WithMode600AndMatchTheirCertificates() throws Exception {
        for (String name : List.of("ca", "server", "alice", "bob", "mallory", "untrusted-ca")) {
            Path key = pki.directory().resolve(name + ".key");
            assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
            KeyMaterial.checkKeyMatchesCertificate(KeyMaterial.readPrivateKey(key, null).privateKey(),
                    cert(pki.directory().resolve(name + ".pem")));
        }
    }

    @Test
    void generatingAgainKeepsEveryFile(@TempDir Path dir) throws Exception {
        DemoPki first = DemoPki.generate(dir);
        byte[] alice = Files.readAllBytes(first.certificate("alice"));
        byte[] server = Files.readAllBytes(first.serverKey());
        byte[] ca = Files.readAllBytes(first.caCertificate());
        DemoPki.generate(dir);
        assertThat(Files.readAllBytes(first.certificate("alice"))).isEqualTo(alice);
        assertThat(Files.readAllBytes(first.serverKey())).isEqualTo(server);
        assertThat(Files.readAllBytes(first.caCertificate())).isEqualTo(ca);
    }

    @Test
    void aMissingClientIsIssuedByTheExistingCa(@TempDir Path dir) throws Exception {
        DemoPki first = DemoPki.generate(dir);
        byte[] ca = Files.readAllBytes(first.caCertificate());
        byte[] bob = Files.readAllBytes(first.certificate("bob"));
        Files.delete(first.certificate("alice"));
        DemoPki.generate(dir);
        assertThat(Files.readAllBytes(first.caCertificate())).isEqualTo(ca);
        assertThat(Files.readAllBytes(first.certificate("bob"))).isEqualTo(bob);
        pkixValidate(first.caCertificate(), first.certificate("alice"));
    }

    @Test
    void aNewCaReissuesTheCertificatesItSigns(@TempDir Path dir) throws Exception {
        DemoPki first = DemoPki.generate(dir);
        byte[] mallory = Files.readAllBytes(first.certificate("mallory"));
        Files.delete(first.caCertificate());
        Files.delete(first.caKey());
        DemoPki.generate(dir);
        pkixValidate(first.caCertificate(), first.certificate("alice"));
        pkixValidate(first.caCertificate(), first.serverCertificate());
        assertThat(Files.readAllBytes(first.certificate("mallory"))).isEqualTo(mallory);
    }
}
