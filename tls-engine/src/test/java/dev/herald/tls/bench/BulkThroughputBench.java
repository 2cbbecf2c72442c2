package dev.herald.tls.bench;

import dev.herald.tls.ClientAuthMode;
import dev.herald.tls.ServerCredential;
import dev.herald.tls.TlsException;
import dev.herald.tls.TlsServerConfig;
import dev.herald.tls.TlsServerConnection;
import dev.herald.tls.TlsServerContext;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;

import java.util.List;
import java.util.Locale;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * Bulk throughput of the server side of one TLS connection, in memory: Herald's
 * {@link TlsServerConnection} and the JDK's server {@link SSLEngine}, each connected to a JDK
 * client {@code SSLEngine}, same certificates ({@link BenchPki}), full 16 KiB records.
 *
 * <ul>
 *   <li>{@code send}: the server encrypts 16 KiB of application data into one record and hands
 *       the record out (Herald: {@code writePlaintext} + {@code pollTls}, the calls its Netty
 *       handler makes; JDK: {@code wrap} into a reused buffer). The records are dropped.
 *   <li>{@code receive}: the client encrypts a batch of 64 records (not measured); the server
 *       takes them in and hands the plaintext out into a buffer the reader reuses (Herald:
 *       {@code readTls} + {@code processNewPackets} + {@code readPlaintext}, as its Netty handler
 *       does into a pooled buffer; JDK: {@code unwrap}).
 *   <li>{@code receive-direct}: the same with the records in a direct buffer, which is how
 *       Netty's NIO transport hands received bytes to a handler.
 * </ul>
 *
 * Only the server's calls are timed, with the benchmark thread's CPU time
 * ({@link ThreadMXBean#getCurrentThreadCpuTime()}), so a busy machine stretches the wall clock
 * but not the figure. MB = 10^6 bytes of application data.
 *
 * <pre>
 * java -cp CP dev.herald.tls.bench.BulkThroughputBench [--dir DIR] [--rounds 5] [--warmup 3]
 *     [--seconds 2] [--impls herald,jdk] [--suites TLS_AES_128_GCM_SHA256,TLS_CHACHA20_POLY1305_SHA256]
 *     [--directions send,receive,receive-direct]
 * </pre>
 */
public final class BulkThroughputBench {
    static final int RECORD = 16384;
    static final int BATCH = 64;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** The measured side of a connection. */
    interface Server {
        /** Encrypts one 16 KiB record of {@code data}; returns the ciphertext bytes produced. */
        int send(byte[] data) throws Exception;

        /** Takes every record in {@code net} and reads out the plaintext; returns its byte count. */
        int receive(ByteBuffer net) throws Exception;
    }

    private Path dir = Path.of("target/tls-bench");
    private int rounds = 5;
    private double warmupSeconds = 3;
    private double seconds = 2;
    private List<String> impls = List.of("herald", "jdk");
    private List<String> suites = List.of("TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256");
    private List<String> directions = List.of("send", "receive", "receive-direct");
    private List<X509Certificate> chain;
    private PrivateKey key;
    private List<X509Certificate> ca;

    public static void main(String[] args) throws Exception {
        BulkThroughputBench b = new BulkThroughputBench();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dir" -> b.dir = Path.of(args[++i]);
                case "--rounds" -> b.rounds = Integer.parseInt(args[++i]);
                case "--warmup" -> b.warmupSeconds = Double.parseDouble(args[++i]);
                case "--seconds" -> b.seconds = Double.parseDouble(args[++i]);
                case "--impls" -> b.impls = List.of(args[++i].split(","));
                case "--suites" -> b.suites = List.of(args[++i].split(","));
                case "--directions" -> b.directions = List.of(args[++i].split(","));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        b.run();
    }

    private void run() throws Exception {
        BenchPki.ensure(dir);
        chain = BenchPki.certificates(dir.resolve(BenchPki.SERVER_CERT));
        key = BenchPki.privateKey(dir.resolve(BenchPki.SERVER_KEY));
        ca = BenchPki.certificates(dir.resolve(BenchPki.CA));
        System.out.println("# java=" + System.getProperty("java.vm.version") + " nproc="
                + Runtime.getRuntime().availableProcessors() + " load=" + HandshakeBench.loadAverage());
        System.out.println("round impl suite direction MB_per_cpu_s MB_per_wall_s");
        List<String[]> results = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            for (String suite : suites) {
                for (int k = 0; k < impls.size(); k++) {
                    String impl = impls.get((k + round - 1) % impls.size());
                    for (String direction : directions) {
                        double[] r = measure(impl, suite, direction);
                        String line = String.format(Locale.ROOT, "%d %s %s %s %.0f %.0f", round, impl, suite, direction,
                                r[0], r[1]);
                        System.out.println(line);
                        results.add(line.split(" "));
                    }
                }
            }
        }
        StringBuilder sb = new StringBuilder("\n| suite | direction | " + String.join(" MB/s | ", impls)
                + " MB/s | ratio " + impls.get(0) + "/" + (impls.size() > 1 ? impls.get(1) : impls.get(0)) + " |\n|---|---|");
        sb.append("---|".repeat(impls.size() + 1)).append('\n');
        for (String suite : suites) {
            for (String direction : directions) {
                sb.append("| ").append(suite).append(" | ").append(direction).append(" | ");
                double[] medians = new double[impls.size()];
                for (int i = 0; i < impls.size(); i++) {
                    String impl = impls.get(i);
                    double[] v = results.stream().filter(r -> r[1].equals(impl) && r[2].equals(suite) && r[3].equals(direction))
                            .mapToDouble(r -> Double.parseDouble(r[4])).sorted().toArray();
                    medians[i] = HandshakeBench.median(v);
                    sb.append(String.format(Locale.ROOT, "%.0f (%.0f–%.0f) | ", medians[i], v[0], v[v.length - 1]));
                }
                sb.append(String.format(Locale.ROOT, "%.2f |\n", medians.length > 1 ? medians[0] / medians[1] : 1.0));
            }
        }
        System.out.println(sb);
        java.nio.file.Files.writeString(dir.resolve("throughput-summary.md"), sb.toString());
    }

    /** [MB per CPU second, MB per wall second] after a warm-up on a fresh connection. */
    private double[] measure(String impl, String suite, String direction) throws Exception {
        SSLEngine client = clientEngine(suite);
        Server server = impl.equals("herald") ? herald(client) : jdk(client);
        byte[] data = new byte[RECORD];
        new java.util.Random(1).nextBytes(data);
        boolean send = direction.equals("send");
        ByteBuffer batch = direction.equals("receive-direct") ? ByteBuffer.allocateDirect(BATCH * (RECORD + 1024))
                : ByteBuffer.allocate(BATCH * (RECORD + 1024));
        run(server, client, data, send, batch, warmupSeconds);
        return run(server, client, data, send, batch, seconds);
    }

    private static double[] run(Server server, SSLEngine client, byte[] data, boolean send, ByteBuffer batch,
            double seconds) throws Exception {
        long cpuBudget = (long) (seconds * 1e9);
        long cpu = 0;
        long wall = 0;
        long bytes = 0;
        while (cpu < cpuBudget) {
            if (!send) {
                batch.clear();
                for (int i = 0; i < BATCH; i++) {
                    ByteBuffer src = ByteBuffer.wrap(data);
                    while (src.hasRemaining()) {
                        check(client.wrap(src, batch));
                    }
                }
                batch.flip();
            }
            long w0 = System.nanoTime();
            long c0 = THREADS.getCurrentThreadCpuTime();
            if (send) {
                for (int i = 0; i < BATCH; i++) {
                    server.send(data);
                }
                bytes += (long) BATCH * data.length;
            } else {
                bytes += server.receive(batch);
            }
            cpu += THREADS.getCurrentThreadCpuTime() - c0;
            wall += System.nanoTime() - w0;
        }
        return new double[] {bytes / (cpu / 1e9) / 1e6, bytes / (wall / 1e9) / 1e6};
    }

    private static void check(SSLEngineResult r) throws SSLException {
        if (r.getStatus() != SSLEngineResult.Status.OK) {
            throw new SSLException("engine: " + r);
        }
    }

    // ------------------------------------------------------------------ engines

    private SSLEngine clientEngine(String suite) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca.get(0));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        SSLEngine e = ctx.createSSLEngine("localhost", 636);
        e.setUseClientMode(true);
        e.setEnabledProtocols(new String[] {suite.startsWith("TLS_ECDHE") ? "TLSv1.2" : "TLSv1.3"});
        e.setEnabledCipherSuites(new String[] {suite});
        return e;
    }

    private Server herald(SSLEngine client) throws Exception {
        TlsServerContext context = TlsServerContext.create(TlsServerConfig.builder()
                .credential(ServerCredential.of(chain, key))
                .trustAnchors(ca)
                .clientAuth(ClientAuthMode.NEVER)
                .build());
        TlsServerConnection conn = context.newConnection();
        ByteBuffer app = ByteBuffer.allocate(1 << 17); // the engine buffers at most this much plaintext
        Pump.handshake(client, new Pump.Side() {
            @Override
            public void in(ByteBuffer net) throws Exception {
                while (net.hasRemaining()) {
                    conn.readTls(net);
                    conn.processNewPackets();
                }
            }

            @Override
            public void out(ByteBuffer net) {
                conn.writeTls(net);
            }

            @Override
            public boolean done() {
                return conn.session().isPresent();
            }
        });
        return new Server() {
            @Override
            public int send(byte[] data) {
                conn.writePlaintext(data, 0, data.length);
                int n = 0;
                byte[] rec;
                while ((rec = conn.pollTls()) != null) {
                    n += rec.length;
                }
                return n;
            }

            @Override
            public int receive(ByteBuffer net) throws TlsException {
                int n = 0;
                while (net.hasRemaining()) {
                    conn.readTls(net);
                    conn.processNewPackets();
                    app.clear();
                    n += conn.readPlaintext(app);
                }
                return n;
            }
        };
    }

    private Server jdk(SSLEngine client) throws Exception {
        char[] pw = "bench".toCharArray();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", key, pw, chain.toArray(new X509Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pw);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        SSLEngine server = ctx.createSSLEngine();
        server.setUseClientMode(false);
        int packet = server.getSession().getPacketBufferSize();
        ByteBuffer out = ByteBuffer.allocate(packet);
        ByteBuffer app = ByteBuffer.allocate(server.getSession().getApplicationBufferSize());
        Pump.handshake(client, Pump.engineSide(server));
        return new Server() {
            @Override
            public int send(byte[] data) throws SSLException {
                out.clear();
                ByteBuffer src = ByteBuffer.wrap(data);
                int n = 0;
                while (src.hasRemaining()) {
                    SSLEngineResult r = server.wrap(src, out);
                    check(r);
                    n += r.bytesProduced();
                    out.clear();
                }
                return n;
            }

            @Override
            public int receive(ByteBuffer net) throws SSLException {
                int n = 0;
                while (net.hasRemaining()) {
                    app.clear();
                    SSLEngineResult r = server.unwrap(net, app);
                    check(r);
                    n += r.bytesProduced();
                }
                return n;
            }
        };
    }

    /** In-memory handshake between a JDK client engine and any server side. */
    static final class Pump {
        interface Side {
            void in(ByteBuffer net) throws Exception;

            void out(ByteBuffer net) throws Exception;

            boolean done();
        }

        static Side engineSide(SSLEngine e) {
            ByteBuffer app = ByteBuffer.allocate(1 << 17);
            return new Side() {
                @Override
                public void in(ByteBuffer net) throws Exception {
                    while (net.hasRemaining()) {
                        SSLEngineResult r = e.unwrap(net, app);
                        tasks(e);
                        app.clear();
                        if (r.getStatus() != SSLEngineResult.Status.OK || r.bytesConsumed() == 0) {
                            break;
                        }
                    }
                }

                @Override
                public void out(ByteBuffer net) throws Exception {
                    while (true) {
                        SSLEngineResult r = e.wrap(ByteBuffer.allocate(0), net);
                        tasks(e);
                        if (r.bytesProduced() == 0) {
                            break;
                        }
                    }
                }

                @Override
                public boolean done() {
                    return e.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING;
                }
            };
        }

        static void handshake(SSLEngine client, Side server) throws Exception {
            Side c = engineSide(client);
            client.beginHandshake();
            // Bytes one side has not taken yet stay in its inbound buffer for the next round.
            ByteBuffer toServer = ByteBuffer.allocate(1 << 17);
            ByteBuffer toClient = ByteBuffer.allocate(1 << 17);
            for (int i = 0; i < 100; i++) {
                c.out(toServer);
                toServer.flip();
                server.in(toServer);
                toServer.compact();
                server.out(toClient);
                toClient.flip();
                c.in(toClient);
                toClient.compact();
                if (c.done() && server.done() && toServer.position() == 0 && toClient.position() == 0) {
                    return;
                }
            }
            throw new IllegalStateException("handshake did not complete");
        }

        private static void tasks(SSLEngine e) {
            Runnable t;
            while ((t = e.getDelegatedTask()) != null) {
                t.run();
            }
        }
    }

}
