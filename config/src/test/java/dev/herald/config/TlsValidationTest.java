package dev.herald.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.config.ConfigFixtures.Failure;
import dev.herald.config.model.HeraldConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every rule of the tls section, broken once. */
class TlsValidationTest {

    static ConfigFixtures fx;

    @BeforeAll
    static void fixtures() throws Exception {
        fx = ConfigFixtures.shared();
    }

    private static String credential(String lines) {
        return ConfigFixtures.BASE + "tls:\n  credentials:\n    - " + lines.strip().replace("\n", "\n      ") + "\n";
    }

    // ---- credentials: files ----

    @Test
    void aMissingKeyFileIsNamedWithItsKeyPath() throws Exception {
        String yaml = credential("certificate: pki/server.pem\nkey: pki/missing.key");
        fx.fails(yaml).only().hasOnLine("tls.credentials[0].key", "key: pki/missing.key",
                "the file " + fx.dir.resolve("pki/missing.key") + " does not exist", "relative paths resolve against");
    }

    @Test
    void aMissingCertificateFileIsNamed() throws Exception {
        fx.fails(credential("certificate: pki/missing.pem\nkey: pki/server.key")).only()
                .has("tls.credentials[0].certificate", "does not exist", "check the path");
    }

    @Test
    void aKeyThatDoesNotMatchTheCertificateIsNamed() throws Exception {
        fx.fails(credential("certificate: pki/server.pem\nkey: pki/alice.key")).only()
                .has("tls.credentials[0].key", "does not match the certificate CN=localhost,O=Herald Demo", "the key that was generated");
    }

    @Test
    void aKeyOfAnotherTypeDoesNotMatch() throws Exception {
        fx.fails(credential("certificate: pki/server.pem\nkey: pki/rsa.key")).only()
                .has("tls.credentials[0].key", "private key (RSA 2048) does not match", "the key that was generated");
    }

    @Test
    void aCertificateGivenAsTheKeyIsNamed() throws Exception {
        fx.fails(credential("certificate: pki/server.pem\nkey: pki/server.pem")).only()
                .has("tls.credentials[0].key", "holds no private key (it holds a certificate)", "PEM private key");
    }

    @Test
    void aDerCertificateGetsTheConversionCommand() throws Exception {
        fx.fails(credential("certificate: pki/server.der\nkey: pki/server.key")).only()
                .has("tls.credentials[0].certificate", "DER", "openssl x509 -inform DER -in server.der");
    }

    @Test
    void aPkcs12GivenAsCertificateIsPointedAtPkcs12() throws Exception {
        fx.fails(credential("certificate: pki/server.p12\nkey: pki/server.key")).only()
                .has("tls.credentials[0].certificate", "is a PKCS#12 file", "pkcs12: server.p12");
    }

    @Test
    void anEncryptedKeyWithoutPasswordAsksForKeyPassword() throws Exception {
        fx.fails(credential("certificate: pki/server.pem\nkey: pki/server-enc.key")).only()
                .has("tls.credentials[0].key", "is encrypted and no password is configured", "key-password: { env: NAME }");
    }

    @Test
    void aWrongKeyPasswordIsBlamedOnKeyPassword() throws Exception {
        String yaml = credential("certificate: pki/server.pem\nkey: pki/server-enc.key\nkey-password: { value: not-the-password }");
        Failure f = fx.fails(yaml).only();
        f.has("tls.credentials[0].key-password", "the password does not decrypt the private key", "check the key password");
        assertThat(f.exception().getMessage()).doesNotContain("not-the-password");
    }

    @Test
    void anUnsetEnvironmentVariableIsNamed() throws Exception {
        String yaml = credential("certificate: pki/server.pem\nkey: pki/server-enc.key\nkey-password: { env: NOT_SET_ANYWHERE }");
        fx.fails(yaml).only().hasOnLine("tls.credentials[0].key-password.env", "NOT_SET_ANYWHERE",
                "the environment variable NOT_SET_ANYWHERE is not set", "set it in the environment Herald starts in");
    }

