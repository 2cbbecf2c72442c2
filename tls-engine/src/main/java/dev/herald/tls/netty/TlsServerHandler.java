package dev.herald.tls.netty;

import dev.herald.tls.TlsException;
import dev.herald.tls.TlsServerConnection;
import dev.herald.tls.TlsServerContext;
import dev.herald.tls.TlsSession;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Netty adapter for the server engine: decrypts inbound {@link ByteBuf}s and passes the
 * plaintext on, encrypts outbound ones, and fires one {@link TlsHandshakeEvent}.
 *
 * <p>Use one instance per channel. For LDAPS add it first in the pipeline when the channel is
 * set up. For StartTLS, write the StartTLS response, then {@code pipeline.addFirst(handler)} on
 * the event loop; bytes the client already sent after its StartTLS request (a ClientHello in
 * the same segment) must then be handed over with {@code pipeline.fireChannelRead(leftover)},
 * which reaches this handler first. Writes issued before the handshake completes are held and
 * sent encrypted once it does; they fail if it does not.
 *
 * <p>Closing the channel sends close_notify first; a close_notify from the client is answered and
 * the channel closed. A handshake that does not finish within the configured timeout is dropped.
 * Each handshake is logged in one line (outcome, version, suite, client certificate presented /
 * verified and its subject); a fatal alert the client sends late in a TLS 1.3 handshake is logged
 * as what it means (for example "client rejected the server certificate: unknown_ca").
 */
public final class TlsServerHandler extends ChannelDuplexHandler {
    private static final Logger LOG = LoggerFactory.getLogger(TlsServerHandler.class);

    private final TlsServerContext context;
    private TlsServerConnection engine;
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> timeoutTask;
    private boolean eventFired;
    private boolean closed;
    private final ArrayDeque<PendingWrite> pendingWrites = new ArrayDeque<>();

    private record PendingWrite(ByteBuf data, ChannelPromise promise) {
    }

    public TlsServerHandler(TlsServerContext context) {
        this.context = context;
    }

    /** The handshake result once it completed (also delivered as a {@link TlsHandshakeEvent}). */
    public java.util.Optional<TlsSession> session() {
        return engine == null ? java.util.Optional.empty() : engine.session();
    }

    /** Keying material exporter (RFC 8446 §7.5 / RFC 5705), after the handshake. */
    public byte[] exportKeyingMaterial(String label, byte[] context, int length) {
        return engine.exportKeyingMaterial(label, context, length);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.engine = context.newConnection();
        if (ctx.channel().isActive()) {
            startTimeout();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        startTimeout();
        ctx.fireChannelActive();
    }

    private void startTimeout() {
        if (timeoutTask != null || eventFired) {
            return;
        }
        long millis = context.config().handshakeTimeout().toMillis();
        timeoutTask = ctx.executor().schedule(this::onTimeout, millis, TimeUnit.MILLISECONDS);
    }

    private void onTimeout() {
        if (eventFired || closed) {
            return;
        }
        String reason = "handshake not completed within " + context.config().handshakeTimeout().toMillis() + " ms";
        failHandshake(TlsHandshakeEvent.failure(TlsHandshakeEvent.FailureKind.TIMEOUT, null, reason));
        closed = true;
        ctx.close();
    }

    // ------------------------------------------------------------------ inbound

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (!(msg instanceof ByteBuf buf)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            if (closed || engine.failure().isPresent()) {
                return; // nothing more is read after a fatal error or our close
            }
            int idle = 0;
            while (buf.isReadable() && !closed) {
                int taken = feed(buf);
                engine.processNewPackets();
                afterProcessing();
                // The engine always has room for a record once its plaintext is drained, which
                // afterProcessing just did; two rounds without progress would be a bug.
                idle = taken == 0 ? idle + 1 : 0;
                if (idle > 1) {
                    throw new IllegalStateException("TLS engine accepts no input");
                }
            }
        } catch (TlsException e) {
            onFatal(e);
        } finally {
            buf.release();
            flushEngineOutput(false);
        }
        if (engine.isPeerClosed() && !closed) {
            // close_notify received: the engine has answered it; close once that is out.
            closed = true;
            flushEngineOutput(true);
        }
    }

    private int feed(ByteBuf buf) {
        int total = 0;
        for (ByteBuffer nio : buf.nioBuffers(buf.readerIndex(), buf.readableBytes())) {
            int before = nio.remaining();
            engine.readTls(nio);
            int n = before - nio.remaining();
            total += n;
            if (nio.hasRemaining()) {
                break;
            }
        }
        buf.skipBytes(total);
        return total;
    }

    /** Fires the handshake event (once) and then any plaintext, in that order. */
    private void afterProcessing() {
        if (!eventFired && engine.session().isPresent()) {
            TlsSession s = engine.session().get();
            eventFired = true;
            cancelTimeout();
            logSuccess(s);
            ctx.fireUserEventTriggered(TlsHandshakeEvent.success(s));
            writePending();
        }
        int available = engine.plaintextAvailable();
        if (available > 0) {
            // One copy, from where the engine decrypted the records into a pooled buffer.
            ByteBuf out = ctx.alloc().heapBuffer(available);
            int n = engine.readPlaintext(out.nioBuffer(0, available));
            out.writerIndex(n);
            ctx.fireChannelRead(out);
        }
    }

