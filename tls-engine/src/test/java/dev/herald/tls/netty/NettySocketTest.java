package dev.herald.tls.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.tls.ClientAuthMode;
import dev.herald.tls.TlsServerContext;
import dev.herald.tls.testsupport.JdkClients;
import dev.herald.tls.testsupport.NettyTlsServer;
import dev.herald.tls.testsupport.TestPki;
import dev.herald.tls.testsupport.TestServers;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The handler on real loopback sockets, as an LDAPS listener would use it. */
class NettySocketTest {
    private static final TestPki.Standard PKI = TestPki.standard();

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void jdkSocketClientWithCertificate(String protocol) throws Exception {
        try (NettyTlsServer server = new NettyTlsServer(TlsServerContext.create(TestServers.builder(ClientAuthMode.TRY).build()));
                SSLSocket s = (SSLSocket) JdkClients.context(PKI.clientRsa, PKI.root.certificate(), false)
                        .getSocketFactory().createSocket("127.0.0.1", server.port())) {
            s.setEnabledProtocols(new String[] {protocol});
            s.setSoTimeout(20_000);
            s.startHandshake();
            OutputStream out = s.getOutputStream();
            out.write("hello".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] buf = new byte[64];
            int n = readAtLeast(s.getInputStream(), buf, 10);
            assertThat(new String(buf, 0, n, StandardCharsets.US_ASCII)).isEqualTo("echo:hello");
            TlsHandshakeEvent ev = server.nextEvent();
            assertThat(ev.isSuccess()).isTrue();
            assertThat(ev.session().get().peerLeaf()).contains(PKI.clientRsa.certificate());
            // a large write crosses several records both ways
            byte[] big = new byte[100_000];
            java.util.Arrays.fill(big, (byte) 'x');
            out.write(big);
            out.flush();
            byte[] back = new byte[big.length + 5 * 10];
            int total = 0;
            while (total < big.length + 5) {
                int r = s.getInputStream().read(back, total, back.length - total);
                if (r < 0) {
                    break;
                }
                total += r;
                // the echo handler prefixes each read chunk; count x's only
                if (countX(back, total) == big.length) {
                    break;
                }
            }
            assertThat(countX(back, total)).isEqualTo(big.length);
        }
    }

    private static int countX(byte[] b, int n) {
        int c = 0;
        for (int i = 0; i < n; i++) {
            c += b[i] == 'x' ? 1 : 0;
        }
        return c;
    }

    private static int readAtLeast(InputStream in, byte[] buf, int min) throws Exception {
        int total = 0;
        while (total < min) {
            int r = in.read(buf, total, buf.length - total);
            if (r < 0) {
                break;
            }
            total += r;
        }
        return total;
    }

    @Test
    void silentClientIsDisconnectedAfterTheHandshakeTimeout() throws Exception {
        TlsServerContext ctx = TlsServerContext.create(TestServers.builder(ClientAuthMode.TRY)
                .handshakeTimeout(Duration.ofMillis(300)).build());
        try (NettyTlsServer server = new NettyTlsServer(ctx); Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(20_000);
            s.getOutputStream().write(new byte[] {22, 3, 1, 0, (byte) 200, 1}); // a ClientHello that never completes
            assertThat(s.getInputStream().read()).isEqualTo(-1);
            TlsHandshakeEvent ev = server.nextEvent();
            assertThat(ev.failureKind()).contains(TlsHandshakeEvent.FailureKind.TIMEOUT);
        }
    }
}
