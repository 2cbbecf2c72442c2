package dev.herald.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.tls.testsupport.JdkClients;
import dev.herald.tls.testsupport.TestPki;
import dev.herald.tls.testsupport.TestServers;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Random;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Received application data is kept where it was decrypted (the record decoder's buffer) until
 * it is read; these tests check it survives more input arriving first, partial reads, and every
 * way of reading it, with records of all sizes several to a read.
 */
class PlaintextBufferingTest {
    private TlsServerConnection server;
    private SSLEngine client;
    private final ByteBuffer toServer = ByteBuffer.allocate(1 << 18);
    private final ByteBuffer toClient = ByteBuffer.allocate(1 << 18);

    @BeforeEach
    void connect() throws Exception {
        server = TestServers.connection(ClientAuthMode.NEVER);
        TestPki.Standard pki = TestPki.standard();
        client = JdkClients.engine(JdkClients.context(null, pki.root.certificate(), false), "TLSv1.3", null);
        client.beginHandshake();
        for (int i = 0; i < 20 && (server.session().isEmpty() || client.getHandshakeStatus()
                != SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING); i++) {
            clientWrap(ByteBuffer.allocate(0));
            feedServer(toServer.position());
            server.writeTls(toClient);
            toClient.flip();
            ByteBuffer app = ByteBuffer.allocate(1 << 17);
            while (toClient.hasRemaining()) {
                SSLEngineResult r = client.unwrap(toClient, app);
                Runnable t;
                while ((t = client.getDelegatedTask()) != null) {
                    t.run();
                }
                if (r.bytesConsumed() == 0) {
                    break; // e.g. the client wants to send first; the rest waits for the next round
                }
            }
            toClient.compact();
        }
        assertThat(server.session()).isPresent();
        toServer.clear();
    }

    private void clientWrap(ByteBuffer src) throws Exception {
        do {
            SSLEngineResult r = client.wrap(src, toServer);
            Runnable t;
            while ((t = client.getDelegatedTask()) != null) {
                t.run();
            }
            if (r.bytesProduced() == 0 && !src.hasRemaining()) {
                break;
            }
        } while (src.hasRemaining());
    }

    /** Gives the server up to {@code n} queued bytes, in one readTls per call of processNewPackets. */
    private void feedServer(int n) throws Exception {
        toServer.flip();
        ByteBuffer part = toServer.slice();
        part.limit(Math.min(n, part.remaining()));
        while (part.hasRemaining()) {
            int before = part.remaining();
            server.readTls(part);
            server.processNewPackets();
            if (part.remaining() == before) {
                break; // plaintext buffer full: the reader must drain first
            }
        }
        toServer.position(toServer.position() + part.position());
        toServer.compact();
    }

    private static byte[] data(int size, int seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"readPlaintext(byte[])", "readPlaintext(ByteBuffer)", "pollPlaintext"})
    void unreadDataSurvivesMoreInputAndEveryReadGetsItAll(String how) throws Exception {
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        int[] sizes = {1, 16384, 20000, 7, 16383, 40000, 3};
        for (int i = 0; i < sizes.length; i++) {
            byte[] d = data(sizes[i], i);
            sent.writeBytes(d);
            clientWrap(ByteBuffer.wrap(d));
            // Odd slices: records split across reads, several records in one read.
            feedServer(5000 + 3 * i);
            if (i % 2 == 1) {
                read(how, got, 1000); // read some, leave the rest in place
            }
        }
        while (toServer.position() > 0) {
            feedServer(toServer.position());
            read(how, got, Integer.MAX_VALUE);
        }
        read(how, got, Integer.MAX_VALUE);
        assertThat(server.plaintextAvailable()).isZero();
        assertThat(got.toByteArray()).isEqualTo(sent.toByteArray());
    }

    private void read(String how, ByteArrayOutputStream got, int atMost) {
        switch (how) {
            case "readPlaintext(byte[])" -> {
                byte[] b = new byte[Math.min(atMost, 777)];
                int n;
                int total = 0;
                while (total < atMost && (n = server.readPlaintext(b, 0, Math.min(b.length, atMost - total))) > 0) {
                    got.write(b, 0, n);
                    total += n;
                }
            }
            case "readPlaintext(ByteBuffer)" -> {
                ByteBuffer b = ByteBuffer.allocate(Math.min(atMost, 5000));
                int total = 0;
                while (total < atMost) {
                    b.clear();
                    b.limit(Math.min(b.capacity(), atMost - total));
                    int n = server.readPlaintext(b);
                    if (n == 0) {
                        break;
                    }
                    got.write(b.array(), 0, n);
                    total += n;
                }
            }
            default -> {
                byte[] chunk;
                while ((chunk = server.pollPlaintext()) != null) {
                    byte[] copy = chunk.clone();
                    java.util.Arrays.fill(chunk, (byte) 0); // the caller owns it: scribbling must not matter
                    got.writeBytes(copy);
                }
            }
        }
    }
}