    @Test
    void anEmptyEnvironmentVariableIsNamed() throws Exception {
        fx.fails(credential("certificate: pki/server.pem\nkey: pki/server-enc.key\nkey-password: { env: EMPTY_VAR }")).only()
                .has("tls.credentials[0].key-password.env", "EMPTY_VAR is empty", "give it the secret");
    }

    @Test
    void aMissingSecretFileIsNamed() throws Exception {
        fx.fails(credential("certificate: pki/server.pem\nkey: pki/server-enc.key\nkey-password: { file: nope.txt }")).only()
                .has("tls.credentials[0].key-password.file", "the secret file " + fx.dir.resolve("nope.txt") + " does not exist",
                        "create it (mode 600)");
    }

    @Test
    void aBareSecretIsRefusedWithoutEchoingIt() throws Exception {
        String yaml = credential("certificate: pki/server.pem\nkey: pki/server-enc.key\nkey-password: hunter2hunter2");
        Failure f = fx.fails(yaml).only();
        f.has("tls.credentials[0].key-password", "a secret must be a mapping", "{ env: NAME }");
        assertThat(f.exception().getMessage()).doesNotContain("hunter2");
    }

    @Test
    void aSecretWithTwoSourcesIsRefused() throws Exception {
        String yaml = credential("certificate: pki/server.pem\nkey: pki/server-enc.key\n"
                + "key-password: { env: HERALD_KEY_PASSWORD, value: hunter2hunter2 }");
        Failure f = fx.fails(yaml).only();
        f.has("tls.credentials[0].key-password", "more than one source", "{ env: NAME }");
        assertThat(f.exception().getMessage()).doesNotContain("hunter2");
    }

    @Test
    void anUnknownSecretSourceGetsADidYouMean() throws Exception {
        fx.fails(credential("certificate: pki/server.pem\nkey: pki/server-enc.key\nkey-password: { environment: X }"))
                .has("tls.credentials[0].key-password.environment", "unknown key", "env, file, value");
    }

    @Test
    void aWrongPkcs12PasswordIsBlamedOnPassword() throws Exception {
        fx.fails(credential("pkcs12: pki/server.p12\npassword: { value: wrong-one }")).only()
                .has("tls.credentials[0].password", "the password does not open", "openssl pkcs12 -export");
    }

    @Test
    void aPkcs12WithoutPasswordAsksForOne() throws Exception {
        fx.fails(credential("pkcs12: pki/server.p12")).only()
                .has("tls.credentials[0].pkcs12", "protected by a password and none is configured", "password: { env: NAME }");
    }

    @Test
    void aPemFileGivenAsPkcs12IsPointedAtCertificateAndKey() throws Exception {
        fx.fails(credential("pkcs12: pki/server.pem\npassword: { value: x }")).only()
                .has("tls.credentials[0].pkcs12", "is not a PKCS#12 file", "certificate: and key:");
    }

    @Test
    void bothPemAndPkcs12IsAnError() throws Exception {
        fx.fails(credential("certificate: pki/server.pem\nkey: pki/server.key\npkcs12: pki/server.p12")).only()
                .has("tls.credentials[0]", "both certificate/key and pkcs12", "either certificate and key, or pkcs12");
    }

    @Test
    void aCredentialWithoutCertificateIsAnError() throws Exception {
        fx.fails(credential("server-names: [localhost]")).only().has("tls.credentials[0]", "names no certificate", "{ certificate: CHAIN.pem");
    }

    @Test
    void aCertificateWithoutKeyIsAnError() throws Exception {
        fx.fails(credential("certificate: pki/server.pem")).only().has("tls.credentials[0].key", "has a certificate but no key", "add key:");
    }

