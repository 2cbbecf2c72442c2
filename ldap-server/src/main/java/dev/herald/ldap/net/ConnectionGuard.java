package dev.herald.ldap.net;

import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * The first handler of every connection, shared by all: counts open connections across the
 * listeners and turns away those over the limit with a Notice of Disconnection (unavailable,
 * RFC 4511 §4.4.1) before any byte of theirs is read.
 */
@ChannelHandler.Sharable
public final class ConnectionGuard extends ChannelInboundHandlerAdapter {

    private final int maxConnections;
    private final byte[] refusal;
    private final AtomicInteger open = new AtomicInteger();

    /**
     * @param refusal the encoded Notice of Disconnection sent to a connection over the limit
     */
    public ConnectionGuard(int maxConnections, byte[] refusal) {
        this.maxConnections = maxConnections;
        this.refusal = refusal.clone();
    }

    public int openConnections() {
        return open.get();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (open.incrementAndGet() > maxConnections) {
            ctx.channel().config().setAutoRead(false);
            ctx.writeAndFlush(ctx.alloc().buffer(refusal.length).writeBytes(refusal))
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        open.decrementAndGet();
        ctx.fireChannelInactive();
    }
}
