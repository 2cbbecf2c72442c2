package dev.herald.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.tls.testsupport.TestPki;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Configuration validation: each mistake is refused at build time with a message that says what to change. */
class TlsServerConfigTest {
    private static final TestPki.Standard PKI = TestPki.standard();

    private static ServerCredential ec() {
        return ServerCredential.of(PKI.serverEc.chain(), PKI.serverEc.privateKey());
    }

    @Test
    void defaults() {
        TlsServerConfig c = TlsServerConfig.builder().credential(ec()).trustAnchors(List.of(PKI.root.certificate())).build();
        assertThat(c.clientAuth()).isEqualTo(ClientAuthMode.TRY);
        assertThat(c.versions()).containsExactlyInAnyOrder(TlsVersion.TLS_1_2, TlsVersion.TLS_1_3);
        assertThat(c.handshakeTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.keyLogSink()).isEmpty();
        assertThat(c.requireExtendedMasterSecret()).isFalse();
        assertThat(c.cipherSuites()).hasSize(9);
        assertThat(c.toBuilder().build().cipherSuites()).isEqualTo(c.cipherSuites());
    }

    @Test
    void noCredential() {
        assertThatThrownBy(() -> TlsServerConfig.builder().clientAuth(ClientAuthMode.NEVER).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no server credential");
    }

    @Test
    void tryAndDemandNeedTrustAnchors() {
        for (ClientAuthMode m : List.of(ClientAuthMode.TRY, ClientAuthMode.DEMAND)) {
            assertThatThrownBy(() -> TlsServerConfig.builder().credential(ec()).clientAuth(m).build())
                    .hasMessageContaining("needs at least one trust anchor").hasMessageContaining(m.name().toLowerCase());
        }
        TlsServerConfig.builder().credential(ec()).clientAuth(ClientAuthMode.ALLOW).build();
        TlsServerConfig.builder().credential(ec()).clientAuth(ClientAuthMode.NEVER).build();
    }

    @Test
    void tls12SuitesMustFitTheKeys() {
        assertThatThrownBy(() -> TlsServerConfig.builder().credential(ec()).clientAuth(ClientAuthMode.NEVER)
                .cipherSuites(List.of(CipherSuite.TLS_AES_128_GCM_SHA256, CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256))
                .build()).hasMessageContaining("no enabled TLSv1.2 suite fits");
    }

    @Test
    void enabledVersionNeedsItsSuites() {
        assertThatThrownBy(() -> TlsServerConfig.builder().credential(ec()).clientAuth(ClientAuthMode.NEVER)
                .cipherSuites(List.of(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256)).build())
                .hasMessageContaining("TLSv1.3 is enabled but none of its cipher suites is");
        TlsServerConfig.builder().credential(ec()).clientAuth(ClientAuthMode.NEVER).versions(TlsVersion.TLS_1_2)
                .cipherSuites(List.of(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256)).build();
    }

    @Test
    void badTimeoutAndPaddingAndNoGroupsAreReportedTogether() {
        assertThatThrownBy(() -> TlsServerConfig.builder().credential(ec()).clientAuth(ClientAuthMode.NEVER)
                .handshakeTimeout(Duration.ZERO).recordPaddingBlock(-1).groups(List.of()).build())
                .hasMessageContaining("handshake timeout must be positive")
                .hasMessageContaining("record padding block")
                .hasMessageContaining("no key-exchange group");
    }

    @Test
    void keyNotMatchingTheCertificateType() {
        assertThatThrownBy(() -> ServerCredential.of(PKI.serverEc.chain(), PKI.serverRsa.privateKey()))
                .hasMessageContaining("does not match the leaf certificate key");
    }

    @Test
    void keyOfTheRightTypeButAnotherPairIsCaughtByTheContext() {
        TlsServerConfig c = TlsServerConfig.builder()
                .credential(ServerCredential.of(PKI.serverEc.chain(), PKI.clientEc.privateKey()))
                .clientAuth(ClientAuthMode.NEVER).build();
        assertThatThrownBy(() -> TlsServerContext.create(c)).hasMessageContaining("does not belong to the certificate");
    }

    @Test
    void unsupportedKeyType() throws Exception {
        var dsa = KeyPairGenerator.getInstance("DSA").generateKeyPair();
        assertThatThrownBy(() -> ServerCredential.of(PKI.serverEc.chain(), dsa.getPrivate()))
                .hasMessageContaining("unsupported server key type DSA");
    }

    @Test
    void serverNames() {
        ServerCredential c = ec().withServerNames("LDAP.Example.org.", "*.dir.example.org");
        assertThat(c.serverNames()).containsExactlyInAnyOrder("ldap.example.org", "*.dir.example.org");
        assertThat(c.matchesServerName("ldap.example.org")).isTrue();
        assertThat(c.matchesServerName("a.dir.example.org")).isTrue();
        assertThat(c.matchesServerName("a.b.dir.example.org")).isFalse();
        assertThat(c.matchesServerName("dir.example.org")).isFalse();
        assertThatThrownBy(() -> ec().withServerNames("bad name")).hasMessageContaining("bad server name");
    }

    @Test
    void emptyChain() {
        assertThatThrownBy(() -> ServerCredential.of(List.of(), PKI.serverEc.privateKey())).hasMessageContaining("empty");
    }
}
