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
 * {@code openssl s_client} as a separate process against our engine behind the Netty handler on
 * a loopback port: versions, suites, groups, signature algorithms, with and without client
 * certificates, and the failure cases.
 */
class OpenSslInteropTest {
    private static final TestPki.Standard PKI = TestPki.standard();
    @TempDir
    static Path dir;
    static Path caFile;
    static Path untrustedCaFile;

    @BeforeAll
    static void files() throws Exception {
        PeerProcess.require("openssl");
        caFile = PemFiles.certificates(dir.resolve("ca.pem"), List.of(PKI.root.certificate()));
        untrustedCaFile = PemFiles.certificates(dir.resolve("other-ca.pem"), List.of(PKI.untrustedRoot.certificate()));
    }

    private static String[] certArgs(TestPki.Issued cert, String name) throws Exception {
        if (cert == null) {
            return new String[0];
        }
        Path c = PemFiles.certificates(dir.resolve(name + ".pem"), cert.chain());
        Path k = PemFiles.privateKey(dir.resolve(name + ".key"), cert);
        return new String[] {"-cert", c.toString(), "-key", k.toString()};
    }

    private static TlsServerContext server(ClientAuthMode mode) {
        return TlsServerContext.create(TlsServerConfig.builder()
                .credential(ServerCredential.of(PKI.serverEc.chain(), PKI.serverEc.privateKey()))
                .credential(ServerCredential.of(PKI.serverRsa.chain(), PKI.serverRsa.privateKey()))
                .credential(ServerCredential.of(PKI.serverEd25519.chain(), PKI.serverEd25519.privateKey()))
                .trustAnchors(List.of(PKI.root.certificate()))
                .clientAuth(mode).build());
    }

