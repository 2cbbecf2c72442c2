package dev.herald.ldap.net;

import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandler;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * The LDAP PDU framer: accumulates bytes, cuts them into LDAPMessages with
 * {@link BerFrameScanner} (size and nesting bounded, structure checked) and passes each on as
 * an {@link LdapFrame}, one at a time.
 *
 * <p>It can be paused for several independent reasons (a Bind or StartTLS in progress, too
 * many outstanding requests, a full outbound buffer). While paused it passes nothing on and
 * turns the channel's autoRead off, so a client that pipelines thousands of requests is
 * slowed down by TCP instead of being buffered without bound. All methods run on the
 * channel's event loop.
 *
 * <p>For StartTLS, {@link #insertBefore} puts a handler (the TLS handler) in front of the
 * framer and hands it the bytes already received after the current request, which belong to
 * the TLS handshake and must not be read as LDAP.
 */
public final class LdapFrameDecoder extends ChannelInboundHandlerAdapter {

    /** Reasons to pause; reading resumes when none is left. */
    public static final int PAUSE_BARRIER = 1;
    public static final int PAUSE_OUTSTANDING = 2;
    public static final int PAUSE_UNWRITABLE = 4;

    private final IntSupplier maxPdu;
    private final int maxDepth;
    private ChannelHandlerContext ctx;
    private ByteBuf cumulation;
    private int paused;
    private boolean failed;
    private boolean decoding;

    /**
     * @param maxPdu the largest PDU allowed right now (it grows once the connection is bound)
     * @param maxDepth the deepest nesting of constructed BER elements allowed
     */
    public LdapFrameDecoder(IntSupplier maxPdu, int maxDepth) {
        this.maxPdu = maxPdu;
        this.maxDepth = maxDepth;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (failed) {
            in.release();
            return;
        }
        append(in);
        decode();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (cumulation != null && !cumulation.isReadable()) {
            cumulation.release();
            cumulation = null;
        } else if (cumulation != null && cumulation.refCnt() == 1) {
            cumulation.discardSomeReadBytes();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        // A truncated PDU followed by close ends here: nothing to answer.
        releaseCumulation();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseCumulation();
    }

    /** Stops passing frames on for {@code reason} (one of the PAUSE_ constants). */
    public void pause(int reason) {
        paused |= reason;
        ctx.channel().config().setAutoRead(false);
    }

    /** Lifts {@code reason}; when no reason is left, frames flow again and reading resumes. */
    public void resume(int reason) {
        if ((paused & reason) == 0) {
            return;
        }
        paused &= ~reason;
        if (paused == 0 && !failed && ctx.channel().isActive()) {
            decode();
            if (paused == 0) {
                ctx.channel().config().setAutoRead(true);
            }
        }
    }

    public boolean isPaused(int reason) {
        return (paused & reason) != 0;
    }

    /**
     * Inserts {@code handler} in front of this framer and gives it the bytes received after the
     * request being processed (StartTLS, RFC 4511 §4.14.1: the client starts the TLS handshake
     * right after the response). Call after writing that response.
     */
    public void insertBefore(String name, ChannelHandler handler) throws Exception {
        insertBefore(List.of(Map.entry(name, handler)));
    }

    /**
     * Inserts {@code handlers} (name and handler, in pipeline order) in front of this framer and
     * gives the first of them the bytes received after the request being processed. For
     * StartTLS: the TLS handler, then the handler that records the handshake's outcome.
     */
    public void insertBefore(List<Map.Entry<String, ChannelHandler>> handlers) throws Exception {
        String next = ctx.name();
        for (int i = handlers.size() - 1; i >= 0; i--) {
            ctx.pipeline().addBefore(next, handlers.get(i).getKey(), handlers.get(i).getValue());
            next = handlers.get(i).getKey();
        }
        ChannelHandler first = handlers.get(0).getValue();
        ByteBuf rest = cumulation;
        cumulation = null;
        if (rest != null && rest.isReadable() && first instanceof ChannelInboundHandler inbound) {
            ChannelHandlerContext handlerCtx = ctx.pipeline().context(first);
            inbound.channelRead(handlerCtx, rest);
            inbound.channelReadComplete(handlerCtx);
        } else if (rest != null) {
            rest.release();
        }
    }

    /** Merges input into one buffer (copying only when it must grow or is shared by frames). */
    private void append(ByteBuf in) {
        if (cumulation == null) {
            cumulation = in;
            return;
        }
        try {
            int needed = cumulation.readableBytes() + in.readableBytes();
            if (cumulation.writableBytes() < in.readableBytes() || cumulation.refCnt() > 1 || cumulation.isReadOnly()) {
                ByteBuf bigger = ctx.alloc().buffer(Math.max(needed, Math.min(2 * cumulation.capacity(), needed + (1 << 20))));
                bigger.writeBytes(cumulation);
                cumulation.release();
                cumulation = bigger;
            }
            cumulation.writeBytes(in);
        } finally {
            in.release();
        }
    }

    private void decode() {
        if (decoding) {
            return; // a handler downstream resumed us while we were passing a frame on
        }
        decoding = true;
        try {
            while (paused == 0 && !failed && cumulation != null && cumulation.isReadable() && ctx.channel().isActive()) {
                BerFrameScanner.Result r = BerFrameScanner.scan(cumulation, maxPdu.getAsInt(), maxDepth);
                if (r instanceof BerFrameScanner.NeedMore) {
                    return;
                } else if (r instanceof BerFrameScanner.Frame f) {
                    ByteBuf frame = cumulation.readRetainedSlice(f.length());
                    ctx.fireChannelRead(new LdapFrame(frame, f.messageId(), f.opTag()));
                } else if (r instanceof BerFrameScanner.TooDeep d) {
                    cumulation.skipBytes(d.length());
                    ctx.fireUserEventTriggered(new FramingEvent.Rejected(d.messageId(), d.opTag(),
                            "BER nesting deeper than " + maxDepth + " levels"));
                } else if (r instanceof BerFrameScanner.TooLarge t) {
                    fail("message of " + t.declared() + " bytes exceeds the limit of " + t.limit() + " bytes");
                } else if (r instanceof BerFrameScanner.Malformed m) {
                    fail(m.reason());
                }
            }
        } finally {
            decoding = false;
        }
    }

    private void fail(String reason) {
        discardInput();
        ctx.fireUserEventTriggered(new FramingEvent.Violation(reason));
    }

    /**
     * From now on drops everything the client sends, without pausing: used while the
     * connection is being ended, so that the Notice of Disconnection is not lost to a TCP reset
     * caused by unread input.
     */
    public void discardInput() {
        failed = true;
        paused = 0;
        releaseCumulation();
        ctx.channel().config().setAutoRead(true);
    }

    private void releaseCumulation() {
        if (cumulation != null) {
            cumulation.release();
            cumulation = null;
        }
    }
}
