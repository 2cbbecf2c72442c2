package dev.herald.it.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

import dev.herald.config.pki.KeyMaterial;
import dev.herald.it.FixedKeyManager;

/**
 * The load generator of the end-to-end benchmark (docs/benchmarks.md): N client threads, each
 * with its own blocking connection, drive one LDAP server for a while, and the server's process
 * CPU time (utime + stime from /proc/PID/stat) is read before and after the measured interval.
 * The same generator, with the same settings, runs against Herald and against slapd.
 *
 * <p>Modes, each operation checked (result code 0, exactly one entry found):
 * <ul>
 *   <li>{@code starttls-connect}: per operation a new TCP connection, StartTLS, the TLS handshake
 *       with the client certificate, SASL EXTERNAL bind, one indexed search, unbind, close;</li>
 *   <li>{@code ldaps-connect}: the same over the LDAPS port (no StartTLS);</li>
 *   <li>{@code starttls-search}: per thread one connection, StartTLS + EXTERNAL once, then one
 *       search per operation;</li>
 *   <li>{@code plain-search}: per thread one clear-text anonymous connection, one search per
 *       operation;</li>
 *   <li>{@code and-search}: as plain-search with {@code (&(objectClass=inetOrgPerson)(uid=userN))}.</li>
 * </ul>
 * The search is {@code (uid=userN)} for a random N below {@code people} (or {@code (uid=alice)}
 * with {@code people=0}), subtree from the suffix, attributes cn and mail. TLS is the JDK's
 * client; every connection makes a full handshake (each session is invalidated, so none is
 * resumed).
 *
 * <p>{@link #main} arguments, {@code key=value}: targets ({@code name@port@ldapsPort@pid,...}),
 * modes (comma-separated), threads, warmup (s, per run), seconds (measured, per run), repeat
 * (rounds), initial-warmup (s, per mode and target before the first round), people, host, base,
 * pki (folder with ca.pem, alice.pem, alice.key). Prints a header and one tab-separated line per
 * run.
 */
public final class LdapLoad {

