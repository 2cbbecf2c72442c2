package dev.herald.tls.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.tls.AlertDescription;
import dev.herald.tls.ClientAuthMode;
import dev.herald.tls.codec.ClientHello;
import dev.herald.tls.codec.Extension;
import dev.herald.tls.codec.Extensions;
import dev.herald.tls.crypto.NamedGroup;
import dev.herald.tls.crypto.SignatureScheme;
import dev.herald.tls.record.ContentType;
import dev.herald.tls.testsupport.ScriptedTls12Client;
import dev.herald.tls.testsupport.TestPki;
import dev.herald.tls.testsupport.TestServers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TLS 1.2 rules broken one at a time; each asserts the alert and that no identity is reported. */
class Tls12NegativeTest {
    private static final TestPki.Standard PKI = TestPki.standard();

    private static ScriptedTls12Client client(ClientAuthMode mode) {
        return new ScriptedTls12Client(TestServers.connection(mode));
    }

    static void assertFailed(ScriptedTls12Client c, AlertDescription alert) {
        assertThat(c.serverError).as("server error").isNotNull();
        assertThat(c.serverError.alertName()).as(c.serverError.getMessage()).isEqualTo(alert.rfcName());
        assertThat(c.serverError.receivedFromPeer()).isFalse();
        assertThat(c.lastAlert()).isEqualTo(alert.code());
        assertThat(c.lastAlertFatal()).isTrue();
        assertThat(c.server().session()).isEmpty();
    }

    private static ScriptedTls12Client afterServerHelloDone(ClientAuthMode mode) {
        ScriptedTls12Client c = client(mode);
        c.sendClientHello(c.buildClientHello());
        c.readServerFlight();
        return c;
    }

    @Test
    void wellBehavedClientIsAuthenticated() {
        ScriptedTls12Client c = client(ClientAuthMode.TRY).handshake(PKI.clientRsa, SignatureScheme.RSA_PKCS1_SHA256);
        assertThat(c.serverError).isNull();
        assertThat(c.server().session().get().peerLeaf()).contains(PKI.clientRsa.certificate());
        assertThat(c.server().session().get().extendedMasterSecret()).isTrue();
    }

    @Test
    void p384KeyMaySignWithSha256InTls12() throws Exception {
        // RFC 5246 §7.4.1.4.1: in TLS 1.2 ecdsa_secp256r1_sha256 (0x0403) names only the hash.
        ScriptedTls12Client c = afterServerHelloDone(ClientAuthMode.TRY);
        c.sendCertificate(PKI.clientEc384.chain());
        c.sendClientKeyExchange(null);
        java.security.Signature sig = java.security.Signature.getInstance("SHA256withECDSA");
        sig.initSign(PKI.clientEc384.privateKey());
        sig.update(c.transcriptBytes());
        c.send(new dev.herald.tls.codec.CertificateVerify(0x0403, sig.sign()));
        c.sendChangeCipherSpecAndSwitch();
        c.sendFinished(c.clientFinishedVerifyData());
        c.readServerFinished();
        assertThat(c.serverError).isNull();
        assertThat(c.server().session().get().certificateVerified()).isTrue();
    }

    @Test
    void certificateWithoutCertificateVerify() {
        ScriptedTls12Client c = afterServerHelloDone(ClientAuthMode.TRY);
        c.sendCertificate(PKI.clientEc.chain());
        c.sendClientKeyExchange(null);
        c.sendChangeCipherSpecAndSwitch(); // skips the required CertificateVerify
        assertFailed(c, AlertDescription.UNEXPECTED_MESSAGE);
    }

    @Test
    void certificateWithoutCertificateVerifyStraightToFinished() {
        ScriptedTls12Client c = afterServerHelloDone(ClientAuthMode.ALLOW);
        c.sendCertificate(PKI.clientEc.chain());
        c.sendClientKeyExchange(null);
        c.send(new dev.herald.tls.codec.Finished(new byte[12]));
        assertFailed(c, AlertDescription.UNEXPECTED_MESSAGE);
    }