    /** Runs s_client with {@code args}, sends a line, and returns its output once echoed (or it ended). */
    private static String run(NettyTlsServer server, Path ca, List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + server.port(),
                "-servername", "localhost", "-verify_hostname", "localhost", "-verify_return_error", "-CAfile",
                ca.toString(), "-brief"));
        cmd.addAll(args);
        try (PeerProcess p = new PeerProcess(cmd)) {
            if (p.write("hello\n")) { // false: s_client already ended (a failed handshake)
                p.awaitOutput("echo:hello");
            }
            p.closeInput();
            p.awaitExit();
            return p.output();
        }
    }

    static Stream<Arguments> tls13() {
        List<Arguments> out = new ArrayList<>();
        for (CipherSuite s : List.of(CipherSuite.TLS_AES_128_GCM_SHA256, CipherSuite.TLS_AES_256_GCM_SHA384,
                CipherSuite.TLS_CHACHA20_POLY1305_SHA256)) {
            for (String group : List.of("X25519", "P-256", "P-384")) {
                out.add(Arguments.of(s, group));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("tls13")
    void tls13SuitesAndGroupsWithClientCertificate(CipherSuite suite, String group) throws Exception {
        try (NettyTlsServer server = new NettyTlsServer(server(ClientAuthMode.TRY))) {
            String out = run(server, caFile, concat(List.of("-tls1_3", "-ciphersuites", suite.name(), "-groups", group),
                    certArgs(PKI.clientEc, "alice")));
            assertThat(out).contains("echo:hello").contains("Verification: OK").contains("Protocol version: TLSv1.3");
            TlsSession s = success(server);
            assertThat(s.cipherSuite()).isEqualTo(suite);
            assertThat(s.group().tlsName()).isEqualTo(switch (group) {
                case "X25519" -> "x25519";
                case "P-256" -> "secp256r1";
                default -> "secp384r1";
            });
            assertThat(s.peerLeaf()).contains(PKI.clientEc.certificate());
        }
    }

    static Stream<Arguments> tls12() {
        return Stream.of(
                Arguments.of("ECDHE-ECDSA-AES128-GCM-SHA256", CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256),
                Arguments.of("ECDHE-ECDSA-AES256-GCM-SHA384", CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384),
                Arguments.of("ECDHE-ECDSA-CHACHA20-POLY1305", CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256),
                Arguments.of("ECDHE-RSA-AES128-GCM-SHA256", CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256),
                Arguments.of("ECDHE-RSA-AES256-GCM-SHA384", CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384),
                Arguments.of("ECDHE-RSA-CHACHA20-POLY1305", CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tls12")
    void tls12SuitesWithRsaClientCertificate(String opensslName, CipherSuite suite) throws Exception {
        try (NettyTlsServer server = new NettyTlsServer(server(ClientAuthMode.DEMAND))) {
            String out = run(server, caFile, concat(List.of("-tls1_2", "-cipher", opensslName),
                    certArgs(PKI.clientRsa, "bob")));
            assertThat(out).contains("echo:hello").contains("Verification: OK");
            TlsSession s = success(server);
            assertThat(s.cipherSuite()).isEqualTo(suite);
            assertThat(s.extendedMasterSecret()).isTrue();
            assertThat(s.peerLeaf()).contains(PKI.clientRsa.certificate());
        }
    }

    @Test
    void signatureAlgorithmsChooseTheServerCredential() throws Exception {
        try (NettyTlsServer server = new NettyTlsServer(server(ClientAuthMode.NEVER))) {
            assertThat(run(server, caFile, List.of("-tls1_3", "-sigalgs", "rsa_pss_rsae_sha256")))
                    .contains("echo:hello").contains("Signature type: RSA-PSS");
            success(server);
            assertThat(run(server, caFile, List.of("-tls1_3", "-sigalgs", "ed25519")))
                    .contains("echo:hello").containsIgnoringCase("Signature type: Ed25519");
            success(server);
            assertThat(run(server, caFile, List.of("-tls1_2", "-sigalgs", "RSA+SHA256")))
                    .contains("echo:hello").contains("Signature type: RSA");
            success(server);
        }
    }

    @Test
    void helloRetryRequestWhenTheFirstShareIsNotAccepted() throws Exception {
        TlsServerContext ctx = TlsServerContext.create(TlsServerConfig.builder()
                .credential(ServerCredential.of(PKI.serverEc.chain(), PKI.serverEc.privateKey()))
                .groups(List.of(NamedGroup.SECP384R1)).clientAuth(ClientAuthMode.NEVER).build());
        try (NettyTlsServer server = new NettyTlsServer(ctx)) {
            assertThat(run(server, caFile, List.of("-tls1_3", "-groups", "X25519:P-384"))).contains("echo:hello");
            assertThat(success(server).group()).isEqualTo(NamedGroup.SECP384R1);
        }
    }

    @Test
    void ed25519AndP384ClientCertificates() throws Exception {
        try (NettyTlsServer server = new NettyTlsServer(server(ClientAuthMode.DEMAND))) {
            assertThat(run(server, caFile, concat(List.of("-tls1_3"), certArgs(PKI.clientEd25519, "dave"))))
                    .contains("echo:hello");
            assertThat(success(server).peerLeaf()).contains(PKI.clientEd25519.certificate());
            assertThat(run(server, caFile, concat(List.of("-tls1_2"), certArgs(PKI.clientEc384, "carol"))))
                    .contains("echo:hello");
            assertThat(success(server).peerLeaf()).contains(PKI.clientEc384.certificate());
        }
    }

    @Test
    void noClientCertificateInTryModeIsAnonymous() throws Exception {
        try (NettyTlsServer server = new NettyTlsServer(server(ClientAuthMode.TRY))) {
            assertThat(run(server, caFile, List.of("-tls1_3"))).contains("echo:hello");
            TlsSession s = success(server);
            assertThat(s.certificateRequested()).isTrue();
            assertThat(s.certificatePresented()).isFalse();
        }
    }

    @Test
    void demandWithoutCertificate() throws Exception {
        try (NettyTlsServer server = new NettyTlsServer(server(ClientAuthMode.DEMAND))) {
            String out = run(server, caFile, List.of("-tls1_3"));
            assertThat(out).doesNotContain("echo:hello").containsIgnoringCase("certificate required");
            assertThat(server.nextEvent().alert()).contains("certificate_required");
        }
    }

    @Test
    void untrustedClientCertificate() throws Exception {
        try (NettyTlsServer server = new NettyTlsServer(server(ClientAuthMode.TRY))) {
            String out = run(server, caFile, concat(List.of("-tls1_2"), certArgs(PKI.clientUntrusted, "mallory")));
            assertThat(out).doesNotContain("echo:hello").containsIgnoringCase("unknown ca");
            assertThat(server.nextEvent().alert()).contains("unknown_ca");
        }
    }

    @Test
    void expiredClientCertificate() throws Exception {
        try (NettyTlsServer server = new NettyTlsServer(server(ClientAuthMode.TRY))) {
            String out = run(server, caFile, concat(List.of("-tls1_3"), certArgs(PKI.clientExpired, "old")));
            assertThat(out).doesNotContain("echo:hello");
            assertThat(server.nextEvent().alert()).contains("certificate_expired");
        }
    }

    @Test
    void clientThatDoesNotTrustUsIsReportedAsSuch() throws Exception {
        try (NettyTlsServer server = new NettyTlsServer(server(ClientAuthMode.TRY))) {
            String out = run(server, untrustedCaFile, List.of("-tls1_3"));
            assertThat(out).doesNotContain("echo:hello");
            TlsHandshakeEvent ev = server.nextEvent();
            assertThat(ev.failureKind()).contains(TlsHandshakeEvent.FailureKind.ALERT_RECEIVED);
            assertThat(ev.reason().get()).isEqualTo("client rejected the server certificate: unknown_ca");
        }
    }

    private static TlsSession success(NettyTlsServer server) throws InterruptedException {
        TlsHandshakeEvent ev = server.nextEvent();
        assertThat(ev.isSuccess()).as(ev.toString()).isTrue();
        return ev.session().get();
    }

    private static List<String> concat(List<String> a, String[] b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(List.of(b));
        return out;
    }
}
