package dev.herald.tls.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.tls.CipherSuite;
import dev.herald.tls.ClientAuthMode;
import dev.herald.tls.ServerCredential;
import dev.herald.tls.TlsServerConfig;
import dev.herald.tls.TlsServerContext;
import dev.herald.tls.TlsSession;
import dev.herald.tls.crypto.NamedGroup;
import dev.herald.tls.testsupport.BcTlsPeer;
import dev.herald.tls.testsupport.InMemoryHandshake;
import dev.herald.tls.testsupport.InMemoryHandshake.Outcome;
import dev.herald.tls.testsupport.TestPki;
import dev.herald.tls.testsupport.TestPki.KeyType;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bouncy Castle's TLS client (bctls 1.83, own class loader) against our server, in memory:
 * every suite with each server key type and group, then every client-certificate case.
 */
class BcTlsInteropTest {
    private static final TestPki.Standard PKI = TestPki.standard();

    @BeforeAll
    static void peer() {
        assertThat(BcTlsPeer.version()).contains("BCJSSE");
    }

    static Stream<Arguments> suites() {
        List<Arguments> out = new ArrayList<>();
        for (CipherSuite suite : CipherSuite.values()) {
            List<KeyType> keys = suite.authentication() == CipherSuite.Authentication.RSA ? List.of(KeyType.RSA_2048)
                    : suite.authentication() == CipherSuite.Authentication.ECDSA
                            ? List.of(KeyType.EC_P256, KeyType.EC_P384, KeyType.ED25519)
                            : List.of(KeyType.EC_P256, KeyType.RSA_2048, KeyType.ED25519);
            for (KeyType key : keys) {
                for (NamedGroup g : NamedGroup.values()) {
                    out.add(Arguments.of(suite, key, g));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("suites")
    void everySuiteKeyAndGroup(CipherSuite suite, KeyType key, NamedGroup group) {
        TestPki.Issued server = PKI.server(key);
        TlsServerConfig config = TlsServerConfig.builder()
                .credential(ServerCredential.of(server.chain(), server.privateKey()))
                .trustAnchors(List.of(PKI.root.certificate()))
                .groups(List.of(group))
                .build();
        Outcome o = InMemoryHandshake.run(BcTlsPeer.client(PKI.clientEc, PKI.root.certificate(),
                suite.version().displayName(), suite.name()), TlsServerContext.create(config).newConnection());
        JdkInteropTest.assertSucceeded(o);
        TlsSession s = o.serverSession().get();
        assertThat(s.cipherSuite()).isEqualTo(suite);
        assertThat(s.group()).isEqualTo(group);
        assertThat(s.certificateVerified()).isTrue();
    }

    enum ClientCert { NONE, EC, EC384, RSA, ED25519, VIA_INTERMEDIATE, UNTRUSTED, EXPIRED }

    static Stream<Arguments> certs() {
        List<Arguments> out = new ArrayList<>();
        for (String p : BcTlsPeer.protocols()) {
            for (ClientCert c : ClientCert.values()) {
                for (ClientAuthMode m : List.of(ClientAuthMode.ALLOW, ClientAuthMode.TRY, ClientAuthMode.DEMAND)) {
                    out.add(Arguments.of(p, c, m));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("certs")
    void clientCertificates(String protocol, ClientCert cert, ClientAuthMode mode) {
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
        TlsServerConfig config = TlsServerConfig.builder()
                .credential(ServerCredential.of(PKI.serverEc.chain(), PKI.serverEc.privateKey()))
                .credential(ServerCredential.of(PKI.serverRsa.chain(), PKI.serverRsa.privateKey()))
                .trustAnchors(List.of(PKI.root.certificate()))
                .clientAuth(mode).build();
        Outcome o = InMemoryHandshake.run(BcTlsPeer.client(presented, PKI.root.certificate(), protocol, null),
                TlsServerContext.create(config).newConnection());
        boolean good = presented != null && cert != ClientCert.UNTRUSTED && cert != ClientCert.EXPIRED;
        boolean fails = mode == ClientAuthMode.DEMAND ? !good
                : mode == ClientAuthMode.TRY && (cert == ClientCert.UNTRUSTED || cert == ClientCert.EXPIRED);
        if (fails) {
            assertThat(o.serverSession()).isEmpty();
            assertThat(o.serverFailure()).isNotNull();
            assertThat(o.serverFailure().alertName()).isEqualTo(switch (cert) {
                case NONE -> protocol.equals("TLSv1.3") ? "certificate_required" : "handshake_failure";
                case UNTRUSTED -> "unknown_ca";
                default -> "certificate_expired";
            });
            return;
        }
        JdkInteropTest.assertSucceeded(o);
        TlsSession s = o.serverSession().get();
        assertThat(s.certificatePresented()).isEqualTo(presented != null);
        assertThat(s.certificateVerified()).isEqualTo(good);
        if (good) {
            assertThat(s.peerLeaf()).contains(presented.certificate());
        }
    }
}
