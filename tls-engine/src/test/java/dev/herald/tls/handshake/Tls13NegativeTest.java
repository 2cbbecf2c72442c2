package dev.herald.tls.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.tls.AlertDescription;
import dev.herald.tls.ClientAuthMode;
import dev.herald.tls.TlsServerConnection;
import dev.herald.tls.codec.ClientHello;
import dev.herald.tls.codec.Extension;
import dev.herald.tls.codec.Extensions;
import dev.herald.tls.codec.HandshakeType;
import dev.herald.tls.codec.KeyUpdate;
import dev.herald.tls.codec.TlsWriter;
import dev.herald.tls.crypto.NamedGroup;
import dev.herald.tls.crypto.SignatureScheme;
import dev.herald.tls.record.ContentType;
import dev.herald.tls.testsupport.ScriptedTls13Client;
import dev.herald.tls.testsupport.TestPki;
import dev.herald.tls.testsupport.TestServers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * TLS 1.3 rules broken one at a time by a hand-driven client. Each test checks the alert the
 * server sent (and that it reported it locally) and that no identity came out of it.
 */
class Tls13NegativeTest {
    private static final TestPki.Standard PKI = TestPki.standard();

    private static ScriptedTls13Client client(ClientAuthMode mode) {
        return new ScriptedTls13Client(TestServers.connection(mode));
    }

    /** The server failed with {@code alert}, sent it, and reports no session. */
    static void assertFailed(ScriptedTls13Client c, TlsServerConnection server, AlertDescription alert) {
        assertThat(c.serverError).as("server error").isNotNull();
        assertThat(c.serverError.alertName()).as(c.serverError.getMessage()).isEqualTo(alert.rfcName());
        assertThat(c.serverError.receivedFromPeer()).isFalse();
        assertThat(c.lastAlert()).isEqualTo(alert.code());
        assertThat(c.lastAlertFatal()).isTrue();
        assertThat(server.session()).isEmpty();
        assertThat(server.failure()).isPresent();
    }

    private static ScriptedTls13Client upToClientFlight(ClientAuthMode mode) {
        ScriptedTls13Client c = client(mode);
        c.sendClientHello(c.buildClientHello());
        c.readServerHello();
        c.readServerFlight();
        return c;
    }

    @Test
    void wellBehavedClientIsAuthenticated() {
        ScriptedTls13Client c = client(ClientAuthMode.TRY).handshake(PKI.clientEc, SignatureScheme.ECDSA_SECP256R1_SHA256);
        assertThat(c.serverError).isNull();
        assertThat(c.server().session()).isPresent();
        assertThat(c.server().session().get().peerLeaf()).contains(PKI.clientEc.certificate());
    }

    @Test
    void certificateWithoutCertificateVerify() {
        ScriptedTls13Client c = upToClientFlight(ClientAuthMode.TRY);
        c.sendCertificate(PKI.clientEc.chain());
        c.sendFinished(); // skips CertificateVerify
        assertFailed(c, c.server(), AlertDescription.UNEXPECTED_MESSAGE);
    }

    @Test
    void certificateVerifySignedByAnotherKey() {
        ScriptedTls13Client c = upToClientFlight(ClientAuthMode.TRY);
        c.sendCertificate(PKI.clientEc.chain());
        c.sendCertificateVerify(SignatureScheme.ECDSA_SECP256R1_SHA256, PKI.clientUntrusted.privateKey());
        assertFailed(c, c.server(), AlertDescription.DECRYPT_ERROR);
    }

    @Test
    void certificateVerifyByAnotherKeyIsFatalEvenInAllowMode() {
        ScriptedTls13Client c = upToClientFlight(ClientAuthMode.ALLOW);
        c.sendCertificate(PKI.clientEc.chain());
        c.sendCertificateVerify(SignatureScheme.ECDSA_SECP256R1_SHA256, PKI.serverEc.privateKey());
        assertFailed(c, c.server(), AlertDescription.DECRYPT_ERROR);
    }