    @Test
    void certificateVerifySignedByAnotherKey() {
        ScriptedTls12Client c = afterServerHelloDone(ClientAuthMode.TRY);
        c.sendCertificate(PKI.clientEc.chain());
        c.sendClientKeyExchange(null);
        c.sendCertificateVerify(SignatureScheme.ECDSA_SECP256R1_SHA256, PKI.clientUntrusted.privateKey());
        assertFailed(c, AlertDescription.DECRYPT_ERROR);
    }

    @Test
    void certificateVerifyWithAnUnofferedScheme() {
        ScriptedTls12Client c = afterServerHelloDone(ClientAuthMode.TRY);
        c.sendCertificate(PKI.clientRsa.chain());
        c.sendClientKeyExchange(null);
        c.send(new dev.herald.tls.codec.CertificateVerify(0x0201, new byte[256])); // rsa_pkcs1_sha1
        assertFailed(c, AlertDescription.ILLEGAL_PARAMETER);
    }

    @Test
    void missingCertificateMessageWhenRequested() {
        ScriptedTls12Client c = afterServerHelloDone(ClientAuthMode.TRY);
        c.sendClientKeyExchange(null); // the Certificate message is required, even empty
        assertFailed(c, AlertDescription.UNEXPECTED_MESSAGE);
    }

    @Test
    void demandWithEmptyCertificateIsHandshakeFailure() {
        ScriptedTls12Client c = afterServerHelloDone(ClientAuthMode.DEMAND);
        c.sendCertificate(List.of());
        assertFailed(c, AlertDescription.HANDSHAKE_FAILURE);
    }

    @Test
    void expiredChainInTry() {
        ScriptedTls12Client c = afterServerHelloDone(ClientAuthMode.TRY);
        c.sendCertificate(PKI.clientExpired.chain());
        assertFailed(c, AlertDescription.CERTIFICATE_EXPIRED);
    }

    @Test
    void wrongFinished() {
        ScriptedTls12Client c = afterServerHelloDone(ClientAuthMode.NEVER);
        c.sendClientKeyExchange(null);
        c.sendChangeCipherSpecAndSwitch();
        byte[] vd = c.clientFinishedVerifyData();
        vd[11] ^= 1;
        c.sendFinished(vd);
        assertFailed(c, AlertDescription.DECRYPT_ERROR);
    }

    @Test
    void changeCipherSpecBeforeKeyExchange() {
        // CCS injection (CVE-2014-0224 style): a CCS before ClientKeyExchange must not switch keys.
        ScriptedTls12Client c = afterServerHelloDone(ClientAuthMode.NEVER);
        c.sendChangeCipherSpec();
        assertFailed(c, AlertDescription.UNEXPECTED_MESSAGE);
    }

    @Test
    void changeCipherSpecBeforeCertificate() {
        ScriptedTls12Client c = afterServerHelloDone(ClientAuthMode.TRY);
        c.sendChangeCipherSpec();
        assertFailed(c, AlertDescription.UNEXPECTED_MESSAGE);
    }

    @Test
    void changeCipherSpecRightAfterClientHello() {
        ScriptedTls12Client c = client(ClientAuthMode.NEVER);
        c.sendClientHello(c.buildClientHello());
        c.sendChangeCipherSpec();
        assertFailed(c, AlertDescription.UNEXPECTED_MESSAGE);
    }

    @Test
    void applicationDataBeforeFinished() {
        ScriptedTls12Client c = afterServerHelloDone(ClientAuthMode.NEVER);
        c.sendClientKeyExchange(null);
        c.sendChangeCipherSpecAndSwitch();
        c.sendApplicationData("early".getBytes());
        assertFailed(c, AlertDescription.UNEXPECTED_MESSAGE);
        assertThat(c.server().plaintextAvailable()).isZero();
    }

