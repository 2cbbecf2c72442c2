package dev.herald.tls.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.tls.CipherSuite;
import dev.herald.tls.ClientAuthMode;
import dev.herald.tls.ServerCredential;
import dev.herald.tls.TlsServerConfig;
import dev.herald.tls.TlsServerContext;
import dev.herald.tls.TlsSession;
import dev.herald.tls.crypto.NamedGroup;
import dev.herald.tls.testsupport.InMemoryHandshake;
import dev.herald.tls.testsupport.InMemoryHandshake.Outcome;
import dev.herald.tls.testsupport.JdkClients;
import dev.herald.tls.testsupport.TestPki;
import dev.herald.tls.testsupport.TestPki.KeyType;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Full handshakes, in memory, between the JDK's SSLEngine client and our server: every suite
 * and group the JDK offers with each server key type, and every client-certificate case in
 * every mode, each followed by application data both ways.
 */
class JdkInteropTest {
    private static final TestPki.Standard PKI = TestPki.standard();

    private static TlsServerConfig.Builder config(TestPki.Issued server) {
        return TlsServerConfig.builder()
                .credential(ServerCredential.of(server.chain(), server.privateKey()))
                .trustAnchors(List.of(PKI.root.certificate()));
    }

    private static Outcome run(TlsServerConfig config, SSLEngine client) {
        return InMemoryHandshake.run(client, TlsServerContext.create(config).newConnection());
    }

