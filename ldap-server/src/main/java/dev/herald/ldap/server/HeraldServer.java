package dev.herald.ldap.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

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
import dev.herald.ldap.ops.extended.PasswordModifyHandler;
import dev.herald.ldap.ops.extended.WhoAmIHandler;
import dev.herald.ldap.ops.sasl.SaslMechanismHandler;
import dev.herald.ldap.ops.sasl.SaslMechanismRegistry;
import dev.herald.ldap.settings.Limits;
import dev.herald.ldap.settings.Listener;
import dev.herald.ldap.settings.ServerSettings;
import dev.herald.ldap.tls.StartTlsHandler;
import dev.herald.ldap.tls.TlsSessionBinder;
import dev.herald.tls.TlsServerContext;
import dev.herald.tls.netty.TlsServerHandler;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
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
 * connection guard, an idle timer, [the TLS handler and its session binder on LDAPS
 * listeners, or inserted by StartTLS], the PDU framer and the request dispatcher, with
 * operations on a bounded worker pool against one {@link DirectoryService}.
 *
 * <p>Built with {@link #builder}; the builder takes the TLS configuration (for StartTLS and
 * LDAPS), SASL mechanisms (EXTERNAL) and further extended operations.
 */
public final class HeraldServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HeraldServer.class);

    private final ServerContext context;
    private final Optional<TlsServerContext> tls;
    private final Transport transport = Transport.best();
    private final AtomicLong connectionIds = new AtomicLong();
    private final ChannelGroup channels = new DefaultChannelGroup("herald", GlobalEventExecutor.INSTANCE);
    private final List<InetSocketAddress> bound = new ArrayList<>();
    private final ConnectionGuard guard;
    private WorkerPool workers;
    private EventLoopGroup acceptors;
    private EventLoopGroup ioGroup;

    private HeraldServer(ServerContext context, Optional<TlsServerContext> tls) {
        this.context = context;
        this.tls = tls;
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
     * Opens every listener; fails if one cannot bind (the others are closed again), with a
     * {@link ListenerBindException} naming it, e.g. for an address already in use.
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
            List<Listener> listeners = context.settings().listeners();
            for (int i = 0; i < listeners.size(); i++) {
                Listener l = listeners.get(i);
                if (l.protocol() == Listener.Protocol.LDAPS && tls.isEmpty()) {
                    throw new IllegalStateException("listener " + l.host() + ":" + l.port()
                            + " is LDAPS but this server has no TLS configuration");
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
                Channel ch;
                try {
                    ch = b.bind(l.host(), l.port()).sync().channel();
                } catch (Exception e) {
                    // Netty's sync() rethrows bind failures (checked IOExceptions) undeclared.
                    if (e instanceof InterruptedException ie) {
                        throw ie;
                    }
                    throw new ListenerBindException(l, i, e);
                }
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
                    ch.pipeline().addLast("tls", new TlsServerHandler(tls.orElseThrow()));
                    ch.pipeline().addLast(TlsSessionBinder.NAME, new TlsSessionBinder(context.accessLog(), null));
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
     * Assembles a server. WhoAmI, Password Modify and StartTLS are always registered (StartTLS
     * answers unavailable without a TLS configuration); other extended operations and SASL
     * mechanisms are added here.
     */
    public static final class Builder {
        private final ServerSettings settings;
        private final DirectoryService directory;
        private final List<ExtendedOperationHandler> extended =
                new ArrayList<>(List.of(new WhoAmIHandler(), new PasswordModifyHandler()));
        private final List<SaslMechanismHandler> sasl = new ArrayList<>();
        private TlsServerContext tls;
        private AccessLog accessLog = new AccessLog();

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

        /** The TLS engine configuration for StartTLS and the LDAPS listeners. */
        public Builder tls(TlsServerContext context) {
            this.tls = context;
            return this;
        }

        /** Where the access log lines go (the default logs to {@code herald.access}). */
        public Builder accessLog(AccessLog log) {
            this.accessLog = log;
            return this;
        }

        public HeraldServer build() {
            List<ExtendedOperationHandler> all = new ArrayList<>(extended);
            all.add(new StartTlsHandler(Optional.ofNullable(tls)));
            ExtendedOperationRegistry ext = ExtendedOperationRegistry.of(all);
            SaslMechanismRegistry mechanisms = SaslMechanismRegistry.of(sasl);
            LdapCodec codec = new LdapCodec(directory.schema());
            RootDse rootDse = new RootDse(directory.schema(), directory.suffix(), ext, mechanisms);
            ServerContext ctx = new ServerContext(settings, directory, codec, ext, mechanisms, rootDse, accessLog);
            return new HeraldServer(ctx, Optional.ofNullable(tls));
        }
    }
}