    @Test
    void thePkcs12PasswordKeyOnAPemCredentialIsAnError() throws Exception {
        fx.fails(credential("certificate: pki/server.pem\nkey: pki/server.key\npassword: { value: x }")).only()
                .has("tls.credentials[0].password", "PKCS#12 file's password", "key-password");
    }

    @Test
    void tlsWithoutCredentialsIsAnError() throws Exception {
        fx.fails(ConfigFixtures.BASE + "tls:\n  trust-anchors: [pki/ca.pem]\n").only()
                .has("tls.credentials", "TLS is configured but has no credentials", "credentials: [ { certificate:");
    }

    @Test
    void anEmptyCredentialListIsAnError() throws Exception {
        fx.fails(ConfigFixtures.BASE + "tls:\n  credentials: []\n").only().has("tls.credentials", "empty", "credentials: [");
    }

    // ---- credentials: what a TLS client checks ----

    @Test
    void aClientCertificateAsServerCertificateIsAnError() throws Exception {
        fx.fails(credential("certificate: pki/alice.pem\nkey: pki/alice.key")).only()
                .has("tls.credentials[0].certificate", "extendedKeyUsage lacks serverAuth", "is this a client certificate?");
    }

    @Test
    void aCertificateWithoutDigitalSignatureIsAnError() throws Exception {
        fx.fails(credential("certificate: pki/nosig.pem\nkey: pki/nosig.key")).only()
                .has("tls.credentials[0].certificate", "does not allow digitalSignature", "keyUsage digitalSignature");
    }

    @Test
    void aChainWithTheCaFirstIsOutOfOrder() throws Exception {
        fx.fails(credential("certificate: pki/reversed.pem\nkey: pki/server.key")).only()
                .has("tls.credentials[0].certificate", "the key belongs to certificate 2 of the chain (CN=localhost,O=Herald Demo)",
                        "list the server certificate first");
    }

    @Test
    void aChainInTheWrongOrderIsNamed() throws Exception {
        // The leaf first but followed by an unrelated CA: the chain is broken.
        String yaml = credential("certificate: pki/via-inter.pem\nkey: pki/via-inter.key");
        fx.load(yaml); // the right order loads
        java.nio.file.Files.writeString(fx.dir.resolve("pki/broken-chain.pem"),
                java.nio.file.Files.readString(fx.dir.resolve("pki/server.pem")) + java.nio.file.Files.readString(fx.dir.resolve("pki/untrusted-ca.pem")));
        fx.fails(credential("certificate: pki/broken-chain.pem\nkey: pki/server.key")).only()
                .has("tls.credentials[0].certificate", "out of order", "list the server certificate first");
    }

    @Test
    void aWeakRsaKeyIsRefused() throws Exception {
        fx.fails(credential("certificate: pki/weak.pem\nkey: pki/weak.key")).only()
                .has("tls.credentials[0].certificate", "only 1024 bits; at least 2048", "RSA 2048+");
    }

    @Test
    void anUnsupportedCurveIsRefused() throws Exception {
        fx.fails(credential("certificate: pki/p521.pem\nkey: pki/p521.key")).only()
                .has("tls.credentials[0].certificate", "P-521", "P-256 / P-384");
    }

    @Test
    void anExpiredServerCertificateIsAWarning() throws Exception {
        HeraldConfig config = fx.load(credential("certificate: pki/expired.pem\nkey: pki/expired.key"));
        ConfigFixtures.warning(config, "tls.credentials[0].certificate", "expired on");
    }

    @Test
    void anIpAddressInServerNamesIsAnError() throws Exception {
        fx.fails(credential("certificate: pki/server.pem\nkey: pki/server.key\nserver-names: [127.0.0.1]")).only()
                .has("tls.credentials[0].server-names[0]", "is an IP address", "DNS names only");
    }

    @Test
    void anInvalidServerNameIsAnError() throws Exception {
        fx.fails(credential("certificate: pki/server.pem\nkey: pki/server.key\nserver-names: ['ldap_example.com']")).only()
                .has("tls.credentials[0].server-names[0]", "not a valid host name", "ldap.example.com");
    }

