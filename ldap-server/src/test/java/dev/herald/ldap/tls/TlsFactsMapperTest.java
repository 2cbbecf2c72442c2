package dev.herald.ldap.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.herald.config.pki.CertificateBuilder;
import dev.herald.config.pki.CertifiedKey;
import dev.herald.ldap.session.TlsFacts;
import dev.herald.tls.CipherSuite;
import dev.herald.tls.TlsSession;
import dev.herald.tls.TlsVersion;
import dev.herald.tls.crypto.NamedGroup;

class TlsFactsMapperTest {

    @Test
    void ssfIsTheCipherKeyLength() {
        assertThat(TlsFactsMapper.ssf(CipherSuite.TLS_AES_128_GCM_SHA256)).isEqualTo(128);
        assertThat(TlsFactsMapper.ssf(CipherSuite.TLS_AES_256_GCM_SHA384)).isEqualTo(256);
        assertThat(TlsFactsMapper.ssf(CipherSuite.TLS_CHACHA20_POLY1305_SHA256)).isEqualTo(256);
        assertThat(TlsFactsMapper.ssf(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)).isEqualTo(128);
    }

    @Test
    void onlyAVerifiedChainIsKept() {
        CertifiedKey ca = CertificateBuilder.rootCa("CN=CA").build();
        CertifiedKey alice = CertificateBuilder.client("CN=alice", ca).build();
        TlsSession verified = new TlsSession(TlsVersion.TLS_1_3, CipherSuite.TLS_AES_256_GCM_SHA384, NamedGroup.X25519,
                Optional.empty(), alice.fullChain(), true, true, true, Optional.of("CN=alice"), Optional.empty(), true,
                Duration.ofMillis(3));
        TlsFacts facts = TlsFactsMapper.of(verified);
        assertThat(facts.protocol()).isEqualTo("TLSv1.3");
        assertThat(facts.cipherSuite()).isEqualTo("TLS_AES_256_GCM_SHA384");
        assertThat(facts.ssf()).isEqualTo(256);
        assertThat(facts.verifiedPeerChain()).isEqualTo(alice.fullChain());
        TlsSession ignored = new TlsSession(TlsVersion.TLS_1_2, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
                NamedGroup.SECP256R1, Optional.empty(), List.of(), true, true, false, Optional.of("CN=mallory"),
                Optional.of("chain does not lead to a trusted CA"), true, Duration.ofMillis(3));
        assertThat(TlsFactsMapper.of(ignored).hasVerifiedClientCertificate()).isFalse();
        assertThat(TlsSessionBinder.describe(ignored, TlsFactsMapper.of(ignored)))
                .contains("version=TLSv1.2", "client-certificate=ignored", "subject=\"CN=mallory\"", "problem=");
        assertThat(TlsSessionBinder.describe(verified, facts))
                .contains("client-certificate=verified subject=\"CN=alice\" issuer=\"CN=CA\"", "ssf=256");
    }
}
