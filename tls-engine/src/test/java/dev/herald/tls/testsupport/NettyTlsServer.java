package dev.herald.tls.testsupport;

import dev.herald.tls.TlsServerContext;
import dev.herald.tls.netty.TlsHandshakeEvent;
import dev.herald.tls.netty.TlsServerHandler;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A loopback TLS echo server on a free port: our handler first in the pipeline (as for
 * LDAPS), then a handler that records the handshake event and echoes each read back as
 * {@code "echo:" + data}. Close it in a finally / try-with-resources.
 */
public final class NettyTlsServer implements AutoCloseable {
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel serverChannel;
    /** Handshake events, in the order the connections produced them. */
    public final BlockingQueue<TlsHandshakeEvent> events = new LinkedBlockingQueue<>();

    public NettyTlsServer(TlsServerContext context) throws InterruptedException {
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast("tls", new TlsServerHandler(context));
                        ch.pipeline().addLast("echo", new ChannelInboundHandlerAdapter() {
                            @Override
                            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                                if (evt instanceof TlsHandshakeEvent e) {
                                    events.add(e);
                                }
                            }

                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                ByteBuf in = (ByteBuf) msg;
                                ByteBuf out = ctx.alloc().buffer();
                                out.writeCharSequence("echo:", java.nio.charset.StandardCharsets.US_ASCII);
                                out.writeBytes(in);
                                in.release();
                                ctx.writeAndFlush(out);
                            }

                            @Override
                            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                ctx.close();
                            }
                        });
                    }
                });
        serverChannel = b.bind("127.0.0.1", 0).sync().channel();
    }

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    public TlsHandshakeEvent nextEvent() throws InterruptedException {
        TlsHandshakeEvent e = events.poll(20, TimeUnit.SECONDS);
        if (e == null) {
            throw new AssertionError("no handshake event within 20 s");
        }
        return e;
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