    @Test
    void certificateVerifyWithASchemeWeDidNotOffer() {
        ScriptedTls13Client c = upToClientFlight(ClientAuthMode.TRY);
        c.sendCertificate(PKI.clientRsa.chain());
        // rsa_pkcs1_sha256 is for certificates only in TLS 1.3 (RFC 8446 §4.2.3)
        c.sendCertificateVerify(SignatureScheme.RSA_PKCS1_SHA256, PKI.clientRsa.privateKey());
        assertFailed(c, c.server(), AlertDescription.ILLEGAL_PARAMETER);
    }

    @Test
    void certificateVerifySchemeForTheWrongCurve() {
        ScriptedTls13Client c = upToClientFlight(ClientAuthMode.TRY);
        c.sendCertificate(PKI.clientEc.chain());
        // A P-256 key signing under ecdsa_secp384r1_sha384: fine in TLS 1.2, not in TLS 1.3.
        byte[] content = ScriptedTls13Client.cvContent("TLS 1.3, client CertificateVerify",
                c.currentTranscriptHash());
        try {
            java.security.Signature sig = java.security.Signature.getInstance("SHA384withECDSA");
            sig.initSign(PKI.clientEc.privateKey());
            sig.update(content);
            c.send(new dev.herald.tls.codec.CertificateVerify(0x0503, sig.sign()));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
        assertFailed(c, c.server(), AlertDescription.ILLEGAL_PARAMETER);
    }

    @Test
    void wrongFinished() {
        ScriptedTls13Client c = upToClientFlight(ClientAuthMode.NEVER);
        byte[] vd = c.clientFinishedVerifyData();
        vd[0] ^= 1;
        c.sendFinished(vd);
        assertFailed(c, c.server(), AlertDescription.DECRYPT_ERROR);
    }

    @Test
    void wrongFinishedAfterAValidCertificateGivesNoIdentity() {
        ScriptedTls13Client c = upToClientFlight(ClientAuthMode.TRY);
        c.sendCertificate(PKI.clientEc.chain());
        c.sendCertificateVerify(SignatureScheme.ECDSA_SECP256R1_SHA256, PKI.clientEc.privateKey());
        byte[] vd = c.clientFinishedVerifyData();
        vd[31] ^= (byte) 0x80;
        c.sendFinished(vd);
        assertFailed(c, c.server(), AlertDescription.DECRYPT_ERROR);
    }

    @Test
    void finishedOfTheWrongLength() {
        ScriptedTls13Client c = upToClientFlight(ClientAuthMode.NEVER);
        c.sendFinished(Arrays.copyOf(c.clientFinishedVerifyData(), 12));
        assertFailed(c, c.server(), AlertDescription.DECODE_ERROR);
    }

    @Test
    void finishedBeforeTheRequestedCertificate() {
        ScriptedTls13Client c = upToClientFlight(ClientAuthMode.TRY);
        c.sendFinished();
        assertFailed(c, c.server(), AlertDescription.UNEXPECTED_MESSAGE);
    }

    @Test
    void demandWithoutCertificateIsCertificateRequired() {
        ScriptedTls13Client c = upToClientFlight(ClientAuthMode.DEMAND);
        c.sendCertificate(List.of());
        assertFailed(c, c.server(), AlertDescription.CERTIFICATE_REQUIRED);
    }

    @Test
    void untrustedChainInTryIsUnknownCa() {
        ScriptedTls13Client c = upToClientFlight(ClientAuthMode.TRY);
        c.sendCertificate(PKI.clientUntrusted.chain());
        assertFailed(c, c.server(), AlertDescription.UNKNOWN_CA);
    }

    @Test
    void certificateEntryExtensionsWeDidNotAskFor() {
        ScriptedTls13Client c = upToClientFlight(ClientAuthMode.TRY);
        TlsWriter w = new TlsWriter();
        w.u8(HandshakeType.CERTIFICATE);
        int m = w.begin24();
        w.u8(0);
        int list = w.begin24();
        try {
            w.opaque24(PKI.clientEc.certificate().getEncoded());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        w.u16(6).u16(5).u16(2).u16(0); // status_request extension in the entry
        w.end(list);
        w.end(m);
        c.sendRaw(w.toByteArray(), true);
        assertFailed(c, c.server(), AlertDescription.UNSUPPORTED_EXTENSION);
    }

    @Test
    void applicationDataBeforeFinished() {
        ScriptedTls13Client c = upToClientFlight(ClientAuthMode.NEVER);
        c.sendApplicationData("too early".getBytes());
        assertFailed(c, c.server(), AlertDescription.UNEXPECTED_MESSAGE);
        assertThat(c.server().plaintextAvailable()).isZero();
    }

    @Test
    void plaintextApplicationDataBeforeAnything() {
        ScriptedTls13Client c = client(ClientAuthMode.NEVER);
        c.sendWire(new byte[] {23, 3, 3, 0, 2, 'h', 'i'});
        assertFailed(c, c.server(), AlertDescription.UNEXPECTED_MESSAGE);
    }

    @Test
    void changeCipherSpecBeforeClientHello() {
        ScriptedTls13Client c = client(ClientAuthMode.NEVER);
        c.sendWire(new byte[] {20, 3, 3, 0, 1, 1});
        assertFailed(c, c.server(), AlertDescription.UNEXPECTED_MESSAGE);
    }

    @Test
    void oneCompatibilityCcsIsToleratedASecondIsNot() {
        ScriptedTls13Client c = upToClientFlight(ClientAuthMode.NEVER);
        c.sendChangeCipherSpec();
        assertThat(c.serverError).isNull();
        c.sendChangeCipherSpec();
        assertFailed(c, c.server(), AlertDescription.UNEXPECTED_MESSAGE);
    }

    @Test
    void malformedCompatibilityCcs() {
        ScriptedTls13Client c = upToClientFlight(ClientAuthMode.NEVER);
        c.sendWire(new byte[] {20, 3, 3, 0, 1, 2});
        assertFailed(c, c.server(), AlertDescription.UNEXPECTED_MESSAGE);
    }

    @Test
    void encryptedChangeCipherSpecIsRefused() {
        ScriptedTls13Client c = upToClientFlight(ClientAuthMode.NEVER);
        c.sendRecord(ContentType.CHANGE_CIPHER_SPEC, new byte[] {1});
        assertFailed(c, c.server(), AlertDescription.UNEXPECTED_MESSAGE);
    }

    @Test
    void ccsAfterTheHandshakeIsRefused() {
        ScriptedTls13Client c = client(ClientAuthMode.NEVER).handshake(null, null);
        assertThat(c.server().session()).isPresent();
        c.sendWire(new byte[] {20, 3, 3, 0, 1, 1});
        assertThat(c.serverError.alertName()).isEqualTo("unexpected_message");
    }

    @Test
    void clientHelloAfterTheHandshakeIsUnexpectedMessage() {
        ScriptedTls13Client c = client(ClientAuthMode.NEVER).handshake(null, null);
        c.send(c.buildClientHello());
        assertThat(c.serverError.alertName()).isEqualTo("unexpected_message");
        assertThat(c.lastAlert()).isEqualTo(AlertDescription.UNEXPECTED_MESSAGE.code());
    }

    @Test
    void helloRetryAnsweredWithTheSameBadGroup() {
        ScriptedTls13Client c = new ScriptedTls13Client(TestServers.connection(ClientAuthMode.NEVER,
                b -> b.groups(List.of(NamedGroup.SECP384R1))));
        ClientHello ch1 = c.buildClientHello();
        c.sendClientHello(ch1);
        c.readServerHello();
        assertThat(c.helloRetryRequested).isTrue();
        assertThat(c.helloRetryGroup()).isEqualTo(NamedGroup.SECP384R1.code());
        // Second ClientHello with the same x25519 share again.
        c.sendClientHello(c.buildClientHello(List.of(NamedGroup.X25519), List.of()));
        assertFailed(c, c.server(), AlertDescription.ILLEGAL_PARAMETER);
    }

    @Test
    void helloRetryAnsweredWithTwoShares() {
        ScriptedTls13Client c = new ScriptedTls13Client(TestServers.connection(ClientAuthMode.NEVER,
                b -> b.groups(List.of(NamedGroup.SECP384R1))));
        c.sendClientHello(c.buildClientHello());
        c.readServerHello();
        c.sendClientHello(c.buildClientHello(List.of(NamedGroup.SECP384R1, NamedGroup.X25519), List.of()));
        assertFailed(c, c.server(), AlertDescription.ILLEGAL_PARAMETER);
    }

    @Test
    void helloRetryThenCorrectShareCompletes() {
        ScriptedTls13Client c = new ScriptedTls13Client(TestServers.connection(ClientAuthMode.NEVER,
                b -> b.groups(List.of(NamedGroup.SECP384R1))));
        c.sendClientHello(c.buildClientHello());
        c.readServerHello();
        c.sendChangeCipherSpec(); // the compatibility CCS may come right here
        c.sendClientHello(c.buildClientHello(List.of(NamedGroup.SECP384R1), List.of()));
        c.readServerHello();
        assertThat(c.helloRetryRequested).isTrue();
        c.readServerFlight();
        c.sendFinished();
        assertThat(c.serverError).isNull();
        assertThat(c.server().session().get().group()).isEqualTo(NamedGroup.SECP384R1);
    }

    @Test
    void duplicatedExtensionInClientHello() {
        ScriptedTls13Client c = client(ClientAuthMode.NEVER);
        ClientHello ch = c.buildClientHello(List.of(NamedGroup.X25519), List.of(new Extension.ExtendedMasterSecret()));
        byte[] enc = ch.encode();
        // Append a second extended_master_secret by rewriting the extension block.
        List<Extension> ext = new ArrayList<>(ch.extensions().list());
        byte[] dup = withDuplicate(ch, ext);
        c.sendRaw(dup, true);
        assertThat(enc).isNotEqualTo(dup);
        assertFailed(c, c.server(), AlertDescription.ILLEGAL_PARAMETER);
    }

    static byte[] withDuplicate(ClientHello ch, List<Extension> ext) {
        TlsWriter w = new TlsWriter();
        w.u8(HandshakeType.CLIENT_HELLO);
        int m = w.begin24();
        w.u16(ch.legacyVersion()).bytes(ch.random()).opaque8(ch.sessionId());
        int s = w.begin16();
        ch.cipherSuites().forEach(w::u16);
        w.end(s);
        w.opaque8(ch.compressionMethods());
        int e = w.begin16();
        for (Extension x : ext) {
            w.u16(x.type());
            int b = w.begin16();
            x.writeBody(w);
            w.end(b);
        }
        w.u16(23).u16(0); // extended_master_secret, again
        w.end(e);
        w.end(m);
        return w.toByteArray();
    }

    @Test
    void truncatedClientHello() {
        ScriptedTls13Client c = client(ClientAuthMode.NEVER);
        byte[] enc = c.buildClientHello().encode();
        // Declared length says 10 bytes fewer than the body: the extension block overruns it.
        byte[] cut = Arrays.copyOf(enc, enc.length - 10);
        int len = cut.length - 4;
        cut[1] = (byte) (len >>> 16);
        cut[2] = (byte) (len >>> 8);
        cut[3] = (byte) len;
        c.sendRaw(cut, false);
        assertFailed(c, c.server(), AlertDescription.DECODE_ERROR);
    }

    @Test
    void overlongClientHello() {
        ScriptedTls13Client c = client(ClientAuthMode.NEVER);
        byte[] enc = c.buildClientHello().encode();
        byte[] longer = Arrays.copyOf(enc, enc.length + 3);
        int len = longer.length - 4;
        longer[1] = (byte) (len >>> 16);
        longer[2] = (byte) (len >>> 8);
        longer[3] = (byte) len;
        c.sendRaw(longer, false);
        assertFailed(c, c.server(), AlertDescription.DECODE_ERROR);
    }

    @Test
    void truncatedCertificateVerify() {
        ScriptedTls13Client c = upToClientFlight(ClientAuthMode.TRY);
        c.sendCertificate(PKI.clientEc.chain());
        c.sendRaw(new byte[] {15, 0, 0, 4, 4, 3, 0, 70}, true); // says 70 signature bytes, has none
        assertFailed(c, c.server(), AlertDescription.DECODE_ERROR);
    }

    @Test
    void hugeDeclaredHandshakeLength() {
        ScriptedTls13Client c = client(ClientAuthMode.NEVER);
        c.sendWire(new byte[] {22, 3, 1, 0, 4, 1, (byte) 0xff, (byte) 0xff, (byte) 0xff});
        assertFailed(c, c.server(), AlertDescription.ILLEGAL_PARAMETER);
    }

    @Test
    void invalidCurvePointInKeyShare() {
        ScriptedTls13Client c = new ScriptedTls13Client(TestServers.connection(ClientAuthMode.NEVER,
                b -> b.groups(List.of(NamedGroup.SECP256R1))));
        byte[] point = new byte[65];
        point[0] = 4;
        point[64] = 7; // (0, 7) is not on P-256
        ClientHello ch = hello(c, NamedGroup.SECP256R1, point);
        c.sendClientHello(ch);
        assertFailed(c, c.server(), AlertDescription.ILLEGAL_PARAMETER);
    }

    @Test
    void lowOrderX25519Point() {
        ScriptedTls13Client c = client(ClientAuthMode.NEVER);
        ClientHello ch = hello(c, NamedGroup.X25519, new byte[32]); // all-zero shared secret
        c.sendClientHello(ch);
        assertFailed(c, c.server(), AlertDescription.ILLEGAL_PARAMETER);
    }

    private static ClientHello hello(ScriptedTls13Client c, NamedGroup g, byte[] share) {
        ClientHello base = c.buildClientHello(List.of(), List.of());
        List<Extension> ext = new ArrayList<>();
        for (Extension e : base.extensions().list()) {
            ext.add(e instanceof Extension.KeyShareClient
                    ? new Extension.KeyShareClient(List.of(new Extension.KeyShareEntry(g.code(), share))) : e);
        }
        return new ClientHello(0x0303, base.random(), base.sessionId(), base.cipherSuites(), new byte[] {0}, new Extensions(ext));
    }

    @Test
    void flippedTagBitOnTheClientFinished() {
        ScriptedTls13Client c = upToClientFlight(ClientAuthMode.NEVER);
        // Build the Finished record ourselves, then corrupt its last byte (the tag).
        byte[] fin = new dev.herald.tls.codec.Finished(c.clientFinishedVerifyData()).encode();
        var prot = c.protection(c.clientHsSecret);
        byte[] rec = prot.seal(ContentType.HANDSHAKE, fin, 0, fin.length, 0);
        rec[rec.length - 1] ^= 1;
        c.sendWire(rec);
        assertFailed(c, c.server(), AlertDescription.BAD_RECORD_MAC);
    }

    @Test
    void unprotectedHandshakeAfterKeysChanged() {
        ScriptedTls13Client c = upToClientFlight(ClientAuthMode.NEVER);
        byte[] fin = new dev.herald.tls.codec.Finished(c.clientFinishedVerifyData()).encode();
        byte[] rec = new byte[5 + fin.length];
        rec[0] = 22;
        rec[1] = 3;
        rec[2] = 3;
        rec[4] = (byte) fin.length;
        System.arraycopy(fin, 0, rec, 5, fin.length);
        c.sendWire(rec);
        assertFailed(c, c.server(), AlertDescription.UNEXPECTED_MESSAGE);
    }

    @Test
    void handshakeDataSpanningTheKeyChange() {
        // ClientHello and the start of another message in the same plaintext record.
        ScriptedTls13Client c = client(ClientAuthMode.NEVER);
        byte[] ch = c.buildClientHello().encode();
        byte[] both = Arrays.copyOf(ch, ch.length + 2);
        both[ch.length] = 20;
        c.sendRaw(both, false);
        assertFailed(c, c.server(), AlertDescription.UNEXPECTED_MESSAGE);
    }

    @Test
    void onlyOldVersionsOffered() {
        ScriptedTls13Client c = client(ClientAuthMode.NEVER);
        ClientHello base = c.buildClientHello();
        List<Extension> ext = new ArrayList<>();
        for (Extension e : base.extensions().list()) {
            ext.add(e instanceof Extension.SupportedVersionsClient ? new Extension.SupportedVersionsClient(List.of(0x0302, 0x0301)) : e);
        }
        c.sendClientHello(new ClientHello(0x0302, base.random(), base.sessionId(), base.cipherSuites(), new byte[] {0},
                new Extensions(ext)));
        assertFailed(c, c.server(), AlertDescription.PROTOCOL_VERSION);
    }

    @Test
    void legacyTls11ClientHello() {
        ScriptedTls13Client c = client(ClientAuthMode.NEVER);
        c.sendClientHello(new ClientHello(0x0302, new byte[32], new byte[0], List.of(0xc02b), new byte[] {0}, Extensions.EMPTY));
        assertFailed(c, c.server(), AlertDescription.PROTOCOL_VERSION);
    }

    @Test
    void missingSignatureAlgorithms() {
        ScriptedTls13Client c = client(ClientAuthMode.NEVER);
        ClientHello base = c.buildClientHello();
        List<Extension> ext = base.extensions().list().stream().filter(e -> !(e instanceof Extension.SignatureAlgorithms)).toList();
        c.sendClientHello(new ClientHello(0x0303, base.random(), base.sessionId(), base.cipherSuites(), new byte[] {0},
                new Extensions(ext)));
        assertFailed(c, c.server(), AlertDescription.MISSING_EXTENSION);
    }

    @Test
    void compressionIsRefused() {
        ScriptedTls13Client c = client(ClientAuthMode.NEVER);
        ClientHello base = c.buildClientHello();
        c.sendClientHello(new ClientHello(0x0303, base.random(), base.sessionId(), base.cipherSuites(), new byte[] {1, 0},
                base.extensions()));
        assertFailed(c, c.server(), AlertDescription.ILLEGAL_PARAMETER);
    }

    @Test
    void noCommonSuite() {
        ScriptedTls13Client c = client(ClientAuthMode.NEVER);
        ClientHello base = c.buildClientHello();
        c.sendClientHello(new ClientHello(0x0303, base.random(), base.sessionId(), List.of(0x1304), new byte[] {0},
                base.extensions()));
        assertFailed(c, c.server(), AlertDescription.HANDSHAKE_FAILURE);
    }

    @Test
    void newSessionTicketFromTheClient() {
        ScriptedTls13Client c = client(ClientAuthMode.NEVER).handshake(null, null);
        c.sendRaw(new byte[] {4, 0, 0, 0}, false);
        assertThat(c.serverError.alertName()).isEqualTo("unexpected_message");
    }

    @Test
    void tooManyKeyUpdates() {
        ScriptedTls13Client c = client(ClientAuthMode.NEVER).handshake(null, null);
        for (int i = 0; i < 40 && c.serverError == null; i++) {
            c.send(new KeyUpdate(false));
            c.updateWriteKeys(c.schedule.nextTrafficSecret(c.clientAppSecret));
        }
        assertThat(c.serverError.alertName()).isEqualTo("unexpected_message");
    }

    @Test
    void tooManyEmptyRecords() {
        ScriptedTls13Client c = client(ClientAuthMode.NEVER).handshake(null, null);
        for (int i = 0; i < 40 && c.serverError == null; i++) {
            c.sendApplicationData(new byte[0]);
        }
        assertThat(c.serverError.alertName()).isEqualTo("unexpected_message");
    }

    @Test
    void warningAlertsOtherThanUserCanceledAreFatalInTls13() {
        ScriptedTls13Client c = client(ClientAuthMode.NEVER).handshake(null, null);
        c.sendAlert(1, AlertDescription.UNRECOGNIZED_NAME.code());
        assertThat(c.serverError).isNotNull();
        assertThat(c.serverError.receivedFromPeer()).isTrue();
        assertThat(c.serverError.alertName()).isEqualTo("unrecognized_name");
    }

    @Test
    void lateClientAlertIsAttributedToTheServerCertificate() {
        ScriptedTls13Client c = upToClientFlight(ClientAuthMode.TRY);
        c.sendAlert(2, AlertDescription.UNKNOWN_CA.code()); // under the client handshake key
        assertThat(c.serverError.receivedFromPeer()).isTrue();
        assertThat(c.serverError.getMessage()).isEqualTo("client rejected the server certificate: unknown_ca");
        assertThat(c.server().session()).isEmpty();
    }
}
