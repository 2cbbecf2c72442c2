package dev.herald.tls.testsupport;

import dev.herald.tls.ClientAuthMode;
import dev.herald.tls.ServerCredential;
import dev.herald.tls.TlsServerConfig;
import dev.herald.tls.TlsServerConnection;
import dev.herald.tls.TlsServerContext;
import java.util.List;
import java.util.function.UnaryOperator;

/** Server engines configured like production, for tests. */
public final class TestServers {
    private TestServers() {
    }

    public static TlsServerConfig.Builder builder(ClientAuthMode mode) {
        TestPki.Standard pki = TestPki.standard();
        return TlsServerConfig.builder()
                .credential(ServerCredential.of(pki.serverEc.chain(), pki.serverEc.privateKey()))
                .credential(ServerCredential.of(pki.serverRsa.chain(), pki.serverRsa.privateKey()))
                .trustAnchors(List.of(pki.root.certificate()))
                .clientAuth(mode);
    }

    public static TlsServerConnection connection(ClientAuthMode mode) {
        return TlsServerContext.create(builder(mode).build()).newConnection();
    }

    public static TlsServerConnection connection(ClientAuthMode mode, UnaryOperator<TlsServerConfig.Builder> tweak) {
        return TlsServerContext.create(tweak.apply(builder(mode)).build()).newConnection();
    }
}
