package dev.herald.tls.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.tls.AlertDescription;
import dev.herald.tls.ClientAuthMode;
import dev.herald.tls.ServerCredential;
import dev.herald.tls.TlsServerConfig;
import dev.herald.tls.TlsServerContext;
import dev.herald.tls.TlsSession;
import dev.herald.tls.TlsVersion;
import dev.herald.tls.codec.ClientHello;
import dev.herald.tls.codec.Extension;
import dev.herald.tls.codec.Extensions;
import dev.herald.tls.codec.HandshakeType;
import dev.herald.tls.codec.KeyUpdate;
import dev.herald.tls.crypto.NamedGroup;
import dev.herald.tls.crypto.SignatureScheme;
import dev.herald.tls.testsupport.ScriptedTls12Client;
import dev.herald.tls.testsupport.ScriptedTls13Client;
import dev.herald.tls.testsupport.TestPki;
import dev.herald.tls.testsupport.TestServers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Protocol behaviour that well-behaved peers rely on, checked message by message. */
class ScriptedHandshakeTest {
    private static final TestPki.Standard PKI = TestPki.standard();
    private static final byte[] DOWNGRADE = {0x44, 0x4F, 0x57, 0x4E, 0x47, 0x52, 0x44, 0x01};

    @Test
    void keyUpdateRequestedIsAnswered() {
        ScriptedTls13Client c = new ScriptedTls13Client(TestServers.connection(ClientAuthMode.NEVER)).handshake(null, null);
        c.send(new KeyUpdate(true));
        c.updateWriteKeys(c.schedule.nextTrafficSecret(c.clientAppSecret));
        KeyUpdate answer;
        try {
            answer = KeyUpdate.parse(c.expectMessage(HandshakeType.KEY_UPDATE).body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(answer.updateRequested()).isFalse();
        c.updateReadKeys(c.schedule.nextTrafficSecret(c.serverAppSecret));
        c.sendApplicationData("after update".getBytes());
        assertThat(c.serverError).isNull();
        byte[] got = new byte[c.server().plaintextAvailable()];
        c.server().readPlaintext(got, 0, got.length);
        assertThat(new String(got)).isEqualTo("after update");
        c.server().writePlaintext("reply".getBytes(), 0, 5);
        c.drain();
        assertThat(new String(c.applicationData.get(c.applicationData.size() - 1))).isEqualTo("reply");
    }

    @Test
    void middleboxCompatibilityEchoesTheSessionIdAndSendsOneCcs() {
        ScriptedTls13Client c = new ScriptedTls13Client(TestServers.connection(ClientAuthMode.NEVER));
        c.sessionId = new byte[32];
        Arrays.fill(c.sessionId, (byte) 7);
        c.sendClientHello(c.buildClientHello());
        c.readServerHello();
        assertThat(c.serverHello.sessionId()).isEqualTo(c.sessionId);
        c.readServerFlight();
        assertThat(c.changeCipherSpecs).isEqualTo(1);
        c.sendChangeCipherSpec();
        c.sendFinished();
        assertThat(c.serverError).isNull();
        assertThat(c.server().session()).isPresent();
    }

    @Test
    void noCcsWithoutASessionId() {
        ScriptedTls13Client c = new ScriptedTls13Client(TestServers.connection(ClientAuthMode.NEVER)).handshake(null, null);
        assertThat(c.changeCipherSpecs).isZero();
    }

    @Test
    void certificateRequestCarriesCaNamesAndSignatureAlgorithms() {
        ScriptedTls13Client c = new ScriptedTls13Client(TestServers.connection(ClientAuthMode.TRY));
        c.sendClientHello(c.buildClientHello());
        c.readServerHello();
        c.readServerFlight();
        assertThat(c.certificateRequest).isNotNull();
        assertThat(c.certificateRequest.context()).isEmpty();
        var cas = c.certificateRequest.extensions().find(Extension.CertificateAuthorities.class).orElseThrow();
        assertThat(cas.names()).hasSize(1);
        assertThat(cas.names().get(0)).isEqualTo(PKI.root.certificate().getSubjectX500Principal().getEncoded());
        var algs = c.certificateRequest.extensions().find(Extension.SignatureAlgorithms.class).orElseThrow();
        assertThat(algs.schemes()).contains(0x0403, 0x0503, 0x0804, 0x0807);
    }

    @Test
    void tls12CertificateRequestCarriesCaNames() {
        ScriptedTls12Client c = new ScriptedTls12Client(TestServers.connection(ClientAuthMode.ALLOW));
        c.sendClientHello(c.buildClientHello());
        c.readServerFlight();
        assertThat(c.certificateRequest.certificateTypes()).containsExactly(1, 64);
        assertThat(c.certificateRequest.authorities()).hasSize(1);
        assertThat(c.certificateRequest.signatureAlgorithms()).contains(0x0401, 0x0403, 0x0804);
    }

    @Test
    void neverModeSendsNoCertificateRequest() {
        ScriptedTls13Client c = new ScriptedTls13Client(TestServers.connection(ClientAuthMode.NEVER)).handshake(null, null);
        assertThat(c.certificateRequest).isNull();
        TlsSession s = c.server().session().get();
        assertThat(s.certificateRequested()).isFalse();
    }

    @Test
    void downgradeSentinelWhenTls13IsEnabled() {
        ScriptedTls12Client c = new ScriptedTls12Client(TestServers.connection(ClientAuthMode.NEVER)).handshake(null, null);
        assertThat(Arrays.copyOfRange(c.serverHello.random(), 24, 32)).isEqualTo(DOWNGRADE);
        ScriptedTls12Client only12 = new ScriptedTls12Client(TestServers.connection(ClientAuthMode.NEVER,
                b -> b.versions(TlsVersion.TLS_1_2))).handshake(null, null);
        assertThat(Arrays.copyOfRange(only12.serverHello.random(), 24, 32)).isNotEqualTo(DOWNGRADE);
    }

    @Test
    void tls12ServerHelloExtensions() {
        ScriptedTls12Client c = new ScriptedTls12Client(TestServers.connection(ClientAuthMode.NEVER)).handshake(null, null);
        Extensions ext = c.serverHello.extensions();
        assertThat(ext.find(Extension.RenegotiationInfo.class).get().renegotiatedConnection()).isEmpty();
        assertThat(ext.find(Extension.ExtendedMasterSecret.class)).isPresent();
        assertThat(ext.find(Extension.EcPointFormats.class).get().formats()).containsExactly(0);
        assertThat(c.serverHello.sessionId()).isEmpty();
    }

    @Test
    void renegotiationScsvAlsoGetsRenegotiationInfo() {
        ScriptedTls12Client c = new ScriptedTls12Client(TestServers.connection(ClientAuthMode.NEVER));
        List<Extension> ext = new ArrayList<>(ScriptedTls12Client.defaultExtensions());
        ext.removeIf(e -> e instanceof Extension.RenegotiationInfo);
        c.sendClientHello(c.buildClientHello(List.of(0xc02b, 0x00ff), ext));
        c.readServerFlight();
        assertThat(c.serverHello.extensions().find(Extension.RenegotiationInfo.class)).isPresent();
    }

    @Test
    void tls13CredentialFollowsSignatureAlgorithms() {
        // Server has ECDSA and RSA credentials; a client that only takes RSA-PSS gets the RSA one.
        ScriptedTls13Client c = new ScriptedTls13Client(TestServers.connection(ClientAuthMode.NEVER));
        ClientHello base = c.buildClientHello();
        List<Extension> ext = new ArrayList<>();
        for (Extension e : base.extensions().list()) {
            ext.add(e instanceof Extension.SignatureAlgorithms ? new Extension.SignatureAlgorithms(List.of(0x0804)) : e);
        }
        c.sendClientHello(new ClientHello(0x0303, base.random(), base.sessionId(), base.cipherSuites(), new byte[] {0},
                new Extensions(ext)));
        c.readServerHello();
        c.readServerFlight();
        assertThat(c.serverChain.get(0)).isEqualTo(PKI.serverRsa.certificate());
    }

    @Test
    void ed25519CredentialForEd25519OnlyClients() {
        var ctx = TlsServerContext.create(TlsServerConfig.builder()
                .credential(ServerCredential.of(PKI.serverEc.chain(), PKI.serverEc.privateKey()))
                .credential(ServerCredential.of(PKI.serverEd25519.chain(), PKI.serverEd25519.privateKey()))
                .clientAuth(ClientAuthMode.NEVER).build());
        ScriptedTls13Client c = new ScriptedTls13Client(ctx.newConnection());
        ClientHello base = c.buildClientHello();
        List<Extension> ext = new ArrayList<>();
        for (Extension e : base.extensions().list()) {
            ext.add(e instanceof Extension.SignatureAlgorithms ? new Extension.SignatureAlgorithms(List.of(0x0807)) : e);
        }
        c.sendClientHello(new ClientHello(0x0303, base.random(), base.sessionId(), base.cipherSuites(), new byte[] {0},
                new Extensions(ext)));
        c.readServerHello();
        c.readServerFlight();
        assertThat(c.serverChain.get(0)).isEqualTo(PKI.serverEd25519.certificate());
        c.sendFinished();
        assertThat(c.server().session()).isPresent();
    }

    @Test
    void noCredentialFitsTheClientsAlgorithms() {
        ScriptedTls13Client c = new ScriptedTls13Client(TestServers.connection(ClientAuthMode.NEVER));
        ClientHello base = c.buildClientHello();
        List<Extension> ext = new ArrayList<>();
        for (Extension e : base.extensions().list()) {
            ext.add(e instanceof Extension.SignatureAlgorithms ? new Extension.SignatureAlgorithms(List.of(0x0807)) : e);
        }
        c.sendClientHello(new ClientHello(0x0303, base.random(), base.sessionId(), base.cipherSuites(), new byte[] {0},
                new Extensions(ext)));
        assertThat(c.serverError.alertName()).isEqualTo("handshake_failure");
    }

    @Test
    void serverPrefersAGroupTheClientAlreadySentAShareFor() {
        ScriptedTls13Client c = new ScriptedTls13Client(TestServers.connection(ClientAuthMode.NEVER));
        c.sendClientHello(c.buildClientHello(List.of(NamedGroup.SECP256R1), List.of()));
        c.readServerHello();
        assertThat(c.helloRetryRequested).isFalse();
        c.readServerFlight();
        c.sendFinished();
        assertThat(c.server().session().get().group()).isEqualTo(NamedGroup.SECP256R1);
    }

    @Test
    void closeNotifyIsAnswered() {
        ScriptedTls13Client c = new ScriptedTls13Client(TestServers.connection(ClientAuthMode.NEVER)).handshake(null, null);
        c.sendAlert(1, AlertDescription.CLOSE_NOTIFY.code());
        assertThat(c.serverError).isNull();
        assertThat(c.server().isPeerClosed()).isTrue();
        assertThat(c.lastAlert()).isEqualTo(AlertDescription.CLOSE_NOTIFY.code());
        // Anything after close_notify is ignored.
        c.sendApplicationData("ignored".getBytes());
        assertThat(c.server().plaintextAvailable()).isZero();
    }

    @Test
    void dataWrittenBeforeTheHandshakeCompletesIsHeldUntilItDoes() {
        ScriptedTls13Client c = new ScriptedTls13Client(TestServers.connection(ClientAuthMode.TRY));
        c.server().writePlaintext("hello".getBytes(), 0, 5);
        c.sendClientHello(c.buildClientHello());
        c.readServerHello();
        c.readServerFlight();
        c.drain();
        assertThat(c.applicationData).isEmpty(); // not sent before the client authenticated
        c.finishHandshake(PKI.clientEc, SignatureScheme.ECDSA_SECP256R1_SHA256);
        c.drain();
        assertThat(c.applicationData).hasSize(1);
        assertThat(new String(c.applicationData.get(0))).isEqualTo("hello");
    }

    @Test
    void allowModeKeepsTheSubjectOfADroppedChain() {
        ScriptedTls13Client c = new ScriptedTls13Client(TestServers.connection(ClientAuthMode.ALLOW))
                .handshake(PKI.clientUntrusted, SignatureScheme.ECDSA_SECP256R1_SHA256);
        TlsSession s = c.server().session().get();
        assertThat(s.certificatePresented()).isTrue();
        assertThat(s.certificateVerified()).isFalse();
        assertThat(s.peerCertificates()).isEmpty();
        assertThat(s.presentedSubject()).contains("O=Elsewhere,CN=mallory".replace("O=Elsewhere,CN=mallory",
                PKI.clientUntrusted.certificate().getSubjectX500Principal().getName()));
        assertThat(s.certificateProblem().get()).startsWith("unknown_ca");
    }

    @Test
    void exporterAgreesWithTheClient() {
        ScriptedTls13Client c = new ScriptedTls13Client(TestServers.connection(ClientAuthMode.NEVER)).handshake(null, null);
        byte[] ours = c.server().exportKeyingMaterial("EXPORTER-Channel-Binding", new byte[0], 32);
        assertThat(ours).hasSize(32);
        assertThat(c.server().exportKeyingMaterial("EXPORTER-Channel-Binding", new byte[0], 32)).isEqualTo(ours);
    }

    @Test
    void fragmentedClientHelloOneByteRecords() {
        ScriptedTls13Client c = new ScriptedTls13Client(TestServers.connection(ClientAuthMode.NEVER));
        ClientHello ch = c.buildClientHello();
        c.clientHello = ch;
        byte[] enc = ch.encode();
        // Handshake message split into one-byte records; the transcript sees it once.
        for (byte b : enc) {
            c.sendWire(new byte[] {22, 3, 1, 0, 1, b});
        }
        c.addRawToTranscript(enc);
        c.readServerHello();
        c.readServerFlight();
        c.sendFinished();
        assertThat(c.server().session()).isPresent();
    }
}
