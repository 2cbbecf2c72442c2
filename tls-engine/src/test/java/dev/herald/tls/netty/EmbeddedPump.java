package dev.herald.tls.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/** Moves bytes between a JDK SSLEngine client and an EmbeddedChannel running our handler. */
final class EmbeddedPump {
    final SSLEngine client;
    final EmbeddedChannel channel;
    final ByteBuffer fromServer = ByteBuffer.allocate(1 << 18);
    final ByteBuffer clientPlain = ByteBuffer.allocate(1 << 18);
    SSLException clientFailure;

    EmbeddedPump(SSLEngine client, EmbeddedChannel channel) {
        this.client = client;
        this.channel = channel;
    }

    /** Runs the conversation until nothing moves any more. */
    void run() {
        try {
            for (int i = 0; i < 100; i++) {
                boolean moved = clientToServer() | serverToClient();
                if (!moved) {
                    return;
                }
            }
        } catch (SSLException e) {
            clientFailure = e;
            // A failed SSLEngine still has its alert to send; deliver it like a real client would.
            try {
                clientToServer();
            } catch (SSLException ignored) {
                // nothing more to send
            }
        }
    }

    boolean clientToServer() throws SSLException {
        return clientToServer(new byte[0]);
    }

    boolean clientToServer(byte[] appData) throws SSLException {
        ByteBuffer net = ByteBuffer.allocate(1 << 17);
        ByteBuffer src = ByteBuffer.wrap(appData);
        boolean any = false;
        for (int i = 0; i < 10; i++) {
            SSLEngineResult r = client.wrap(src, net);
            tasks();
            if (r.bytesProduced() == 0) {
                break;
            }
            any = true;
        }
        net.flip();
        if (net.hasRemaining() && channel.isOpen()) {
            channel.writeInbound(Unpooled.wrappedBuffer(net));
        }
        return any;
    }

    boolean serverToClient() throws SSLException {
        boolean any = false;
        ByteBuf b;
        while ((b = channel.readOutbound()) != null) {
            fromServer.put(b.nioBuffer());
            b.release();
            any = true;
        }
        fromServer.flip();
        while (fromServer.hasRemaining()) {
            SSLEngineResult r = client.unwrap(fromServer, clientPlain);
            tasks();
            if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW || r.getStatus() == SSLEngineResult.Status.CLOSED
                    || r.bytesConsumed() == 0) {
                break;
            }
        }
        fromServer.compact();
        return any;
    }

    String clientReceived() {
        clientPlain.flip();
        byte[] b = new byte[clientPlain.remaining()];
        clientPlain.get(b);
        clientPlain.clear();
        return new String(b, StandardCharsets.US_ASCII);
    }

    private void tasks() {
        Runnable t;
        while ((t = client.getDelegatedTask()) != null) {
            t.run();
        }
    }

    /** Records user events and plaintext reaching the application. */
    static final class Recorder extends ChannelInboundHandlerAdapter {
        final List<Object> events = new ArrayList<>();
        final StringBuilder received = new StringBuilder();
        final List<String> order = new ArrayList<>();

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            events.add(evt);
            order.add("event");
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf b = (ByteBuf) msg;
            received.append(b.toString(StandardCharsets.US_ASCII));
            order.add("data");
            b.release();
        }

        TlsHandshakeEvent handshakeEvent() {
            return events.stream().filter(e -> e instanceof TlsHandshakeEvent).map(e -> (TlsHandshakeEvent) e)
                    .findFirst().orElse(null);
        }
    }
}
