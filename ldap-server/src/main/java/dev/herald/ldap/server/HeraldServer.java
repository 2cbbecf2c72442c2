package dev.herald.ldap.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.apache.directory.api.ldap.model.message.ResultCodeEnum;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.herald.ldap.codec.LdapCodec;
import dev.herald.ldap.codec.NoticeOfDisconnection;
import dev.herald.ldap.directory.DirectoryService;
import dev.herald.ldap.log.AccessLog;
import dev.herald.ldap.net.ConnectionGuard;
import dev.herald.ldap.net.LdapFrameDecoder;
import dev.herald.ldap.net.Transport;
import dev.herald.ldap.ops.RequestDispatcher;
import dev.herald.ldap.ops.RootDse;
import dev.herald.ldap.ops.ServerContext;
import dev.herald.ldap.ops.WorkerPool;
import dev.herald.ldap.ops.extended.ExtendedOperationHandler;
import dev.herald.ldap.ops.extended.ExtendedOperationRegistry;
import dev.herald.ldap.ops.extended.WhoAmIHandler;
import dev.herald.ldap.ops.sasl.SaslMechanismHandler;
import dev.herald.ldap.ops.sasl.SaslMechanismRegistry;
import dev.herald.ldap.settings.Limits;
import dev.herald.ldap.settings.Listener;
import dev.herald.ldap.settings.ServerSettings;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.GlobalEventExecutor;

/**
 * The LDAP server: Netty listeners (epoll when available) whose connections run through the
 * connection guard, an idle timer, [TLS on LDAPS listeners], the PDU framer and the request
 * dispatcher, with operations on a bounded worker pool against one {@link DirectoryService}.
 *
 * <p>Built with {@link #builder}; the builder is where later work plugs in extended operations
 * (StartTLS), SASL mechanisms (EXTERNAL) and the TLS handler for LDAPS listeners.
 */
