package dev.herald.tls.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.tls.CipherSuite;
import dev.herald.tls.ClientAuthMode;
import dev.herald.tls.ServerCredential;
import dev.herald.tls.TlsServerConfig;
import dev.herald.tls.TlsServerContext;
import dev.herald.tls.TlsSession;
import dev.herald.tls.crypto.NamedGroup;
import dev.herald.tls.netty.TlsHandshakeEvent;
import dev.herald.tls.testsupport.NettyTlsServer;
import dev.herald.tls.testsupport.PeerProcess;
import dev.herald.tls.testsupport.PemFiles;
import dev.herald.tls.testsupport.TestPki;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code gnutls-cli} (the TLS library behind Debian's ldapsearch) as a process against our
 * engine behind the Netty handler: priority strings for versions, suites and groups, with
 * and without client certificates.
 */
class GnuTlsInteropTest {
    private static final TestPki.Standard PKI = TestPki.standard();
    @TempDir
    static Path dir;
    static Path caFile;

    @BeforeAll
    static void files() throws Exception {
        PeerProcess.require("gnutls-cli");
        caFile = PemFiles.certificates(dir.resolve("ca.pem"), List.of(PKI.root.certificate()));
    }

    private static List<String> certArgs(TestPki.Issued cert, String name) throws Exception {
        if (cert == null) {
            return List.of();
        }
        Path c = PemFiles.certificates(dir.resolve(name + ".pem"), cert.chain());
        Path k = PemFiles.privateKey(dir.resolve(name + ".key"), cert);
        return List.of("--x509certfile", c.toString(), "--x509keyfile", k.toString());
    }

    private static TlsServerContext server(ClientAuthMode mode) {
        return TlsServerContext.create(TlsServerConfig.builder()
                .credential(ServerCredential.of(PKI.serverEc.chain(), PKI.serverEc.privateKey()))
                .credential(ServerCredential.of(PKI.serverRsa.chain(), PKI.serverRsa.privateKey()))
                .trustAnchors(List.of(PKI.root.certificate()))
                .clientAuth(mode).build());
    }

    private static String run(NettyTlsServer server, String priority, List<String> extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("gnutls-cli", "-p", String.valueOf(server.port()),
                "--x509cafile", caFile.toString(), "--verify-hostname", "localhost", "--sni-hostname", "localhost",
                "--priority", priority));
        cmd.addAll(extra);
        cmd.add("127.0.0.1");
        try (PeerProcess p = new PeerProcess(cmd)) {
            if (p.awaitOutput("- Simple Client Mode")) {
                p.write("hello\n");
                p.awaitOutput("echo:hello");
            }
            p.closeInput();
            p.awaitExit();
            return p.output();
        }
    }

    static Stream<Arguments> matrix() {
        return Stream.of(
                Arguments.of("NORMAL:-VERS-ALL:+VERS-TLS1.3:-CIPHER-ALL:+AES-128-GCM", CipherSuite.TLS_AES_128_GCM_SHA256, NamedGroup.X25519),
                Arguments.of("NORMAL:-VERS-ALL:+VERS-TLS1.3:-CIPHER-ALL:+AES-256-GCM", CipherSuite.TLS_AES_256_GCM_SHA384, NamedGroup.X25519),
                Arguments.of("NORMAL:-VERS-ALL:+VERS-TLS1.3:-CIPHER-ALL:+CHACHA20-POLY1305", CipherSuite.TLS_CHACHA20_POLY1305_SHA256, NamedGroup.X25519),
                Arguments.of("NORMAL:-VERS-ALL:+VERS-TLS1.3:-GROUP-ALL:+GROUP-SECP256R1", CipherSuite.TLS_AES_128_GCM_SHA256, NamedGroup.SECP256R1),
                Arguments.of("NORMAL:-VERS-ALL:+VERS-TLS1.3:-GROUP-ALL:+GROUP-SECP384R1", CipherSuite.TLS_AES_128_GCM_SHA256, NamedGroup.SECP384R1),
                Arguments.of("NORMAL:-VERS-ALL:+VERS-TLS1.2:-CIPHER-ALL:+AES-128-GCM:-KX-ALL:+ECDHE-ECDSA", CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, NamedGroup.X25519),
                Arguments.of("NORMAL:-VERS-ALL:+VERS-TLS1.2:-CIPHER-ALL:+AES-256-GCM:-KX-ALL:+ECDHE-ECDSA", CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, NamedGroup.X25519),
                Arguments.of("NORMAL:-VERS-ALL:+VERS-TLS1.2:-CIPHER-ALL:+CHACHA20-POLY1305:-KX-ALL:+ECDHE-RSA", CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256, NamedGroup.X25519),
                Arguments.of("NORMAL:-VERS-ALL:+VERS-TLS1.2:-CIPHER-ALL:+AES-256-GCM:-KX-ALL:+ECDHE-RSA:-GROUP-ALL:+GROUP-SECP384R1", CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, NamedGroup.SECP384R1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matrix")
    void prioritiesWithAndWithoutClientCertificate(String priority, CipherSuite suite, NamedGroup group) throws Exception {
        try (NettyTlsServer server = new NettyTlsServer(server(ClientAuthMode.TRY))) {
            String out = run(server, priority, certArgs(PKI.clientEc, "alice"));
            assertThat(out).contains("- Handshake was completed").contains("echo:hello");
            TlsSession s = success(server);
            assertThat(s.cipherSuite()).isEqualTo(suite);
            assertThat(s.group()).isEqualTo(group);
            assertThat(s.peerLeaf()).contains(PKI.clientEc.certificate());

            out = run(server, priority, List.of());
            assertThat(out).contains("echo:hello");
            s = success(server);
            assertThat(s.certificateRequested()).isTrue();
            assertThat(s.certificatePresented()).isFalse();
        }
    }

    @Test
    void rsaAndEd25519ClientCertificates() throws Exception {
        try (NettyTlsServer server = new NettyTlsServer(server(ClientAuthMode.DEMAND))) {
            for (String prio : List.of("NORMAL:-VERS-ALL:+VERS-TLS1.3", "NORMAL:-VERS-ALL:+VERS-TLS1.2")) {
                assertThat(run(server, prio, certArgs(PKI.clientRsa, "bob"))).contains("echo:hello");
                assertThat(success(server).peerLeaf()).contains(PKI.clientRsa.certificate());
                assertThat(run(server, prio + ":+SIGN-EDDSA-ED25519", certArgs(PKI.clientEd25519, "dave"))).contains("echo:hello");
                assertThat(success(server).peerLeaf()).contains(PKI.clientEd25519.certificate());
            }
        }
    }

    @Test
    void untrustedClientCertificateIsRefused() throws Exception {
        try (NettyTlsServer server = new NettyTlsServer(server(ClientAuthMode.TRY))) {
            String out = run(server, "NORMAL", certArgs(PKI.clientUntrusted, "mallory"));
            assertThat(out).doesNotContain("echo:hello");
            assertThat(server.nextEvent().alert()).contains("unknown_ca");
        }
    }

    @Test
    void allowModeAcceptsAnUntrustedCertificateWithoutIdentity() throws Exception {
        try (NettyTlsServer server = new NettyTlsServer(server(ClientAuthMode.ALLOW))) {
            assertThat(run(server, "NORMAL", certArgs(PKI.clientUntrusted, "mallory"))).contains("echo:hello");
            TlsSession s = success(server);
            assertThat(s.certificatePresented()).isTrue();
            assertThat(s.certificateVerified()).isFalse();
            assertThat(s.peerCertificates()).isEmpty();
        }
    }

    private static TlsSession success(NettyTlsServer server) throws InterruptedException {
        TlsHandshakeEvent ev = server.nextEvent();
        assertThat(ev.isSuccess()).as(ev.toString()).isTrue();
        return ev.session().get();
    }
}