    @Test
    void plaintextApplicationDataBeforeChangeCipherSpec() {
        ScriptedTls12Client c = afterServerHelloDone(ClientAuthMode.NEVER);
        c.sendClientKeyExchange(null);
        c.sendWire(new byte[] {23, 3, 3, 0, 1, 'x'});
        assertFailed(c, AlertDescription.UNEXPECTED_MESSAGE);
    }

    @Test
    void flippedTagBitOnTheClientFinished() {
        ScriptedTls12Client c = afterServerHelloDone(ClientAuthMode.NEVER);
        c.sendClientKeyExchange(null);
        c.sendChangeCipherSpec();
        var prot = new dev.herald.tls.record.Tls12AeadProtection(
                dev.herald.tls.crypto.TlsCryptos.defaultCrypto().newAead(c.suite.aead(), c.keys.client().key()),
                c.keys.client().iv());
        byte[] fin = new dev.herald.tls.codec.Finished(c.clientFinishedVerifyData()).encode();
        byte[] rec = prot.seal(ContentType.HANDSHAKE, fin, 0, fin.length, 0);
        rec[rec.length - 3] ^= 4;
        c.sendWire(rec);
        assertFailed(c, AlertDescription.BAD_RECORD_MAC);
    }

    @Test
    void invalidCurvePointInClientKeyExchange() {
        ScriptedTls12Client c = new ScriptedTls12Client(TestServers.connection(ClientAuthMode.NEVER,
                b -> b.groups(List.of(NamedGroup.SECP256R1))));
        c.sendClientHello(c.buildClientHello());
        c.readServerFlight();
        byte[] point = new byte[65];
        point[0] = 4;
        point[1] = 1;
        point[64] = 1;
        c.send(new dev.herald.tls.codec.ClientKeyExchangeEcdhe(point));
        assertFailed(c, AlertDescription.ILLEGAL_PARAMETER);
    }

    @Test
    void compressedPointFormatIsRefused() {
        ScriptedTls12Client c = new ScriptedTls12Client(TestServers.connection(ClientAuthMode.NEVER,
                b -> b.groups(List.of(NamedGroup.SECP256R1))));
        c.sendClientHello(c.buildClientHello());
        c.readServerFlight();
        byte[] point = Arrays.copyOf(c.keyExchange.publicKey(), 33);
        point[0] = 2; // compressed encoding
        c.send(new dev.herald.tls.codec.ClientKeyExchangeEcdhe(point));
        assertFailed(c, AlertDescription.ILLEGAL_PARAMETER);
    }

    @Test
    void renegotiationIsRefusedWithAWarning() {
        ScriptedTls12Client c = client(ClientAuthMode.NEVER).handshake(null, null);
        assertThat(c.server().session()).isPresent();
        c.send(c.buildClientHello());
        assertThat(c.serverError).isNull();
        assertThat(c.lastAlert()).isEqualTo(AlertDescription.NO_RENEGOTIATION.code());
        assertThat(c.lastAlertFatal()).isFalse();
        // The connection is still usable.
        c.sendApplicationData("still here".getBytes());
        assertThat(c.server().plaintextAvailable()).isEqualTo(10);
        // A client that insists is cut off.
        for (int i = 0; i < 5 && c.serverError == null; i++) {
            c.send(c.buildClientHello());
        }
        assertThat(c.serverError.alertName()).isEqualTo("handshake_failure");
    }

    @Test
    void nonEmptyRenegotiationInfoInTheInitialHandshake() {
        ScriptedTls12Client c = client(ClientAuthMode.NEVER);
        List<Extension> ext = new ArrayList<>(ScriptedTls12Client.defaultExtensions());
        ext.removeIf(e -> e instanceof Extension.RenegotiationInfo);
        ext.add(new Extension.RenegotiationInfo(new byte[12]));
        c.sendClientHello(c.buildClientHello(List.of(0xc02b), ext));
        assertFailed(c, AlertDescription.HANDSHAKE_FAILURE);
    }

