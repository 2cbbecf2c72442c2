package dev.herald.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.Arrays;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * A JDK {@link SSLEngine} driven by hand over a blocking socket, so a test controls exactly
 * which bytes go out when: it can take the ClientHello before anything is sent and put it in
 * the same TCP segment as the StartTLS request.
 */
final class EngineClient {

    private final SSLEngine engine;
    private final InputStream in;
    private final OutputStream out;
    private ByteBuffer netIn = ByteBuffer.allocate(1 << 17);
    private final ByteBuffer appIn = ByteBuffer.allocate(1 << 17);

    EngineClient(SSLContext context, Socket socket) throws IOException {
        engine = context.createSSLEngine("127.0.0.1", socket.getPort());
        engine.setUseClientMode(true);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** The ClientHello record(s), without sending them. */
    byte[] clientHello() throws SSLException {
        engine.beginHandshake();
        ByteBuffer net = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        engine.wrap(ByteBuffer.allocate(0), net);
        net.flip();
        return Arrays.copyOfRange(net.array(), 0, net.limit());
    }

    /** Completes the handshake after the ClientHello went out. */
    void finishHandshake() throws IOException {
        while (true) {
            SSLEngineResult.HandshakeStatus hs = engine.getHandshakeStatus();
            switch (hs) {
                case NEED_WRAP -> {
                    ByteBuffer net = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
                    engine.wrap(ByteBuffer.allocate(0), net);
                    net.flip();
                    out.write(net.array(), 0, net.limit());
                    out.flush();
                }
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> unwrapSome();
                case NEED_TASK -> {
                    Runnable t;
                    while ((t = engine.getDelegatedTask()) != null) {
                        t.run();
                    }
                }
                default -> {
                    return;
                }
            }
        }
    }

    void write(byte[] plaintext) throws IOException {
        ByteBuffer src = ByteBuffer.wrap(plaintext);
        while (src.hasRemaining()) {
            ByteBuffer net = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            engine.wrap(src, net);
            net.flip();
            out.write(net.array(), 0, net.limit());
        }
        out.flush();
    }

    /** Reads until {@code n} plaintext bytes arrived; returns them. */
    byte[] read(int n) throws IOException {
        while (appIn.position() < n) {
            unwrapSome();
        }
        appIn.flip();
        byte[] got = new byte[n];
        appIn.get(got);
        appIn.compact();
        return got;
    }

    /** Reads one LDAP message (tag, definite length, content) through TLS. */
    byte[] readMessage() throws IOException {
        byte[] head = read(2);
        int length = head[1] & 0xff;
        byte[] lengthBytes = new byte[0];
        if ((length & 0x80) != 0) {
            lengthBytes = read(length & 0x7f);
            length = 0;
            for (byte b : lengthBytes) {
                length = (length << 8) | (b & 0xff);
            }
        }
        byte[] content = read(length);
        byte[] all = new byte[2 + lengthBytes.length + content.length];
        System.arraycopy(head, 0, all, 0, 2);
        System.arraycopy(lengthBytes, 0, all, 2, lengthBytes.length);
        System.arraycopy(content, 0, all, 2 + lengthBytes.length, content.length);
        return all;
    }

    private void unwrapSome() throws IOException {
        netIn.flip();
        SSLEngineResult r = engine.unwrap(netIn, appIn);
        netIn.compact();
        if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW || (r.bytesConsumed() == 0 && r.bytesProduced() == 0
                && r.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_UNWRAP)) {
            byte[] chunk = new byte[16384];
            int n = in.read(chunk);
            if (n < 0) {
                throw new IOException("connection closed by the server");
            }
            netIn.put(chunk, 0, n);
        } else if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
            throw new IOException("TLS closed by the server");
        }
    }
}