    static Stream<Arguments> suitesAndKeys() {
        List<Arguments> out = new ArrayList<>();
        for (CipherSuite suite : CipherSuite.values()) {
            List<KeyType> keys = suite.authentication() == CipherSuite.Authentication.RSA ? List.of(KeyType.RSA_2048)
                    : suite.authentication() == CipherSuite.Authentication.ECDSA
                            ? List.of(KeyType.EC_P256, KeyType.EC_P384, KeyType.ED25519)
                            : List.of(KeyType.EC_P256, KeyType.EC_P384, KeyType.RSA_2048, KeyType.ED25519);
            for (KeyType key : keys) {
                for (NamedGroup group : NamedGroup.values()) {
                    out.add(Arguments.of(suite, key, group));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("suitesAndKeys")
    void everySuiteKeyAndGroup(CipherSuite suite, KeyType serverKey, NamedGroup group) {
        TlsServerConfig config = config(PKI.server(serverKey)).groups(List.of(group)).build();
        String protocol = suite.version().displayName();
        Outcome o = run(config, JdkClients.engine(JdkClients.context(PKI.clientEc, PKI.root.certificate(), false),
                protocol, suite.name()));
        assertSucceeded(o);
        TlsSession s = o.serverSession().get();
        assertThat(s.cipherSuite()).isEqualTo(suite);
        assertThat(s.group()).isEqualTo(group);
        assertThat(s.version().displayName()).isEqualTo(protocol).isEqualTo(o.clientProtocol());
        assertThat(o.clientSuite()).isEqualTo(suite.name());
        assertThat(s.certificateVerified()).isTrue();
        assertThat(s.extendedMasterSecret()).isTrue();
    }

    enum ClientCert { NONE, EC, EC384, RSA, ED25519, VIA_INTERMEDIATE, UNTRUSTED, EXPIRED }

    static Stream<Arguments> clientCertMatrix() {
        List<Arguments> out = new ArrayList<>();
        for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
            for (ClientCert cert : ClientCert.values()) {
                for (ClientAuthMode mode : ClientAuthMode.values()) {
                    out.add(Arguments.of(protocol, cert, mode));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} client cert {1} mode {2}")
    @MethodSource("clientCertMatrix")
    void clientCertificateModes(String protocol, ClientCert cert, ClientAuthMode mode) {
        TestPki.Issued presented = switch (cert) {
            case NONE -> null;
            case EC -> PKI.clientEc;
            case EC384 -> PKI.clientEc384;
            case RSA -> PKI.clientRsa;
            case ED25519 -> PKI.clientEd25519;
            case VIA_INTERMEDIATE -> PKI.clientViaIntermediate;
            case UNTRUSTED -> PKI.clientUntrusted;
            case EXPIRED -> PKI.clientExpired;
        };
        TlsServerConfig config = config(PKI.serverEc).clientAuth(mode).build();
        Outcome o = run(config, JdkClients.engine(JdkClients.context(presented, PKI.root.certificate(), true),
                protocol, null));
        boolean good = cert != ClientCert.NONE && cert != ClientCert.UNTRUSTED && cert != ClientCert.EXPIRED;
        boolean bad = cert == ClientCert.UNTRUSTED || cert == ClientCert.EXPIRED;
        String expectedAlert = switch (cert) {
            case UNTRUSTED -> "unknown_ca";
            case EXPIRED -> "certificate_expired";
            case NONE -> protocol.equals("TLSv1.3") ? "certificate_required" : "handshake_failure";
            default -> null;
        };
        boolean fails = (mode == ClientAuthMode.DEMAND && !good) || (mode == ClientAuthMode.TRY && bad);
        if (fails) {
            assertThat(o.serverSession()).isEmpty();
            assertThat(o.serverFailure()).isNotNull();
            assertThat(o.serverFailure().receivedFromPeer()).isFalse();
            assertThat(o.serverFailure().alertName()).isEqualTo(expectedAlert);
            assertThat(o.clientFailure()).isNotNull();
            assertThat(o.serverReceived()).isNull();
            return;
        }
        assertSucceeded(o);
        TlsSession s = o.serverSession().get();
        assertThat(s.certificateRequested()).isEqualTo(mode != ClientAuthMode.NEVER);
        if (mode == ClientAuthMode.NEVER) {
            assertThat(s.certificatePresented()).isFalse();
            assertThat(s.peerCertificates()).isEmpty();
            return;
        }
        assertThat(s.certificatePresented()).isEqualTo(cert != ClientCert.NONE);
        assertThat(s.certificateVerified()).isEqualTo(good);
        if (good) {
            assertThat(s.peerCertificates().get(0)).isEqualTo(presented.certificate());
            assertThat(s.peerCertificates().get(s.peerCertificates().size() - 1)).isEqualTo(PKI.root.certificate());
            assertThat(s.peerCertificates()).hasSize(cert == ClientCert.VIA_INTERMEDIATE ? 3 : 2);
            assertThat(s.presentedSubject()).contains(presented.certificate().getSubjectX500Principal().getName());
        } else if (bad) {
            // allow mode: dropped, but the subject is still there for the log
            assertThat(s.peerCertificates()).isEmpty();
            assertThat(s.presentedSubject()).isPresent();
            assertThat(s.certificateProblem().get()).startsWith(expectedAlert);
        } else {
            assertThat(s.peerCertificates()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"TLS_1_3", "TLS_1_2"}, value = dev.herald.tls.TlsVersion.class)
    void jdkKeyManagerPicksTheCertificateOfANamedCa(dev.herald.tls.TlsVersion version) throws Exception {
        // The client holds an untrusted and a trusted certificate; our CA names steer it.
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("a-untrusted", PKI.clientUntrusted.privateKey(), "pw".toCharArray(),
                PKI.clientUntrusted.chain().toArray(new X509Certificate[0]));
        ks.setKeyEntry("b-trusted", PKI.clientEc.privateKey(), "pw".toCharArray(),
                PKI.clientEc.chain().toArray(new X509Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        kmf.init(ks, "pw".toCharArray());
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("root", PKI.root.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        Outcome o = run(config(PKI.serverEc).build(), JdkClients.engine(ctx, version.displayName(), null));
        assertSucceeded(o);
        assertThat(o.serverSession().get().peerLeaf()).contains(PKI.clientEc.certificate());
    }

    @Test
    void sniChoosesTheCredential() {
        var ecA = PKI.root.server("a.example", KeyType.EC_P256);
        var ecB = PKI.root.server("b.example", KeyType.EC_P256);
        TlsServerConfig config = TlsServerConfig.builder()
                .credential(ServerCredential.of(ecA.chain(), ecA.privateKey()).withServerNames("a.example"))
                .credential(ServerCredential.of(ecB.chain(), ecB.privateKey()).withServerNames("*.example", "b.example"))
                .clientAuth(ClientAuthMode.NEVER)
                .build();
        for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
            for (var expected : List.of(ecA, ecB)) {
                String name = expected == ecA ? "a.example" : "b.example";
                SSLEngine client = JdkClients.engine(JdkClients.context(null, PKI.root.certificate(), false), protocol, null);
                SSLParameters p = client.getSSLParameters();
                p.setServerNames(List.of(new SNIHostName(name)));
                client.setSSLParameters(p);
                Outcome o = run(config, client);
                assertSucceeded(o);
                assertThat(o.serverSession().get().serverName()).contains(name);
                try {
                    assertThat(client.getSession().getPeerCertificates()[0]).isEqualTo(expected.certificate());
                } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
                    throw new AssertionError(e);
                }
            }
        }
    }

    @Test
    void tls12SuiteChoosesBetweenEcdsaAndRsaCredentials() throws Exception {
        TlsServerConfig config = TlsServerConfig.builder()
                .credential(ServerCredential.of(PKI.serverEc.chain(), PKI.serverEc.privateKey()))
                .credential(ServerCredential.of(PKI.serverRsa.chain(), PKI.serverRsa.privateKey()))
                .clientAuth(ClientAuthMode.NEVER)
                .build();
        SSLEngine rsaOnly = JdkClients.engine(JdkClients.context(null, PKI.root.certificate(), false), "TLSv1.2",
                "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
        Outcome o = run(config, rsaOnly);
        assertSucceeded(o);
        assertThat(rsaOnly.getSession().getPeerCertificates()[0]).isEqualTo(PKI.serverRsa.certificate());
        SSLEngine ecOnly = JdkClients.engine(JdkClients.context(null, PKI.root.certificate(), false), "TLSv1.2",
                "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256");
        o = run(config, ecOnly);
        assertSucceeded(o);
        assertThat(ecOnly.getSession().getPeerCertificates()[0]).isEqualTo(PKI.serverEc.certificate());
    }

    @Test
    void versionOnlyTls12ServerStillServesModernClient() {
        TlsServerConfig config = config(PKI.serverEc).versions(dev.herald.tls.TlsVersion.TLS_1_2).build();
        Outcome o = run(config, JdkClients.engine(JdkClients.context(PKI.clientEc, PKI.root.certificate(), false), null, null));
        assertSucceeded(o);
        assertThat(o.serverSession().get().version()).isEqualTo(dev.herald.tls.TlsVersion.TLS_1_2);
    }

    @Test
    void tls13OnlyServerRefusesTls12Client() {
        TlsServerConfig config = config(PKI.serverEc).versions(dev.herald.tls.TlsVersion.TLS_1_3).build();
        Outcome o = run(config, JdkClients.engine(JdkClients.context(null, PKI.root.certificate(), false), "TLSv1.2", null));
        assertThat(o.serverFailure()).isNotNull();
        assertThat(o.serverFailure().alertName()).isEqualTo("protocol_version");
    }

    static void assertSucceeded(Outcome o) {
        if (o.serverFailure() != null) {
            throw new AssertionError("server failed: " + o.serverFailure().alertName() + " " + o.serverFailure().getMessage(),
                    o.serverFailure());
        }
        if (o.clientFailure() != null) {
            throw new AssertionError("client failed", o.clientFailure());
        }
        assertThat(o.succeeded()).isTrue();
        assertThat(o.serverReceived()).isEqualTo("ping");
        assertThat(o.clientReceived()).isEqualTo("pong");
    }
}