    /** A server under test: its LDAP and LDAPS ports and its process id (0: CPU not measured). */
    public record Target(String name, int port, int ldapsPort, long pid) {
        /** {@code name@port@ldapsPort@pid}. */
        static Target parse(String s) {
            String[] f = s.split("@");
            return new Target(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]), Long.parseLong(f[3]));
        }
    }

    private final String host;
    private final String base;
    private final int people;
    private final SSLSocketFactory tls;

    // per run
    private Target target;
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicReference<String> firstError = new AtomicReference<>();
    private final AtomicReference<String> negotiated = new AtomicReference<>("-");
    private volatile boolean stop;
    /** and-search: {@code (&(objectClass=inetOrgPerson)(uid=userN))} instead of {@code (uid=userN)}. */
    private volatile boolean andFilter;

    public LdapLoad(String host, String base, int people, Path pki) throws Exception {
        this.host = host;
        this.base = base;
        this.people = people;
        this.tls = pki == null ? null : context(pki).getSocketFactory();
    }

    /**
     * Runs the plan: an unmeasured warm-up of every mode on every target, then {@code repeat}
     * rounds of every mode on every target (the order of the targets alternating between
     * rounds), printing one line per run.
     */
    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new LinkedHashMap<>();
        for (String a : argv) {
            int eq = a.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("arguments are key=value: " + a);
            }
            args.put(a.substring(0, eq), a.substring(eq + 1));
        }
        List<Target> targets = new ArrayList<>();
        for (String t : args.get("targets").split(",")) {
            targets.add(Target.parse(t));
        }
        List<String> modes = List.of(args.getOrDefault("modes", "starttls-connect").split(","));
        int threads = Integer.parseInt(args.getOrDefault("threads", "8"));
        double warmup = Double.parseDouble(args.getOrDefault("warmup", "2"));
        double seconds = Double.parseDouble(args.getOrDefault("seconds", "10"));
        double initialWarmup = Double.parseDouble(args.getOrDefault("initial-warmup", "0"));
        int repeat = Integer.parseInt(args.getOrDefault("repeat", "1"));
        LdapLoad load = new LdapLoad(args.getOrDefault("host", "127.0.0.1"), args.getOrDefault("base", "dc=example,dc=com"),
                Integer.parseInt(args.getOrDefault("people", "0")), args.containsKey("pki") ? Path.of(args.get("pki")) : null);
        if (initialWarmup > 0) {
            for (Target t : targets) {
                for (String mode : modes) {
                    Result r = load.run(t, mode, threads, 0, initialWarmup);
                    System.err.println("warm-up " + r.line());
                }
            }
        }
        System.out.println(Result.HEADER);
        for (int round = 0; round < repeat; round++) {
            for (String mode : modes) {
                for (int i = 0; i < targets.size(); i++) {
                    Target t = targets.get(round % 2 == 0 ? i : targets.size() - 1 - i);
                    Result r = load.run(t, mode, threads, warmup, seconds);
                    System.out.println(r.line());
                    if (r.errors() > 0) {
                        System.err.println(t.name() + " " + mode + ": " + r.errors() + " errors, first: " + r.firstError());
                    }
                }
            }
        }
    }

    /** What one run measured. */
    public record Result(String label, String mode, int threads, double seconds, long operations, long errors,
            double serverCpuSeconds, double clientCpuSeconds, String negotiated, String firstError, String loadAverage) {
        static final String HEADER = "server\tmode\tthreads\tseconds\toperations\tops/s\tserver CPU s\tserver µs/op"
                + "\tserver CPU %\tclient CPU %\terrors\tnegotiated\tloadavg";

        public double rate() {
            return operations / seconds;
        }

        public double serverMicrosPerOp() {
            return operations == 0 ? Double.NaN : serverCpuSeconds * 1e6 / operations;
        }

        String line() {
            return String.format(Locale.ROOT, "%s\t%s\t%d\t%.1f\t%d\t%.0f\t%.2f\t%.0f\t%.0f\t%.0f\t%d\t%s\t%s", label, mode,
                    threads, seconds, operations, rate(), serverCpuSeconds, serverMicrosPerOp(),
                    100 * serverCpuSeconds / seconds, 100 * clientCpuSeconds / seconds, errors, negotiated, loadAverage);
        }
    }

    /** One run: {@code threads} clients in {@code mode} against {@code target}; measured after {@code warmup} s for {@code seconds} s. */
    public Result run(Target target, String mode, int threads, double warmup, double seconds) throws Exception {
        return run(target, mode, threads, warmup, seconds, 0);
    }

    /**
     * As {@link #run(Target, String, int, double, double)}, but the measured interval goes on past
     * {@code seconds} until {@code minOperations} operations are done or one has failed (at most
     * two minutes more): a check of the generator must not depend on how fast a loaded machine is.
     */
    public synchronized Result run(Target target, String mode, int threads, double warmup, double seconds,
            long minOperations) throws Exception {
        this.target = target;
        done.set(0);
        errors.set(0);
        firstError.set(null);
        negotiated.set("-");
        stop = false;
        andFilter = mode.equals("and-search");
        Operation op = switch (mode) {
            case "starttls-connect" -> this::startTlsConnection;
            case "ldaps-connect" -> this::ldapsConnection;
            case "starttls-search", "plain-search", "and-search" -> null;
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        };
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Runnable body = op != null ? () -> loop(op) : () -> persistent(mode.equals("starttls-search"));
            Thread t = new Thread(body, "load-" + i);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
        try {
            sleep(warmup);
            long ops0 = done.get();
            long err0 = errors.get();
            long server0 = ProcCpu.ticks(target.pid());
            long client0 = ProcCpu.ticks(ProcessHandle.current().pid());
            long t0 = System.nanoTime();
            sleep(seconds);
            long patience = System.nanoTime() + 120_000_000_000L;
            while (done.get() - ops0 < minOperations && errors.get() == err0 && System.nanoTime() < patience) {
                Thread.sleep(10);
            }
            long ops1 = done.get();
            long err1 = errors.get();
            long server1 = ProcCpu.ticks(target.pid());
            long client1 = ProcCpu.ticks(ProcessHandle.current().pid());
            long t1 = System.nanoTime();
            String load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
            return new Result(target.name(), mode, threads, (t1 - t0) / 1e9, ops1 - ops0, err1 - err0,
                    ProcCpu.seconds(server1 - server0), ProcCpu.seconds(client1 - client0), negotiated.get(),
                    firstError.get(), load);
        } finally {
            stop = true;
            for (Thread t : workers) {
                t.join(30_000);
            }
        }
    }

    private static void sleep(double seconds) throws InterruptedException {
        Thread.sleep((long) (seconds * 1000));
    }

    @FunctionalInterface
    private interface Operation {
        void run() throws IOException;
    }

    private void loop(Operation op) {
        while (!stop) {
            try {
                op.run();
                done.incrementAndGet();
            } catch (IOException | RuntimeException e) {
                failed(e);
            }
        }
    }

    private void failed(Exception e) {
        errors.incrementAndGet();
        firstError.compareAndSet(null, e.toString());
        try {
            Thread.sleep(10); // a server that refuses everything must not turn the client into a spin loop
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
    }

    private String nextValue() {
        return people > 0 ? "user" + ThreadLocalRandom.current().nextInt(people) : "alice";
    }

    /** Sends a search and reads its answer: exactly one entry, then success. */
    private void search(OutputStream out, Ber.Reader in, int id) throws IOException {
        out.write(andFilter ? Ber.searchAnd(id, base, "objectClass", "inetOrgPerson", "uid", nextValue(), "cn", "mail")
                : Ber.search(id, base, "uid", nextValue(), "cn", "mail"));
        out.flush();
        int entries = 0;
        while (true) {
            Ber.Response r = in.next();
            if (r.messageId() != id) {
                throw new IOException("response to message " + r.messageId() + ", expected " + id);
            }
            if (r.type() == Ber.SEARCH_ENTRY) {
                entries++;
            } else if (r.type() == Ber.SEARCH_DONE) {
                expect(r, Ber.SEARCH_DONE, "search");
                if (entries != 1) {
                    throw new IOException("search found " + entries + " entries, expected 1");
                }
                return;
            } else {
                throw new IOException("unexpected response type 0x" + Integer.toHexString(r.type()));
            }
        }
    }

    private static void expect(Ber.Response r, int type, String what) throws IOException {
        if (r.type() != type || r.resultCode() != 0) {
            throw new IOException(what + " failed: response type 0x" + Integer.toHexString(r.type()) + ", result code "
                    + r.resultCode());
        }
    }

    private Socket connect(int port) throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.connect(new InetSocketAddress(host, port), 10_000);
        s.setSoTimeout(30_000);
        return s;
    }

    /** StartTLS on a clear connection; the TLS socket over it, handshake done. */
    private SSLSocket startTls(Socket plain) throws IOException {
        OutputStream out = plain.getOutputStream();
        out.write(Ber.startTls(1));
        out.flush();
        // unbuffered on purpose: nothing may be read past the response (the server sends nothing more)
        expect(new Ber.Reader(plain.getInputStream()).next(), Ber.EXTENDED_RESPONSE, "StartTLS");
        SSLSocket s = (SSLSocket) tls.createSocket(plain, host, plain.getPort(), true);
        handshake(s);
        return s;
    }

    private void handshake(SSLSocket s) throws IOException {
        s.startHandshake();
        SSLSession session = s.getSession();
        if (negotiated.get().equals("-")) {
            negotiated.set(session.getProtocol() + " " + session.getCipherSuite());
        }
        session.invalidate(); // a full handshake every time: no resumption
    }

    private void bindSearchUnbind(Socket s, int firstId) throws IOException {
        OutputStream out = s.getOutputStream();
        Ber.Reader in = new Ber.Reader(new BufferedInputStream(s.getInputStream()));
        out.write(Ber.externalBind(firstId));
        out.flush();
        expect(in.next(), Ber.BIND_RESPONSE, "EXTERNAL bind");
        search(out, in, firstId + 1);
        out.write(Ber.unbind(firstId + 2));
        out.flush();
    }

    private void startTlsConnection() throws IOException {
        try (Socket plain = connect(target.port()); SSLSocket s = startTls(plain)) {
            bindSearchUnbind(s, 2);
        }
    }

    private void ldapsConnection() throws IOException {
        int ldapsPort = target.ldapsPort();
        try (Socket plain = connect(ldapsPort);
                SSLSocket s = (SSLSocket) tls.createSocket(plain, host, ldapsPort, true)) {
            handshake(s);
            bindSearchUnbind(s, 1);
        }
    }

    /** One long-lived connection: set up once, then searches until told to stop. */
    private void persistent(boolean withTls) {
        while (!stop) {
            try (Socket plain = connect(target.port())) {
                Socket s = plain;
                int id = 1;
                if (withTls) {
                    s = startTls(plain);
                    id = 2;
                    OutputStream out = s.getOutputStream();
                    out.write(Ber.externalBind(id));
                    out.flush();
                }
                OutputStream out = s.getOutputStream();
                InputStream raw = s.getInputStream();
                Ber.Reader in = new Ber.Reader(new BufferedInputStream(raw));
                if (withTls) {
                    expect(in.next(), Ber.BIND_RESPONSE, "EXTERNAL bind");
                }
                while (!stop) {
                    id = id == Integer.MAX_VALUE ? 1 : id + 1;
                    search(out, in, id);
                    done.incrementAndGet();
                }
                out.write(Ber.unbind(id + 1));
                out.flush();
                s.close();
            } catch (IOException | RuntimeException e) {
                if (!stop) {
                    failed(e);
                }
            }
        }
    }

    /** A client context: trusts pki/ca.pem, presents pki/alice.pem whatever CA names the server lists. */
    static SSLContext context(Path pki) throws Exception {
        List<X509Certificate> chain = KeyMaterial.readCertificates(pki.resolve("alice.pem"));
        PrivateKey key = KeyMaterial.readPrivateKey(pki.resolve("alice.key"), null).privateKey();
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", KeyMaterial.readCertificates(pki.resolve("ca.pem")).get(0));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(new KeyManager[] {new FixedKeyManager(chain, key)}, tmf.getTrustManagers(), null);
        return ctx;
    }
}