    private void onFatal(TlsException e) {
        closed = true;
        if (!eventFired) {
            TlsHandshakeEvent.FailureKind kind = e.receivedFromPeer() ? TlsHandshakeEvent.FailureKind.ALERT_RECEIVED
                    : TlsHandshakeEvent.FailureKind.ALERT_SENT;
            String alert = e.alertCode() == 0 && e.receivedFromPeer() ? null : e.alertName();
            failHandshake(TlsHandshakeEvent.failure(kind, alert, e.getMessage()));
        } else {
            LOG.info("TLS connection {} ended: {} ({} {})", remote(), e.getMessage(), e.alertName(),
                    e.receivedFromPeer() ? "received" : "sent");
            failPendingWrites(new SSLException(e.getMessage(), e));
            ctx.fireExceptionCaught(new SSLException(e.getMessage(), e));
        }
        flushEngineOutput(true);
    }

    private void failHandshake(TlsHandshakeEvent event) {
        eventFired = true;
        cancelTimeout();
        String what = switch (event.failureKind().orElseThrow()) {
            case ALERT_SENT -> "alert " + event.alert().orElse("?") + " sent";
            case ALERT_RECEIVED -> event.alert().map(a -> "alert " + a + " received").orElse("closed by client");
            case TIMEOUT -> "timeout";
            case CONNECTION_CLOSED -> "connection closed";
        };
        LOG.info("TLS handshake failed: remote={}: {} [{}]", remote(), event.reason().orElse(""), what);
        failPendingWrites(new SSLException("TLS handshake failed: " + event.reason().orElse("")));
        ctx.fireUserEventTriggered(event);
    }

    private void logSuccess(TlsSession s) {
        // DEBUG, not INFO: a server logs every handshake in its access log (which an administrator
        // can turn off); this line would repeat it once per connection. Failures stay at INFO.
        if (!LOG.isDebugEnabled()) {
            return;
        }
        String cert;
        if (!s.certificateRequested()) {
            cert = "not requested";
        } else if (!s.certificatePresented()) {
            cert = "none";
        } else {
            cert = (s.certificateVerified() ? "verified" : "presented, not verified") + " subject=\""
                    + s.presentedSubject().orElse("") + "\""
                    + s.certificateProblem().map(p -> " (" + p + ")").orElse("");
        }
        LOG.debug("TLS handshake ok: remote={} version={} suite={} group={}{} client-certificate={} duration={}ms",
                remote(), s.version(), s.cipherSuite(), s.group().tlsName(),
                s.serverName().map(n -> " sni=" + n).orElse(""), cert, s.handshakeDuration().toMillis());
    }

    private String remote() {
        return String.valueOf(ctx.channel().remoteAddress());
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (engine != null && engine.isHandshaking() && !ctx.channel().config().isAutoRead()) {
            ctx.read(); // the handshake needs input even if the application did not ask for any
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancelTimeout();
        if (!eventFired) {
            failHandshake(TlsHandshakeEvent.failure(TlsHandshakeEvent.FailureKind.CONNECTION_CLOSED, null,
                    "connection closed during the handshake"));
        }
        closed = true;
        failPendingWrites(new ClosedChannelException());
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancelTimeout();
        failPendingWrites(new ClosedChannelException());
    }

    private void cancelTimeout() {
        if (timeoutTask != null) {
            timeoutTask.cancel(false);
            timeoutTask = null;
        }
    }

    // ------------------------------------------------------------------ outbound

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof ByteBuf buf)) {
            ReferenceCountUtil.release(msg);
            promise.setFailure(new UnsupportedOperationException("TlsServerHandler writes ByteBuf only, got "
                    + msg.getClass().getName()));
            return;
        }
        if (closed || engine.failure().isPresent() || engine.isCloseNotifySent()) {
            buf.release();
            promise.setFailure(new SSLException("TLS connection is closed"));
            return;
        }
        if (engine.session().isEmpty()) {
            pendingWrites.add(new PendingWrite(buf, promise));
            return;
        }
        encryptAndWrite(buf, promise);
    }

    private void encryptAndWrite(ByteBuf buf, ChannelPromise promise) {
        try {
            for (ByteBuffer nio : buf.nioBuffers()) {
                engine.writePlaintext(nio);
            }
        } finally {
            buf.release();
        }
        ByteBuf out = drainEngine();
        if (out == null) {
            promise.setSuccess();
        } else {
            ctx.write(out, promise);
        }
    }

    private void writePending() {
        PendingWrite w;
        boolean any = false;
        while ((w = pendingWrites.poll()) != null) {
            encryptAndWrite(w.data, w.promise);
            any = true;
        }
        if (any) {
            ctx.flush();
        }
    }

    private void failPendingWrites(Throwable cause) {
        PendingWrite w;
        while ((w = pendingWrites.poll()) != null) {
            w.data.release();
            w.promise.tryFailure(cause);
        }
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        cancelTimeout();
        failPendingWrites(new ClosedChannelException());
        if (engine != null && !engine.isCloseNotifySent() && engine.failure().isEmpty() && ctx.channel().isActive()) {
            engine.sendCloseNotify();
            ByteBuf out = drainEngine();
            if (out != null) {
                closed = true;
                ctx.writeAndFlush(out).addListener((ChannelFutureListener) f -> ctx.close(promise));
                return;
            }
        }
        closed = true;
        ctx.close(promise);
    }

    /** All pending ciphertext as one buffer, or null. */
    private ByteBuf drainEngine() {
        if (!engine.wantsWrite()) {
            return null;
        }
        List<byte[]> chunks = new ArrayList<>();
        byte[] c;
        while ((c = engine.pollTls()) != null) {
            chunks.add(c);
        }
        return Unpooled.wrappedBuffer(chunks.toArray(new byte[0][]));
    }

    /** Writes and flushes whatever the engine produced; optionally closes afterwards. */
    private void flushEngineOutput(boolean thenClose) {
        ByteBuf out = drainEngine();
        if (out != null) {
            var f = ctx.writeAndFlush(out);
            if (thenClose) {
                f.addListener(ChannelFutureListener.CLOSE);
            }
        } else if (thenClose) {
            ctx.close();
        }
    }
}
