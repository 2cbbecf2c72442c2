package dev.herald.config.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.config.pki.PkiException.Reason;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Reading every supported format (written here with Bouncy Castle), and a clear failure for each way a file can be wrong. */
class KeyMaterialTest {

    private static final char[] PASSWORD = "correct horse".toCharArray();

    @TempDir
    static Path dir;

    static CertifiedKey ca;
    static CertifiedKey server;
    static java.security.KeyPair rsaKey;

    @BeforeAll
    static void pki() {
        ca = CertificateBuilder.rootCa("CN=Test CA").build();
        server = CertificateBuilder.server("CN=localhost", ca).dnsNames("localhost").build();
        rsaKey = KeyType.RSA_2048.generate(new java.security.SecureRandom());
    }

    /** A certificate for {@code type}, reusing one RSA key pair (RSA generation is slow on a shared machine). */
    static CertificateBuilder withKey(CertificateBuilder b, KeyType type) {
        return type == KeyType.RSA_2048 ? b.keyPair(rsaKey) : b.keyType(type);
    }

    // ---- negative cases first ----

    @Test
    void aMissingFileSaysSo() {
        assertThatThrownBy(() -> KeyMaterial.readPrivateKey(dir.resolve("nope.key"), null))
                .isInstanceOfSatisfying(PkiException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND);
                    assertThat(e.getMessage()).contains("nope.key").contains("does not exist");
                    assertThat(e.fix()).contains("relative paths");
                });
    }

    @Test
    void aFolderIsNotAFile() {
        assertThatThrownBy(() -> KeyMaterial.readCertificates(dir))
                .isInstanceOfSatisfying(PkiException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNREADABLE));
    }

    @Test
    void anEmptyFileHoldsNoPem() throws Exception {
        Path f = Files.writeString(dir.resolve("empty.pem"), "");
        assertThatThrownBy(() -> KeyMaterial.readCertificates(f))
                .isInstanceOfSatisfying(PkiException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.WRONG_CONTENT);
                    assertThat(e.getMessage()).contains("no PEM block");
                });
    }

    @Test
    void aDerCertificateIsNamedAsSuchWithTheConversionCommand() throws Exception {
        Path f = Files.write(dir.resolve("cert.der"), server.certificate().getEncoded());
        assertThatThrownBy(() -> KeyMaterial.readCertificates(f))
                .isInstanceOfSatisfying(PkiException.class, e -> {
                    assertThat(e.getMessage()).contains("DER");
                    assertThat(e.fix()).contains("openssl x509 -inform DER");
                });
    }

    @Test
    void aDerKeyIsNamedAsSuchWithTheConversionCommand() throws Exception {
        Path f = Files.write(dir.resolve("key.der"), server.privateKey().getEncoded());
        assertThatThrownBy(() -> KeyMaterial.readPrivateKey(f, null))
                .isInstanceOfSatisfying(PkiException.class, e -> assertThat(e.fix()).contains("openssl pkey -inform DER"));
    }

    @Test
    void aPkcs12FileGivenAsPemPointsAtThePkcs12Key() throws Exception {
        Path f = dir.resolve("given-as-pem.p12");
        server.writePkcs12(f, PASSWORD);
        assertThatThrownBy(() -> KeyMaterial.readCertificates(f))
                .isInstanceOfSatisfying(PkiException.class, e -> assertThat(e.fix()).contains("pkcs12:"));
    }

    @Test
    void aKeyFileWithoutAKeyListsWhatItHolds() throws Exception {
        Path f = dir.resolve("only-cert.pem");
        server.writeCertificate(f);
        assertThatThrownBy(() -> KeyMaterial.readPrivateKey(f, null))
                .isInstanceOfSatisfying(PkiException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.WRONG_CONTENT);
                    assertThat(e.getMessage()).contains("holds no private key").contains("a certificate");
                });
    }

    @Test
    void aCertificateFileWithOnlyAKeyListsWhatItHolds() throws Exception {
        Path f = dir.resolve("only-key.pem");
        server.writePrivateKey(f);
        assertThatThrownBy(() -> KeyMaterial.readCertificates(f))
                .isInstanceOfSatisfying(PkiException.class, e -> assertThat(e.getMessage()).contains("holds no certificate")
                        .contains("a private key"));
    }

    @Test
    void twoKeysInOneFileAreRefused() throws Exception {
        Path f = Files.writeString(dir.resolve("two.key"), PemFiles.pkcs8(server.privateKey()) + PemFiles.pkcs8(ca.privateKey()));
        assertThatThrownBy(() -> KeyMaterial.readPrivateKey(f, null))
                .isInstanceOfSatisfying(PkiException.class, e -> assertThat(e.getMessage()).contains("2 private keys"));
    }

    @Test
    void aDamagedPemBodyIsMalformed() throws Exception {
        String pem = PemFiles.certificates(List.of(server.certificate()));
        String damaged = pem.replaceFirst("(?m)^([A-Za-z0-9+/]{10})", "$1!!!!");
        Path f = Files.writeString(dir.resolve("damaged.pem"), damaged);
        assertThatThrownBy(() -> KeyMaterial.readCertificates(f))
                .isInstanceOfSatisfying(PkiException.class, e -> assertThat(e.reason()).isIn(Reason.MALFORMED, Reason.WRONG_CONTENT));
    }

    @Test
    void anEncryptedKeyWithoutAPasswordAsksForKeyPassword() throws Exception {
        Path f = dir.resolve("enc-nopw.key");
        server.writeEncryptedPrivateKey(f, PASSWORD);
        assertThatThrownBy(() -> KeyMaterial.readPrivateKey(f, null))
                .isInstanceOfSatisfying(PkiException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.PASSWORD_REQUIRED);
                    assertThat(e.fix()).contains("key-password");
                });
    }

    @Test
    void aWrongPasswordForEncryptedPkcs8IsReportedAsSuch() throws Exception {
        Path f = dir.resolve("enc-wrong.key");
        server.writeEncryptedPrivateKey(f, PASSWORD);
        assertThatThrownBy(() -> KeyMaterial.readPrivateKey(f, "Tr0ub4dor".toCharArray()))
                .isInstanceOfSatisfying(PkiException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.WRONG_PASSWORD);
                    assertThat(e.getMessage()).contains("does not decrypt").doesNotContain("Tr0ub4dor");
                });
    }

    @Test
    void aWrongPasswordForLegacyEncryptedPemIsReportedAsSuch() throws Exception {
        Path f = Files.writeString(dir.resolve("legacy-wrong.key"), PemFiles.encryptedTraditional(server.privateKey(), PASSWORD));
        assertThatThrownBy(() -> KeyMaterial.readPrivateKey(f, "wrong".toCharArray()))
                .isInstanceOfSatisfying(PkiException.class, e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_PASSWORD));
    }

    @Test
    void aWrongPkcs12PasswordFailsTheIntegrityCheck() throws Exception {
        Path f = dir.resolve("wrong.p12");
        server.writePkcs12(f, PASSWORD);
        assertThatThrownBy(() -> KeyMaterial.readPkcs12(f, "wrong".toCharArray(), null, null))
                .isInstanceOfSatisfying(PkiException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.WRONG_PASSWORD);
                    assertThat(e.getMessage()).contains("password does not open");
                });
    }

    @Test
    void aPkcs12WithoutAConfiguredPasswordAsksForOne() throws Exception {
        Path f = dir.resolve("nopw.p12");
        server.writePkcs12(f, PASSWORD);
        assertThatThrownBy(() -> KeyMaterial.readPkcs12(f, null, null, null))
                .isInstanceOfSatisfying(PkiException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.PASSWORD_REQUIRED);
                    assertThat(e.fix()).contains("password:");
                });
    }

    @Test
    void aPemFileGivenAsPkcs12PointsAtCertificateAndKey() throws Exception {
        Path f = dir.resolve("pem-as.p12");
        server.writeCertificate(f);
        assertThatThrownBy(() -> KeyMaterial.readPkcs12(f, PASSWORD, null, null))
                .isInstanceOfSatisfying(PkiException.class, e -> assertThat(e.fix()).contains("certificate: and key:"));
    }

    @Test
    void aPkcs12WithTwoKeysNeedsAnAlias() throws Exception {
        // Written by the JDK's own PKCS12 key store, so its output is covered too.
        java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("one", server.privateKey(), PASSWORD, server.chain().toArray(new X509Certificate[0]));
        CertifiedKey other = CertificateBuilder.server("CN=other", ca).build();
        ks.setKeyEntry("two", other.privateKey(), PASSWORD, other.chain().toArray(new X509Certificate[0]));
        Path f = dir.resolve("two.p12");
        try (var out = Files.newOutputStream(f)) {
            ks.store(out, PASSWORD);
        }
        assertThatThrownBy(() -> KeyMaterial.readPkcs12(f, PASSWORD, null, null))
                .isInstanceOfSatisfying(PkiException.class, e -> assertThat(e.fix()).contains("alias"));
        assertThatThrownBy(() -> KeyMaterial.readPkcs12(f, PASSWORD, null, "three"))
                .isInstanceOfSatisfying(PkiException.class, e -> assertThat(e.getMessage()).contains("no key entry named 'three'"));
        Pkcs12Contents two = KeyMaterial.readPkcs12(f, PASSWORD, null, "two");
        assertThat(two.chain().get(0)).isEqualTo(other.certificate());
    }

    @Test
    void aKeyOfAnotherTypeDoesNotMatch() {
        CertifiedKey rsa = CertificateBuilder.server("CN=rsa", ca).keyPair(rsaKey).build();
        assertThatThrownBy(() -> KeyMaterial.checkKeyMatchesCertificate(rsa.privateKey(), server.certificate()))
                .isInstanceOfSatisfying(PkiException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.MISMATCH);
                    assertThat(e.getMessage()).contains("RSA 2048").contains("ECDSA P-256");
                });
    }

    @Test
    void anotherKeyOfTheSameTypeDoesNotMatch() {
        CertifiedKey other = CertificateBuilder.server("CN=other", ca).build();
        assertThatThrownBy(() -> KeyMaterial.checkKeyMatchesCertificate(other.privateKey(), server.certificate()))
                .isInstanceOfSatisfying(PkiException.class, e -> assertThat(e.getMessage()).contains("different keys"));
    }

    @Test
    void aChainWithTheCaFirstIsOutOfOrder() {
        CertifiedKey inter = CertificateBuilder.intermediateCa("CN=Inter", ca).build();
        CertifiedKey leaf = CertificateBuilder.server("CN=leaf", inter).build();
        assertThatThrownBy(() -> KeyMaterial.checkChainOrder(List.of(inter.certificate(), leaf.certificate())))
                .isInstanceOfSatisfying(PkiException.class, e -> {
                    assertThat(e.getMessage()).contains("out of order");
                    assertThat(e.fix()).contains("CA first");
                });
        assertThatThrownBy(() -> KeyMaterial.checkChainOrder(List.of(leaf.certificate(), ca.certificate())))
                .isInstanceOf(PkiException.class);
    }

    // ---- every format reads ----

    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = {"EC_P256", "EC_P384", "RSA_2048", "ED25519"})
    void pkcs8ReadsForEveryKeyType(KeyType type) throws Exception {
        CertifiedKey k = withKey(CertificateBuilder.server("CN=" + type, ca), type).build();
        Path f = dir.resolve(type + ".key");
        k.writePrivateKey(f);
        LoadedPrivateKey loaded = KeyMaterial.readPrivateKey(f, null);
        assertThat(loaded.format()).isEqualTo("PKCS#8");
        assertThat(loaded.encrypted()).isFalse();
        assertThat(loaded.privateKey().getClass().getName()).doesNotContain("bouncycastle");
        KeyMaterial.checkKeyMatchesCertificate(loaded.privateKey(), k.certificate());
    }

    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = {"EC_P256", "RSA_2048", "ED25519"})
    void encryptedPkcs8ReadsForEveryKeyType(KeyType type) throws Exception {
        CertifiedKey k = withKey(CertificateBuilder.server("CN=" + type, ca), type).build();
        Path f = dir.resolve(type + "-enc.key");
        k.writeEncryptedPrivateKey(f, PASSWORD);
        assertThat(Files.readString(f)).contains("BEGIN ENCRYPTED PRIVATE KEY");
        LoadedPrivateKey loaded = KeyMaterial.readPrivateKey(f, PASSWORD);
        assertThat(loaded.format()).isEqualTo("encrypted PKCS#8");
        KeyMaterial.checkKeyMatchesCertificate(loaded.privateKey(), k.certificate());
    }

    @Test
    void sec1EcKeysRead() throws Exception {
        Path f = Files.writeString(dir.resolve("sec1.key"), PemFiles.traditional(server.privateKey()));
        assertThat(Files.readString(f)).contains("BEGIN EC PRIVATE KEY");
        LoadedPrivateKey loaded = KeyMaterial.readPrivateKey(f, null);
        assertThat(loaded.format()).isEqualTo("SEC1 EC");
        KeyMaterial.checkKeyMatchesCertificate(loaded.privateKey(), server.certificate());
    }

    @Test
    void pkcs1RsaKeysRead() throws Exception {
        CertifiedKey rsa = CertificateBuilder.server("CN=rsa", ca).keyPair(rsaKey).build();
        Path f = Files.writeString(dir.resolve("pkcs1.key"), PemFiles.traditional(rsa.privateKey()));
        assertThat(Files.readString(f)).contains("BEGIN RSA PRIVATE KEY");
        LoadedPrivateKey loaded = KeyMaterial.readPrivateKey(f, null);
        assertThat(loaded.format()).isEqualTo("PKCS#1 RSA");
        KeyMaterial.checkKeyMatchesCertificate(loaded.privateKey(), rsa.certificate());
    }

    @Test
    void legacyEncryptedPemKeysRead() throws Exception {
        Path f = Files.writeString(dir.resolve("legacy.key"), PemFiles.encryptedTraditional(server.privateKey(), PASSWORD));
        assertThat(Files.readString(f)).contains("Proc-Type: 4,ENCRYPTED");
        LoadedPrivateKey loaded = KeyMaterial.readPrivateKey(f, PASSWORD);
        assertThat(loaded.encrypted()).isTrue();
        KeyMaterial.checkKeyMatchesCertificate(loaded.privateKey(), server.certificate());
    }

    @Test
    void aCombinedFileGivesItsKeyAndItsCertificates() throws Exception {
        Path f = Files.writeString(dir.resolve("combined.pem"),
                PemFiles.certificates(List.of(server.certificate(), ca.certificate())) + PemFiles.pkcs8(server.privateKey()));
        assertThat(KeyMaterial.readCertificates(f)).containsExactly(server.certificate(), ca.certificate());
        PrivateKey key = KeyMaterial.readPrivateKey(f, null).privateKey();
        KeyMaterial.checkKeyMatchesCertificate(key, server.certificate());
    }

    @Test
    void chainsKeepFileOrderAndPassTheOrderCheck() throws Exception {
        CertifiedKey inter = CertificateBuilder.intermediateCa("CN=Inter", ca).build();
        CertifiedKey leaf = CertificateBuilder.server("CN=leaf", inter).keyType(KeyType.EC_P384).build();
        Path f = dir.resolve("chain.pem");
        leaf.writeChain(f);
        List<X509Certificate> chain = KeyMaterial.readCertificates(f);
        assertThat(chain).containsExactly(leaf.certificate(), inter.certificate());
        KeyMaterial.checkChainOrder(chain);
    }

    @Test
    void pkcs12GivesKeyAndChain() throws Exception {
        CertifiedKey inter = CertificateBuilder.intermediateCa("CN=Inter", ca).build();
        CertifiedKey leaf = CertificateBuilder.server("CN=leaf", inter).keyPair(rsaKey).build();
        Path f = dir.resolve("leaf.p12");
        leaf.writePkcs12(f, PASSWORD);
        Pkcs12Contents contents = KeyMaterial.readPkcs12(f, PASSWORD, null, null);
        assertThat(contents.chain()).containsExactly(leaf.certificate(), inter.certificate());
        assertThat(contents.privateKey().getClass().getName()).doesNotContain("bouncycastle");
        KeyMaterial.checkKeyMatchesCertificate(contents.privateKey(), leaf.certificate());
    }

    @Test
    void trustedCertificateBlocksRead() throws Exception {
        // OpenSSL's "TRUSTED CERTIFICATE" form: the certificate followed by trust settings.
        String b64 = java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(concat(ca.certificate().getEncoded(), new byte[] {0x30, 0x00}));
        Path f = Files.writeString(dir.resolve("trusted.pem"), "-----BEGIN TRUSTED CERTIFICATE-----\n" + b64 + "\n-----END TRUSTED CERTIFICATE-----\n");
        assertThat(KeyMaterial.readCertificates(f)).containsExactly(ca.certificate());
    }

    @Test
    void keysDescribeThemselvesWithoutSecrets() throws Exception {
        Path f = dir.resolve("describe.key");
        server.writePrivateKey(f);
        LoadedPrivateKey loaded = KeyMaterial.readPrivateKey(f, null);
        assertThat(loaded.toString()).isEqualTo("LoadedPrivateKey[ECDSA P-256, PKCS#8]");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
