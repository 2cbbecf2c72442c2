package dev.herald.tls.bench;

import dev.herald.tls.testsupport.TestPki;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Load for the "many different clients" handshake scenario of {@link HandshakeBench}: JDK TLS
 * clients ({@link SSLSocket}) that present a different client certificate in every handshake,
 * cycling through {@code --certs} certificates issued by the bench CA (default 2000: more than
 * the JDK's certificate factory keeps, so a Java server cannot answer from that cache; OpenSSL
 * keeps no such cache). {@code openssl s_time} can present only one certificate per process.
 *
 * <p>Each of {@code --threads} threads connects, completes a handshake and closes, in a loop, for
 * {@code --seconds}. Output: {@code DONE handshakes=<n> seconds=<s> cpuMs=<client process CPU>}.
 */
public final class DistinctCertClient {
    public static void main(String[] args) throws Exception {
        int port = 0;
        Path dir = Path.of("target/tls-bench");
        int certs = 2000;
        int threads = 2;
        double seconds = 10;
        String protocol = "TLSv1.3";
        String suite = "TLS_AES_128_GCM_SHA256";
        boolean bc = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--dir" -> dir = Path.of(args[++i]);
                case "--certs" -> certs = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                case "--protocol" -> protocol = args[++i];
                case "--suite" -> suite = args[++i];
                case "--bc" -> bc = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        // Keys are loaded before Bouncy Castle's provider goes in: JSSE offers a client
        // certificate only when the key's algorithm name is "EC" (BC's keys say "ECDSA").
        List<TestPki.Issued> clients = BenchPki.manyClients(dir, certs);
        if (bc) {
            // The load generator's own crypto only (JSSE then signs, verifies and agrees with
            // Bouncy Castle's provider): more handshakes per second of client CPU.
            java.security.Security.insertProviderAt(new org.bouncycastle.jce.provider.BouncyCastleProvider(), 1);
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", BenchPki.certificates(dir.resolve(BenchPki.CA)).get(0));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(new javax.net.ssl.KeyManager[] {new Rotating(clients)}, tmf.getTrustManagers(), null);

        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        int p = port;
        String[] protocols = {protocol};
        String[] suites = {suite};
        long t0 = System.nanoTime();
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(() -> {
                while (System.nanoTime() < deadline) {
                    try (Socket raw = new Socket()) {
                        raw.setTcpNoDelay(true);
                        raw.connect(new InetSocketAddress("127.0.0.1", p));
                        SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(raw, "localhost", p, true);
                        s.setEnabledProtocols(protocols);
                        s.setEnabledCipherSuites(suites);
                        s.startHandshake();
                        s.close();
                        done.incrementAndGet();
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
            });
            th.start();
            ts.add(th);
        }
        for (Thread th : ts) {
            th.join();
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        System.out.println("DONE handshakes=" + done.get() + " failed=" + failed.get() + " seconds=" + elapsed
                + " cpuMs=" + os.getProcessCpuTime() / 1_000_000);
    }

    /** Presents the next certificate of the pool in every handshake. */
    private static final class Rotating extends X509ExtendedKeyManager {
        private final List<TestPki.Issued> pool;
        private final AtomicInteger next = new AtomicInteger();
        private final ThreadLocal<TestPki.Issued> current = new ThreadLocal<>();

        Rotating(List<TestPki.Issued> pool) {
            this.pool = pool;
        }

        private String pick() {
            TestPki.Issued c = pool.get(Math.floorMod(next.getAndIncrement(), pool.size()));
            current.set(c);
            return "client";
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return pick();
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return pick();
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return current.get().chain().toArray(new X509Certificate[0]);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return current.get().privateKey();
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {"client"};
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }
    }
}
