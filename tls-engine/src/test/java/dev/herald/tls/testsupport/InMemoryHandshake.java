package dev.herald.tls.testsupport;

import dev.herald.tls.TlsException;
import dev.herald.tls.TlsServerConnection;
import dev.herald.tls.TlsSession;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * Runs a JDK SSLEngine client against our server engine entirely in memory: handshake, then
 * one application message each way, then close_notify. No sockets, no threads.
 */
public final class InMemoryHandshake {
    private InMemoryHandshake() {
    }

    /** What happened on both sides. */
    public record Outcome(Optional<TlsSession> serverSession, TlsException serverFailure, SSLException clientFailure,
            String serverReceived, String clientReceived, String clientProtocol, String clientSuite) {
        public boolean succeeded() {
            return serverFailure == null && clientFailure == null && serverSession.isPresent();
        }
    }

    public static Outcome run(SSLEngine client, TlsServerConnection server) {
        ByteBuffer clientNetOut = ByteBuffer.allocate(client.getSession().getPacketBufferSize());
        ByteBuffer clientNetIn = ByteBuffer.allocate(1 << 17);
        ByteBuffer clientApp = ByteBuffer.allocate(1 << 17);
        TlsException serverFailure = null;
        SSLException clientFailure = null;
        String serverReceived = null;
        String clientReceived = null;
        boolean clientSent = false;
        boolean serverSent = false;
        try {
            client.beginHandshake();
            for (int round = 0; round < 200; round++) {
                // client -> server
                clientNetOut.clear();
                ByteBuffer out = clientSent || client.getHandshakeStatus() != SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING
                        ? ByteBuffer.allocate(0) : ByteBuffer.wrap("ping".getBytes(StandardCharsets.US_ASCII));
                SSLEngineResult r = client.wrap(out, clientNetOut);
                runTasks(client);
                if (out.capacity() > 0 && r.bytesConsumed() > 0) {
                    clientSent = true;
                }
                clientNetOut.flip();
                if (clientNetOut.hasRemaining() && serverFailure == null) {
                    while (clientNetOut.hasRemaining()) {
                        server.readTls(clientNetOut);
                        try {
                            server.processNewPackets();
                        } catch (TlsException e) {
                            serverFailure = e;
                            break;
                        }
                    }
                }
                if (server.plaintextAvailable() > 0) {
                    byte[] b = new byte[server.plaintextAvailable()];
                    server.readPlaintext(b, 0, b.length);
                    serverReceived = (serverReceived == null ? "" : serverReceived) + new String(b, StandardCharsets.US_ASCII);
                    if (!serverSent) {
                        server.writePlaintext("pong".getBytes(StandardCharsets.US_ASCII), 0, 4);
                        serverSent = true;
                    }
                }
                // server -> client
                byte[] chunk;
                while ((chunk = server.pollTls()) != null) {
                    clientNetIn.put(chunk);
                }
                clientNetIn.flip();
                while (clientNetIn.hasRemaining()) {
                    SSLEngineResult u = client.unwrap(clientNetIn, clientApp);
                    runTasks(client);
                    if (u.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW || (u.bytesConsumed() == 0
                            && u.getHandshakeStatus() != SSLEngineResult.HandshakeStatus.NEED_UNWRAP)) {
                        break;
                    }
                }
                clientNetIn.compact();
                if (clientApp.position() > 0) {
                    clientApp.flip();
                    byte[] b = new byte[clientApp.remaining()];
                    clientApp.get(b);
                    clientApp.clear();
                    clientReceived = (clientReceived == null ? "" : clientReceived) + new String(b, StandardCharsets.US_ASCII);
                }
                if (serverFailure != null || (clientReceived != null && serverReceived != null)) {
                    if (serverFailure != null) {
                        // let the client read our alert
                        continue;
                    }
                    break;
                }
                if (client.isInboundDone() || client.isOutboundDone()) {
                    break;
                }
            }
        } catch (SSLException e) {
            clientFailure = e;
        }
        return new Outcome(server.session(), serverFailure, clientFailure, serverReceived, clientReceived,
                client.getSession().getProtocol(), client.getSession().getCipherSuite());
    }

    private static void runTasks(SSLEngine e) {
        Runnable t;
        while ((t = e.getDelegatedTask()) != null) {
            t.run();
        }
    }
}
