package dev.herald.config.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.config.testing.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real-world files: keys, certificates and PKCS#12 files made by the {@code openssl} program
 * load; and the files Herald writes are accepted by {@code openssl} and GnuTLS's {@code certtool}.
 */
class OpensslInteropTest {

    private static final char[] SECRET = "secret".toCharArray();

    @TempDir
    static Path dir;

    @BeforeAll
    static void opensslCa() throws Exception {
        Files.writeString(dir.resolve("server.ext"), """
                basicConstraints=critical,CA:FALSE
                keyUsage=critical,digitalSignature
                extendedKeyUsage=serverAuth
                subjectAltName=DNS:localhost,IP:127.0.0.1
                """);
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "ca.key",
                "-out", "ca.pem", "-subj", "/O=OpenSSL Test/CN=OpenSSL Test CA", "-days", "2",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
    }

    private static Processes.Result openssl(String... args) {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "openssl";
        System.arraycopy(args, 0, cmd, 1, args.length);
        return Processes.run(dir, cmd).assertSuccess();
    }

    /** Issues a server certificate from the OpenSSL CA for the key in {@code keyFile}. */
    private static Path issue(String keyFile, String name) {
        openssl("req", "-new", "-key", keyFile, "-subj", "/CN=" + name, "-out", name + ".csr");
        openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2",
                "-extfile", "server.ext", "-out", name + ".pem");
        return dir.resolve(name + ".pem");
    }

    private static void assertPair(String keyFile, char[] password, Path certFile, String format) throws Exception {
        LoadedPrivateKey key = KeyMaterial.readPrivateKey(dir.resolve(keyFile), password);
        assertThat(key.format()).isEqualTo(format);
        List<X509Certificate> chain = KeyMaterial.readCertificates(certFile);
        KeyMaterial.checkKeyMatchesCertificate(key.privateKey(), chain.get(0));
        assertThat(KeyMaterial.verifies(chain.get(0), KeyMaterial.readCertificates(dir.resolve("ca.pem")).get(0))).isTrue();
    }

    @Test
    void ecPkcs8FromGenpkey() throws Exception {
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "ec.key");
        assertPair("ec.key", null, issue("ec.key", "ec"), "PKCS#8");
    }

    @Test
    void p384Pkcs8FromGenpkey() throws Exception {
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384", "-out", "p384.key");
        assertPair("p384.key", null, issue("p384.key", "p384"), "PKCS#8");
    }

    @Test
    void rsaPkcs8FromGenpkey() throws Exception {
        openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "rsa8.key");
        assertPair("rsa8.key", null, issue("rsa8.key", "rsa8"), "PKCS#8");
    }

    @Test
    void ed25519Pkcs8FromGenpkey() throws Exception {
        openssl("genpkey", "-algorithm", "ed25519", "-out", "ed.key");
        assertPair("ed.key", null, issue("ed.key", "ed"), "PKCS#8");
    }

    @Test
    void sec1WithEcParametersFromEcparam() throws Exception {
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-out", "sec1.key");
        assertThat(Files.readString(dir.resolve("sec1.key"))).contains("BEGIN EC PARAMETERS").contains("BEGIN EC PRIVATE KEY");
        assertPair("sec1.key", null, issue("sec1.key", "sec1"), "SEC1 EC");
    }

    @Test
    void pkcs1FromGenrsaTraditional() throws Exception {
        openssl("genrsa", "-traditional", "-out", "rsa1.key", "2048");
        assertThat(Files.readString(dir.resolve("rsa1.key"))).contains("BEGIN RSA PRIVATE KEY");
        assertPair("rsa1.key", null, issue("rsa1.key", "rsa1"), "PKCS#1 RSA");
    }

    @Test
    void encryptedPkcs8WithAesAndPbkdf2() throws Exception {
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "plain.key");
        openssl("pkcs8", "-topk8", "-v2", "aes-256-cbc", "-v2prf", "hmacWithSHA256", "-in", "plain.key", "-out", "aes.key",
                "-passout", "pass:secret");
        Path cert = issue("plain.key", "aes");
        assertPair("aes.key", SECRET, cert, "encrypted PKCS#8");
        assertThatThrownBy(() -> KeyMaterial.readPrivateKey(dir.resolve("aes.key"), "Secret".toCharArray()))
                .isInstanceOfSatisfying(PkiException.class, e -> assertThat(e.reason()).isEqualTo(PkiException.Reason.WRONG_PASSWORD));
    }

    @Test
    void encryptedPkcs8WithPkcs12TripleDesPbe() throws Exception {
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "plain3.key");
        openssl("pkcs8", "-topk8", "-v1", "PBE-SHA1-3DES", "-in", "plain3.key", "-out", "3des.key", "-passout", "pass:secret");
        assertPair("3des.key", SECRET, issue("plain3.key", "3des"), "encrypted PKCS#8");
    }

    @Test
    void encryptedPkcs8WithScrypt() throws Exception {
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "plains.key");
        openssl("pkcs8", "-topk8", "-scrypt", "-in", "plains.key", "-out", "scrypt.key", "-passout", "pass:secret");
        assertPair("scrypt.key", SECRET, issue("plains.key", "scrypt"), "encrypted PKCS#8");
    }

    @Test
    void legacyEncryptedSec1FromOpensslEc() throws Exception {
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "legacy-plain.key");
        openssl("ec", "-in", "legacy-plain.key", "-aes256", "-passout", "pass:secret", "-out", "legacy.key");
        assertThat(Files.readString(dir.resolve("legacy.key"))).contains("Proc-Type: 4,ENCRYPTED");
        LoadedPrivateKey key = KeyMaterial.readPrivateKey(dir.resolve("legacy.key"), SECRET);
        assertThat(key.format()).startsWith("encrypted PEM");
        KeyMaterial.checkKeyMatchesCertificate(key.privateKey(), KeyMaterial.readCertificates(issue("legacy-plain.key", "legacy")).get(0));
    }

    @Test
    void pkcs12WithOpenssl3Defaults() throws Exception {
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "p12.key");
        Path cert = issue("p12.key", "p12");
        openssl("pkcs12", "-export", "-inkey", "p12.key", "-in", cert.toString(), "-certfile", "ca.pem", "-name", "server",
                "-passout", "pass:secret", "-out", "modern.p12");
        Pkcs12Contents contents = KeyMaterial.readPkcs12(dir.resolve("modern.p12"), SECRET, null, null);
        assertThat(contents.alias()).isEqualTo("server");
        assertThat(contents.chain()).hasSize(2);
        assertThat(contents.chain().get(0)).isEqualTo(KeyMaterial.readCertificates(cert).get(0));
        KeyMaterial.checkKeyMatchesCertificate(contents.privateKey(), contents.chain().get(0));
        KeyMaterial.checkChainOrder(contents.chain());
        assertThatThrownBy(() -> KeyMaterial.readPkcs12(dir.resolve("modern.p12"), "Secret".toCharArray(), null, null))
                .isInstanceOfSatisfying(PkiException.class, e -> assertThat(e.reason()).isEqualTo(PkiException.Reason.WRONG_PASSWORD));
    }

    @Test
    void pkcs12WithLegacyAlgorithms() throws Exception {
        openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "legacyp12.key");
        Path cert = issue("legacyp12.key", "legacyp12");
        openssl("pkcs12", "-export", "-legacy", "-inkey", "legacyp12.key", "-in", cert.toString(), "-passout", "pass:secret",
                "-out", "legacy.p12");
        Pkcs12Contents contents = KeyMaterial.readPkcs12(dir.resolve("legacy.p12"), SECRET, null, null);
        KeyMaterial.checkKeyMatchesCertificate(contents.privateKey(), contents.chain().get(0));
    }

    @Test
    void opensslAndGnutlsReadWhatHeraldWrites() throws Exception {
        CertifiedKey ca = CertificateBuilder.rootCa("CN=Herald Test CA").build();
        for (KeyType type : new KeyType[] {KeyType.EC_P256, KeyType.EC_P384, KeyType.ED25519}) {
            CertifiedKey leaf = CertificateBuilder.client("CN=" + type + ",O=Herald", ca).keyType(type).emails("a@example.com").build();
            String base = "herald-" + type;
            leaf.writeCertificate(dir.resolve(base + ".pem"));
            leaf.writePrivateKey(dir.resolve(base + ".key"));
            leaf.writeEncryptedPrivateKey(dir.resolve(base + "-enc.key"), SECRET);
            leaf.writePkcs12(dir.resolve(base + ".p12"), SECRET);
            Files.writeString(dir.resolve(base + "-sec1.key"), PemFiles.traditional(leaf.privateKey()));

            openssl("pkey", "-in", base + ".key", "-noout");
            openssl("pkey", "-in", base + "-enc.key", "-passin", "pass:secret", "-noout");
            openssl("pkey", "-in", base + "-sec1.key", "-noout");
            openssl("pkcs12", "-in", base + ".p12", "-passin", "pass:secret", "-nodes", "-out", base + "-from-p12.pem");
            assertThat(Files.readString(dir.resolve(base + "-from-p12.pem"))).contains("BEGIN PRIVATE KEY").contains("BEGIN CERTIFICATE");
            String subject = openssl("x509", "-in", base + ".pem", "-noout", "-subject", "-nameopt", "RFC2253").output().strip();
            assertThat(subject).isEqualTo("subject=CN=" + type + ",O=Herald");
            // GnuTLS (the TLS library of Debian's OpenLDAP clients) must load the key files.
            Processes.run(dir, "certtool", "-k", "--infile", base + ".key").assertSuccess();
            Processes.run(dir, "certtool", "-k", "--infile", base + "-sec1.key").assertSuccess();
        }
    }
}