    @Test
    void aServerNameTheCertificateDoesNotCoverIsAWarning() throws Exception {
        HeraldConfig config = fx.load(credential("certificate: pki/server.pem\nkey: pki/server.key\nserver-names: [ldap.example.com]"));
        ConfigFixtures.warning(config, "tls.credentials[0].server-names[0]", "does not cover 'ldap.example.com'");
    }

    @Test
    void aKeyFileOthersCanReadIsAWarning() throws Exception {
        java.nio.file.Path key = fx.dir.resolve("pki/readable.key");
        java.nio.file.Files.copy(fx.dir.resolve("pki/server.key"), key, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        java.nio.file.Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        HeraldConfig config = fx.load(credential("certificate: pki/server.pem\nkey: pki/readable.key"));
        assertThat(ConfigFixtures.warning(config, "tls.credentials[0].key", "other users can read it").fix()).contains("chmod 600");
    }

    @Test
    void anUnencryptedKeyWithAPasswordIsAWarning() throws Exception {
        HeraldConfig config = fx.load(credential("certificate: pki/server.pem\nkey: pki/server.key\nkey-password: { value: x }"));
        ConfigFixtures.warning(config, "tls.credentials[0].key-password", "not encrypted");
    }

    // ---- trust and client certificates ----

    @Test
    void aTrustAnchorThatIsNotACaIsAnError() throws Exception {
        fx.fails(ConfigFixtures.BASE + ConfigFixtures.TLS.replace("[pki/ca.pem]", "[pki/alice.pem]")).only()
                .has("tls.trust-anchors[0]", "CN=alice,OU=people,O=Herald Demo", "not a client or server certificate");
    }

    @Test
    void aMissingTrustAnchorFileIsNamed() throws Exception {
        fx.fails(ConfigFixtures.BASE + ConfigFixtures.TLS.replace("[pki/ca.pem]", "[pki/ca.pem, pki/nope.pem]")).only()
                .has("tls.trust-anchors[1]", "does not exist", "check the path");
    }

    @Test
    void requestingClientCertificatesWithoutTrustAnchorsIsAnError() throws Exception {
        String yaml = credential("certificate: pki/server.pem\nkey: pki/server.key") + "  client-certificates: demand\n";
        fx.fails(yaml).only().has("tls.client-certificates", "no trust-anchors are configured", "client-certificates: never");
    }

    @Test
    void anUnknownClientCertificateModeGetsADidYouMean() throws Exception {
        fx.fails(ConfigFixtures.BASE + ConfigFixtures.TLS + "  client-certificates: tyr\n").only()
                .has("tls.client-certificates", "'tyr' is not a known client-certificate mode", "did you mean 'try'?");
    }

    // ---- algorithms ----

    @Test
    void anObsoleteProtocolIsAnError() throws Exception {
        fx.fails(ConfigFixtures.BASE + ConfigFixtures.TLS + "  protocols: [TLSv1.3, TLSv1.1]\n").only()
                .has("tls.protocols[1]", "TLSv1.1 is obsolete (RFC 8996", "TLSv1.3 and/or TLSv1.2");
    }

    @Test
    void aMisspeltProtocolGetsADidYouMean() throws Exception {
        fx.fails(ConfigFixtures.BASE + ConfigFixtures.TLS + "  protocols: [TLS1.3]\n").only()
                .has("tls.protocols[0]", "'TLS1.3' is not a known TLS protocol", "did you mean 'TLSv1.3'?");
    }

    @Test
    void aRepeatedProtocolIsAnError() throws Exception {
        fx.fails(ConfigFixtures.BASE + ConfigFixtures.TLS + "  protocols: [TLSv1.3, TLSv1.3]\n").only()
                .has("tls.protocols[1]", "listed twice", "once");
    }

    @Test
    void anEmptyProtocolListIsAnError() throws Exception {
        fx.fails(ConfigFixtures.BASE + ConfigFixtures.TLS + "  protocols: []\n").only().has("tls.protocols", "empty", "TLSv1.3");
    }

    @Test
    void aMisspeltCipherSuiteGetsADidYouMean() throws Exception {
        fx.fails(ConfigFixtures.BASE + ConfigFixtures.TLS + "  cipher-suites: [TLS_AES_128_GCM_SHA265]\n").only()
                .has("tls.cipher-suites[0]", "not a cipher suite Herald supports", "did you mean 'TLS_AES_128_GCM_SHA256'?");
    }

    @Test
    void anOpensslStyleCipherNameIsExplained() throws Exception {
        fx.fails(ConfigFixtures.BASE + ConfigFixtures.TLS + "  cipher-suites: [ECDHE-ECDSA-AES128-GCM-SHA256]\n").only()
                .has("tls.cipher-suites[0]", "not a cipher suite Herald supports", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
    }

    @Test
    void anEnabledProtocolWithoutSuitesIsAnError() throws Exception {
        fx.fails(ConfigFixtures.BASE + ConfigFixtures.TLS + "  protocols: [TLSv1.2]\n  cipher-suites: [TLS_AES_128_GCM_SHA256]\n")
                .has("tls.cipher-suites", "TLSv1.2 is enabled but no cipher suite for it is listed", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
    }

    @Test
    void tls12OnlyWithSuitesNoCredentialCanSignIsAnError() throws Exception {
        fx.fails(ConfigFixtures.BASE + ConfigFixtures.TLS + "  protocols: [TLSv1.2]\n  cipher-suites: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256]\n")
                .only().has("tls.cipher-suites", "no listed TLS 1.2 cipher suite fits the credentials' keys", "suites for your key type");
    }

    @Test
    void anUnsupportedGroupIsAnError() throws Exception {
        fx.fails(ConfigFixtures.BASE + ConfigFixtures.TLS + "  groups: [x25519, x448]\n").only()
                .has("tls.groups[1]", "'x448' is not a key-exchange group Herald supports", "x25519, secp256r1, secp384r1");
    }

    @Test
    void aHandshakeTimeoutWithoutUnitIsAnError() throws Exception {
        fx.fails(ConfigFixtures.BASE + ConfigFixtures.TLS + "  handshake-timeout: 10\n").only()
                .has("tls.handshake-timeout", "'10' has no unit", "write 10s");
    }

    @Test
    void aHandshakeTimeoutThatIsNotADurationIsAnError() throws Exception {
        fx.fails(ConfigFixtures.BASE + ConfigFixtures.TLS + "  handshake-timeout: ten seconds\n").only()
                .has("tls.handshake-timeout", "is not a duration", "10s, 15m");
    }

    @Test
    void aTooShortHandshakeTimeoutIsAnError() throws Exception {
        fx.fails(ConfigFixtures.BASE + ConfigFixtures.TLS + "  handshake-timeout: 5ms\n").only()
                .has("tls.handshake-timeout", "shorter than the minimum 100ms", "at least 100ms");
    }

    @Test
    void aKeyLogFileIsAWarning() throws Exception {
        HeraldConfig config = fx.load(ConfigFixtures.BASE + ConfigFixtures.TLS + "  key-log-file: keys.log\n");
        ConfigFixtures.warning(config, "tls.key-log-file", "anyone with that file can decrypt");
        assertThat(config.tls().orElseThrow().keyLogFile()).contains(fx.dir.resolve("keys.log"));
    }

    @Test
    void aBooleanThatIsNotOneIsAnError() throws Exception {
        fx.fails(ConfigFixtures.BASE + ConfigFixtures.TLS + "  require-extended-master-secret: on\n").only()
                .has("tls.require-extended-master-secret", "expected true or false", "write true or false");
    }
}
