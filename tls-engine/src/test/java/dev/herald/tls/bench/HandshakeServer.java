package dev.herald.tls.bench;

import ch.qos.logback.classic.Level;
import dev.herald.tls.ClientAuthMode;
import dev.herald.tls.ServerCredential;
import dev.herald.tls.TlsServerConfig;
import dev.herald.tls.TlsServerContext;
import dev.herald.tls.netty.TlsHandshakeEvent;
import dev.herald.tls.netty.TlsServerHandler;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.ReferenceCountUtil;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManagerFactory;
import org.slf4j.LoggerFactory;

/**
 * A TLS server process for the handshake benchmark ({@link HandshakeBench}): Netty on one NIO
 * event-loop thread (accept and I/O on the same thread, like {@code openssl s_server}), with
 * either Herald's {@link TlsServerHandler} ({@code --impl herald}) or Netty's {@link SslHandler}
 * around the JDK's own {@code SSLEngine} ({@code --impl jdk}) first in the pipeline, and a
 * handler that counts completed handshakes and discards application data. Both load the
 * certificates of {@link BenchPki} from {@code --dir}, accept TLS 1.3 and 1.2, and request a
 * client certificate without requiring one (Herald mode {@code try}, JDK
 * {@code setWantClientAuth}), verifying it against the bench CA.
 *
 * <p>Protocol on standard input / output (for the orchestrator): the server prints
 * {@code PORT <n>} once it listens; each {@code stats} line read from stdin is answered with
 * {@code STATS handshakes=<n> verified=<n> failures=<n> loopCpuNs=<n> processCpuNs=<n>}
 * (the event-loop thread's CPU time from {@link ThreadMXBean}, the process's from the OS bean);
 * {@code quit} or end of input stops the server.
 */
public final class HandshakeServer {
    private final AtomicLong handshakes = new AtomicLong();
    private final AtomicLong verified = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    public static void main(String[] args) throws Exception {
        String impl = null;
        Path dir = null;
        int port = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--impl" -> impl = args[++i];
                case "--dir" -> dir = Path.of(args[++i]);
                case "--port" -> port = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (impl == null || dir == null) {
            throw new IllegalArgumentException("usage: --impl herald|jdk --dir PKI_DIR [--port N]");
        }
        // The per-handshake INFO line is product behaviour, but the peers log nothing; compare engines.
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        new HandshakeServer().run(impl, dir, port);
    }

    private void run(String impl, Path dir, int port) throws Exception {
        List<X509Certificate> chain = BenchPki.certificates(dir.resolve(BenchPki.SERVER_CERT));
        PrivateKey key = BenchPki.privateKey(dir.resolve(BenchPki.SERVER_KEY));
        List<X509Certificate> ca = BenchPki.certificates(dir.resolve(BenchPki.CA));
        ChannelHandlerFactory tls = switch (impl) {
            case "herald" -> herald(chain, key, ca);
            case "jdk" -> jdk(chain, key, ca);
            default -> throw new IllegalArgumentException("--impl must be herald or jdk");
        };
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            Channel server = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast("tls", tls.create(ch));
                            ch.pipeline().addLast("count", new Counter());
                        }
                    })
                    .bind("127.0.0.1", port).sync().channel();
            long loopThread = group.submit(() -> Thread.currentThread().getId()).get();
            System.out.println("PORT " + ((InetSocketAddress) server.localAddress()).getPort());
            System.out.flush();
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
            String line;
            while ((line = in.readLine()) != null && !line.equals("quit")) {
                if (line.equals("stats")) {
                    System.out.println("STATS handshakes=" + handshakes.get() + " verified=" + verified.get()
                            + " failures=" + failures.get() + " loopCpuNs=" + threads.getThreadCpuTime(loopThread)
                            + " processCpuNs=" + os.getProcessCpuTime());
                    System.out.flush();
                }
            }
            server.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).sync();
        }
    }

    /** Makes the TLS handler for a new connection. */
    private interface ChannelHandlerFactory {
        ChannelHandler create(SocketChannel ch);
    }

    private static ChannelHandlerFactory herald(List<X509Certificate> chain, PrivateKey key, List<X509Certificate> ca) {
        TlsServerContext context = TlsServerContext.create(TlsServerConfig.builder()
                .credential(ServerCredential.of(chain, key))
                .trustAnchors(ca)
                .clientAuth(ClientAuthMode.TRY)
                .build());
        return ch -> new TlsServerHandler(context);
    }

    private static ChannelHandlerFactory jdk(List<X509Certificate> chain, PrivateKey key, List<X509Certificate> ca)
            throws Exception {
        char[] pw = "bench".toCharArray();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", key, pw, chain.toArray(new X509Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pw);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        for (int i = 0; i < ca.size(); i++) {
            trust.setCertificateEntry("ca" + i, ca.get(i));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SslContext ctx = SslContextBuilder.forServer(kmf)
                .trustManager(tmf)
                .sslProvider(SslProvider.JDK)
                .protocols("TLSv1.3", "TLSv1.2")
                .clientAuth(ClientAuth.OPTIONAL)
                .build();
        return ch -> ctx.newHandler(ch.alloc());
    }

    /** Counts handshakes (and verified client certificates) and discards application data. */
    private final class Counter extends ChannelInboundHandlerAdapter {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof TlsHandshakeEvent e) {
                if (e.isSuccess()) {
                    handshakes.incrementAndGet();
                    if (e.session().orElseThrow().certificateVerified()) {
                        verified.incrementAndGet();
                    }
                } else {
                    failures.incrementAndGet();
                }
            } else if (evt instanceof SslHandshakeCompletionEvent e) {
                if (e.isSuccess()) {
                    handshakes.incrementAndGet();
                    try {
                        ctx.pipeline().get(SslHandler.class).engine().getSession().getPeerCertificates();
                        verified.incrementAndGet();
                    } catch (SSLPeerUnverifiedException none) {
                        // anonymous client
                    }
                } else {
                    failures.incrementAndGet();
                }
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // e.g. a client that closed right after its Finished; counted above if it failed
        }
    }
}
