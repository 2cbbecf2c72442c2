package dev.herald.tls.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.tls.ClientAuthMode;
import dev.herald.tls.ServerCredential;
import dev.herald.tls.TlsServerConfig;
import dev.herald.tls.TlsServerContext;
import dev.herald.tls.testsupport.InMemoryHandshake;
import dev.herald.tls.testsupport.JdkClients;
import dev.herald.tls.testsupport.TestPki;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SmokeTest {
    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void handshake(String protocol) {
        var pki = TestPki.standard();
        TlsServerConfig config = TlsServerConfig.builder()
                .credential(ServerCredential.of(pki.serverEc.chain(), pki.serverEc.privateKey()))
                .trustAnchors(List.of(pki.root.certificate()))
                .clientAuth(ClientAuthMode.TRY)
                .build();
        TlsServerContext ctx = TlsServerContext.create(config);
        var outcome = InMemoryHandshake.run(
                JdkClients.engine(JdkClients.context(pki.clientEc, pki.root.certificate(), false), protocol, null),
                ctx.newConnection());
        if (outcome.serverFailure() != null) {
            outcome.serverFailure().printStackTrace();
        }
        if (outcome.clientFailure() != null) {
            outcome.clientFailure().printStackTrace();
        }
        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome.serverReceived()).isEqualTo("ping");
        assertThat(outcome.clientReceived()).isEqualTo("pong");
        assertThat(outcome.serverSession().get().certificateVerified()).isTrue();
        System.out.println(outcome);
    }
}