public final class HeraldServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HeraldServer.class);

    private final ServerContext context;
    private final Function<Listener, ChannelHandler> tlsHandlerFactory;
    private final Transport transport = Transport.best();
    private final AtomicLong connectionIds = new AtomicLong();
    private final ChannelGroup channels = new DefaultChannelGroup("herald", GlobalEventExecutor.INSTANCE);
    private final List<InetSocketAddress> bound = new ArrayList<>();
    private final ConnectionGuard guard;
    private WorkerPool workers;
    private EventLoopGroup acceptors;
    private EventLoopGroup ioGroup;

    private HeraldServer(ServerContext context, Function<Listener, ChannelHandler> tlsHandlerFactory) {
        this.context = context;
        this.tlsHandlerFactory = tlsHandlerFactory;
        byte[] refusal = NoticeOfDisconnection.encode(context.codec(), ResultCodeEnum.UNAVAILABLE, "too many connections");
        this.guard = new ConnectionGuard(context.settings().limits().maxConnections(), refusal);
    }

    public static Builder builder(ServerSettings settings, DirectoryService directory) {
        return new Builder(settings, directory);
    }

    /** What the connections share (settings, directory, codec, registries, access log). */
    public ServerContext context() {
        return context;
    }

    /**
     * Opens every listener; fails if one cannot bind (the others are closed again), e.g. with
     * an IOException for an address already in use.
     */
    public synchronized void start() throws IOException, InterruptedException {
        if (acceptors != null) {
            throw new IllegalStateException("already started");
        }
        Limits limits = context.settings().limits();
        workers = new WorkerPool(limits.workerThreads(), limits.workerQueue());
        acceptors = transport.newGroup(1, "herald-accept");
        ioGroup = transport.newGroup(0, "herald-io");
        try {
            for (Listener l : context.settings().listeners()) {
                if (l.protocol() == Listener.Protocol.LDAPS && tlsHandlerFactory == null) {
                    throw new IllegalStateException("listener " + l.host() + ":" + l.port()
                            + " is LDAPS but this server has no TLS handler");
                }
                ServerBootstrap b = new ServerBootstrap()
                        .group(acceptors, ioGroup)
                        .channel(transport.serverChannel())
                        .option(ChannelOption.SO_BACKLOG, 1024)
                        .option(ChannelOption.SO_REUSEADDR, true)
                        .childOption(ChannelOption.TCP_NODELAY, true)
                        .childOption(ChannelOption.SO_KEEPALIVE, true)
                        .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
                        .childHandler(initializer(l));
                Channel ch = b.bind(l.host(), l.port()).sync().channel();
                channels.add(ch);
                bound.add((InetSocketAddress) ch.localAddress());
                LOG.info("listening on {}://{}:{} ({})", l.protocol().name().toLowerCase(java.util.Locale.ROOT),
                        l.host(), ((InetSocketAddress) ch.localAddress()).getPort(), transport.name());
            }
        } catch (Exception e) {
            // Netty's sync() rethrows bind failures (checked IOExceptions) undeclared.
            close();
            if (e instanceof InterruptedException ie) {
                throw ie;
            }
            if (e instanceof IOException io) {
                throw io;
            }
            if (e instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(e);
        }
    }

    private ChannelInitializer<SocketChannel> initializer(Listener listener) {
        Limits limits = context.settings().limits();
        Duration idle = limits.idleTimeout();
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                channels.add(ch);
                ch.pipeline().addLast("guard", guard);
                if (!idle.isZero()) {
                    ch.pipeline().addLast("idle", new IdleStateHandler(0, 0, idle.toMillis(), TimeUnit.MILLISECONDS));
                }
                if (listener.protocol() == Listener.Protocol.LDAPS) {
                    ch.pipeline().addLast("tls", tlsHandlerFactory.apply(listener));
                }
                RequestDispatcher[] dispatcher = new RequestDispatcher[1];
                LdapFrameDecoder framer = new LdapFrameDecoder(() -> dispatcher[0].session().maxPduSize(),
                        limits.maxBerDepth());
                dispatcher[0] = new RequestDispatcher(context, workers, connectionIds, framer);
                ch.pipeline().addLast("framer", framer);
                ch.pipeline().addLast("dispatcher", dispatcher[0]);
            }
        };
    }

    /** The addresses the listeners are bound to, in the order of the settings (real ports for port 0). */
    public synchronized List<InetSocketAddress> boundAddresses() {
        return List.copyOf(bound);
    }

    /** The port of the first listener. */
    public int port() {
        return boundAddresses().get(0).getPort();
    }

    /** Connections currently open. */
    public int openConnections() {
        return guard.openConnections();
    }

    /**
     * Stops: closes the listeners, sends open connections a Notice of Disconnection
     * (unavailable) and closes them, then stops the threads.
     */
    @Override
    public synchronized void close() {
        byte[] notice = NoticeOfDisconnection.encode(context.codec(), ResultCodeEnum.UNAVAILABLE, "server shutting down");
        for (Channel ch : channels) {
            if (ch instanceof SocketChannel && ch.isActive()) {
                ch.writeAndFlush(ch.alloc().buffer(notice.length).writeBytes(notice)).addListener(ChannelFutureListener.CLOSE);
            } else {
                ch.close();
            }
        }
        channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        if (acceptors != null) {
            acceptors.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        if (ioGroup != null) {
            ioGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        if (workers != null) {
            workers.close();
        }
        acceptors = null;
        ioGroup = null;
        workers = null;
        bound.clear();
    }

    /**
     * Assembles a server. WhoAmI is always registered; other extended operations and SASL
     * mechanisms are added here.
     */
    public static final class Builder {
        private final ServerSettings settings;
        private final DirectoryService directory;
        private final List<ExtendedOperationHandler> extended = new ArrayList<>(List.of(new WhoAmIHandler()));
        private final List<SaslMechanismHandler> sasl = new ArrayList<>();
        private Function<Listener, ChannelHandler> tlsHandlerFactory;

        private Builder(ServerSettings settings, DirectoryService directory) {
            this.settings = settings;
            this.directory = directory;
        }

        /** Adds an extended operation (e.g. StartTLS). */
        public Builder extendedOperation(ExtendedOperationHandler handler) {
            extended.add(handler);
            return this;
        }

        /** Adds a SASL mechanism (e.g. EXTERNAL). */
        public Builder saslMechanism(SaslMechanismHandler handler) {
            sasl.add(handler);
            return this;
        }

        /** Supplies a new TLS handler for each connection of an LDAPS listener. */
        public Builder tlsHandlerFactory(Function<Listener, ChannelHandler> factory) {
            this.tlsHandlerFactory = factory;
            return this;
        }

        public HeraldServer build() {
            ExtendedOperationRegistry ext = ExtendedOperationRegistry.of(extended);
            SaslMechanismRegistry mechanisms = SaslMechanismRegistry.of(sasl);
            LdapCodec codec = new LdapCodec(directory.schema());
            RootDse rootDse = new RootDse(directory.schema(), directory.suffix(), ext, mechanisms);
            ServerContext ctx = new ServerContext(settings, directory, codec, ext, mechanisms, rootDse, new AccessLog());
            return new HeraldServer(ctx, tlsHandlerFactory);
        }
    }
}