    @Test
    void extendedMasterSecretRequiredButNotOffered() {
        ScriptedTls12Client c = new ScriptedTls12Client(TestServers.connection(ClientAuthMode.NEVER,
                b -> b.requireExtendedMasterSecret(true)));
        List<Extension> ext = new ArrayList<>(ScriptedTls12Client.defaultExtensions());
        ext.removeIf(e -> e instanceof Extension.ExtendedMasterSecret);
        c.sendClientHello(c.buildClientHello(List.of(0xc02b), ext));
        assertFailed(c, AlertDescription.HANDSHAKE_FAILURE);
    }

    @Test
    void withoutExtendedMasterSecretTheClassicMasterSecretIsUsed() {
        ScriptedTls12Client c = client(ClientAuthMode.NEVER);
        List<Extension> ext = new ArrayList<>(ScriptedTls12Client.defaultExtensions());
        ext.removeIf(e -> e instanceof Extension.ExtendedMasterSecret);
        c.sendClientHello(c.buildClientHello(List.of(0xc02b), ext));
        c.readServerFlight();
        assertThat(c.ems).isFalse();
        c.sendClientKeyExchange(null);
        c.sendChangeCipherSpecAndSwitch();
        c.sendFinished(c.clientFinishedVerifyData());
        c.readServerFinished();
        assertThat(c.server().session().get().extendedMasterSecret()).isFalse();
    }

    @Test
    void fallbackScsvWhileWeSpeakTls13() {
        ScriptedTls12Client c = client(ClientAuthMode.NEVER);
        c.sendClientHello(c.buildClientHello(List.of(0xc02b, 0x5600), ScriptedTls12Client.defaultExtensions()));
        assertFailed(c, AlertDescription.INAPPROPRIATE_FALLBACK);
    }

    @Test
    void noSignatureAlgorithms() {
        ScriptedTls12Client c = client(ClientAuthMode.NEVER);
        List<Extension> ext = new ArrayList<>(ScriptedTls12Client.defaultExtensions());
        ext.removeIf(e -> e instanceof Extension.SignatureAlgorithms);
        c.sendClientHello(c.buildClientHello(List.of(0xc02b), ext));
        assertFailed(c, AlertDescription.HANDSHAKE_FAILURE);
    }

    @Test
    void onlyCbcSuitesOffered() {
        ScriptedTls12Client c = client(ClientAuthMode.NEVER);
        c.sendClientHello(c.buildClientHello(List.of(0xc013, 0x002f, 0x000a), ScriptedTls12Client.defaultExtensions()));
        assertFailed(c, AlertDescription.HANDSHAKE_FAILURE);
    }

    @Test
    void duplicatedExtension() {
        ScriptedTls12Client c = client(ClientAuthMode.NEVER);
        ClientHello ch = c.buildClientHello();
        c.sendRaw(Tls13NegativeTest.withDuplicate(ch, ch.extensions().list()), true);
        assertFailed(c, AlertDescription.ILLEGAL_PARAMETER);
    }

    @Test
    void tooManyWarningAlerts() {
        ScriptedTls12Client c = client(ClientAuthMode.NEVER).handshake(null, null);
        for (int i = 0; i < 10 && c.serverError == null; i++) {
            c.sendAlert(1, AlertDescription.USER_CANCELED.code());
        }
        assertThat(c.serverError.alertName()).isEqualTo("unexpected_message");
    }

    @Test
    void clientWithoutExtensionsAtAll() {
        ScriptedTls12Client c = client(ClientAuthMode.NEVER);
        c.sendClientHello(new ClientHello(0x0303, new byte[32], new byte[0], List.of(0xc02b), new byte[] {0}, Extensions.EMPTY));
        // No signature_algorithms: we do not fall back to SHA-1.
        assertFailed(c, AlertDescription.HANDSHAKE_FAILURE);
    }
}
