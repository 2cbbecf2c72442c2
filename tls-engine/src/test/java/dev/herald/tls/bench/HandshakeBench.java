package dev.herald.tls.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The handshake benchmark: Herald's engine, the JDK's SSLEngine (both in {@link HandshakeServer}
 * processes) and {@code openssl s_server}, one server process at a time on loopback, driven by
 * the same client load ({@code openssl s_time -new}, several processes in parallel) with the
 * same certificates ({@link BenchPki}). Server CPU is read from {@code /proc/<pid>/stat}
 * (utime + stime of the whole server process, so GC and JIT threads count too) before and after
 * each measured window; handshakes are counted by the server where it can (Herald, JDK) and by
 * the clients otherwise (openssl). Every server is warmed up with each scenario before it is
 * measured, and the order of the servers rotates from round to round.
 *
 * <pre>
 * java -cp CP dev.herald.tls.bench.HandshakeBench [--dir DIR] [--rounds 3] [--warmup 10]
 *     [--measure 10] [--clients 2] [--servers herald,jdk,openssl]
 *     [--scenarios tls13-cert,tls13-nocert,tls12-cert,tls13-cert-distinct] [--jvm-opt OPT]...
 *     [--herald-jvm-opt OPT]... [--herald-variant NAME=CLASSPATH]... [--threads]
 * </pre>
 *
 * {@code --herald-variant} adds a server NAME (list it in {@code --servers}) that runs
 * {@link HandshakeServer} with Herald from another classpath, e.g. an older build for a
 * before/after comparison in the same run. {@code --threads} prints each window's CPU per
 * server thread (event loop, JIT compiler, GC) from {@code /proc/<pid>/task}.
 *
 * Results: one line per measured window on stdout and in {@code DIR/handshake-runs.csv}, and a
 * Markdown summary (median and range over the rounds) in {@code DIR/handshake-summary.md}.
 */
public final class HandshakeBench {
    /** A client load: one handshake kind. */
    enum Scenario {
        TLS13_CERT("tls13-cert", "TLS 1.3, X25519, ECDSA P-256, client certificate", true,
                "-tls1_3", "-ciphersuites", "TLS_AES_128_GCM_SHA256"),
        TLS13_NOCERT("tls13-nocert", "TLS 1.3, X25519, ECDSA P-256, no client certificate", false,
                "-tls1_3", "-ciphersuites", "TLS_AES_128_GCM_SHA256"),
        TLS12_CERT("tls12-cert", "TLS 1.2, ECDHE-ECDSA-AES128-GCM-SHA256 (X25519), client certificate", true,
                "-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-GCM-SHA256"),
        /** JDK clients ({@link DistinctCertClient}), a different client certificate in every handshake. */
        TLS13_CERT_DISTINCT("tls13-cert-distinct",
                "TLS 1.3, X25519, ECDSA P-256, a different client certificate in every handshake (2000, JDK clients)",
                true, "--protocol", "TLSv1.3", "--suite", "TLS_AES_128_GCM_SHA256", "--bc");

        final String id;
        final String title;
        final boolean clientCert;
        final List<String> args;

        Scenario(String id, String title, boolean clientCert, String... args) {
            this.id = id;
            this.title = title;
            this.clientCert = clientCert;
            this.args = List.of(args);
        }

        boolean javaClient() {
            return this == TLS13_CERT_DISTINCT;
        }

        static Scenario of(String id) {
            return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown scenario " + id));
        }
    }

    /** One measured window. */
    record Run(int round, String server, Scenario scenario, long handshakes, long clientHandshakes, long verified,
            long failures, double wallSeconds, double serverCpuSeconds, double loopCpuSeconds, double clientCpuSeconds,
            double clientSeconds, double jitSeconds, double load1) {
        double cpuMsPerHandshake() {
            return serverCpuSeconds * 1000 / handshakes;
        }

        /**
         * Handshakes per second: over the measured window for s_time (which runs from start to
         * end of it), over its own handshaking loop for the Java client (which first spends
         * seconds starting a JVM and issuing its certificates).
         */
        double handshakesPerSecond() {
            return scenario.javaClient() ? clientHandshakes / clientSeconds : handshakes / wallSeconds;
        }

        double loopCpuMsPerHandshake() {
            return loopCpuSeconds * 1000 / handshakes;
        }

        double clientCpuMsPerHandshake() {
            return clientCpuSeconds * 1000 / clientHandshakes;
        }
    }

    private Path dir = Path.of("target/tls-bench");
    private int rounds = 3;
    private int warmupSeconds = 10;
    private int measureSeconds = 10;
    private int clients = 2;
    private List<String> servers = List.of("herald", "jdk", "openssl");
    private List<Scenario> scenarios = List.of(Scenario.values());
    private final List<String> jvmOpts = new ArrayList<>(List.of("-Xms512m", "-Xmx512m",
            "-Dio.netty.leakDetection.level=disabled"));
    private final List<String> heraldJvmOpts = new ArrayList<>();
    private long clockTicks;
    private boolean threadBreakdown;
    /** Extra Herald servers by name, each run from its own classpath (e.g. an older build, for before/after). */
    private final Map<String, String> heraldVariants = new LinkedHashMap<>();
    private final List<Run> runs = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        HandshakeBench b = new HandshakeBench();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dir" -> b.dir = Path.of(args[++i]);
                case "--rounds" -> b.rounds = Integer.parseInt(args[++i]);
                case "--warmup" -> b.warmupSeconds = Integer.parseInt(args[++i]);
                case "--measure" -> b.measureSeconds = Integer.parseInt(args[++i]);
                case "--clients" -> b.clients = Integer.parseInt(args[++i]);
                case "--servers" -> b.servers = List.of(args[++i].split(","));
                case "--scenarios" -> b.scenarios = Arrays.stream(args[++i].split(",")).map(Scenario::of).toList();
                case "--jvm-opt" -> b.jvmOpts.add(args[++i]);
                case "--herald-jvm-opt" -> b.heraldJvmOpts.add(args[++i]);
                case "--threads" -> b.threadBreakdown = true;
                case "--herald-variant" -> {
                    String[] v = args[++i].split("=", 2);
                    b.heraldVariants.put(v[0], v[1]);
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        b.run();
    }

    private void run() throws Exception {
        BenchPki.ensure(dir);
        clockTicks = Long.parseLong(exec("getconf", "CLK_TCK").trim());
        System.out.println("# " + Instant.now() + " nproc=" + Runtime.getRuntime().availableProcessors()
                + " java=" + System.getProperty("java.vm.version") + " " + exec("openssl", "version").trim()
                + " clients=" + clients + " warmup=" + warmupSeconds + "s measure=" + measureSeconds + "s"
                + " load=" + loadAverage());
        System.out.println("round server scenario handshakes client_handshakes verified failures wall_s server_cpu_s"
                + " cpu_ms_per_hs hs_per_s loop_cpu_ms_per_hs client_cpu_ms_per_hs jit_s load1");
        for (int round = 1; round <= rounds; round++) {
            for (int k = 0; k < servers.size(); k++) {
                String server = servers.get((k + round - 1) % servers.size());
                try (ServerProcess sp = start(server)) {
                    for (Scenario s : scenarios) {
                        clientLoad(sp.port, s, warmupSeconds);
                    }
                    for (Scenario s : scenarios) {
                        Run r = measure(round, server, sp, s);
                        runs.add(r);
                        System.out.println(format(r));
                    }
                }
            }
        }
        writeCsv();
        writeSummary();
    }

    // ------------------------------------------------------------------ servers

    /** A running server with its stats source. */
    private final class ServerProcess implements AutoCloseable {
        final String name;
        final Process process;
        int port;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final AtomicLong verifyLines = new AtomicLong();

        ServerProcess(String name, Process process) throws Exception {
            this.name = name;
            this.process = process;
            Thread t = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.ISO_8859_1))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        if (line.startsWith("depth=0")) {
                            verifyLines.incrementAndGet(); // openssl s_server's verify callback, once per client leaf
                        } else {
                            lines.add(line);
                        }
                    }
                } catch (IOException ignored) {
                    // process ended
                }
            }, "server-output");
            t.setDaemon(true);
            t.start();
        }

        ServerProcess(String name, Process process, int port) throws Exception {
            this(name, process);
            this.port = port;
        }

        private int awaitPort() throws Exception {
            while (true) {
                String line = lines.poll(30, TimeUnit.SECONDS);
                if (line == null) {
                    throw new IllegalStateException(name + " server did not start");
                }
                if (line.startsWith("PORT ")) {
                    return Integer.parseInt(line.substring(5).trim());
                }
                System.out.println("# " + name + ": " + line);
            }
        }

        /** [handshakes, verified, failures, loopCpuNs]; openssl: [-1, verify lines, 0, 0]. */
        long[] stats() throws Exception {
            if (name.equals("openssl")) {
                return new long[] {-1, verifyLines.get(), 0, 0};
            }
            process.getOutputStream().write("stats\n".getBytes(StandardCharsets.US_ASCII));
            process.getOutputStream().flush();
            while (true) {
                String line = lines.poll(30, TimeUnit.SECONDS);
                if (line == null) {
                    throw new IllegalStateException(name + " server does not answer stats");
                }
                if (line.startsWith("STATS ")) {
                    Map<String, Long> m = new LinkedHashMap<>();
                    for (String kv : line.substring(6).trim().split(" ")) {
                        String[] p = kv.split("=");
                        m.put(p[0], Long.parseLong(p[1]));
                    }
                    return new long[] {m.get("handshakes"), m.get("verified"), m.get("failures"), m.get("loopCpuNs")};
                }
                System.out.println("# " + name + ": " + line);
            }
        }

        double cpuSeconds() throws IOException {
            return procCpuTicks(process.pid()) / (double) clockTicks;
        }

        @Override
        public void close() throws Exception {
            if (!name.equals("openssl")) {
                try {
                    process.getOutputStream().write("quit\n".getBytes(StandardCharsets.US_ASCII));
                    process.getOutputStream().flush();
                } catch (IOException ignored) {
                    // already gone
                }
                if (process.waitFor(5, TimeUnit.SECONDS)) {
                    return;
                }
            }
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private ServerProcess start(String server) throws Exception {
        if (server.equals("openssl")) {
            int port = freePort();
            // -verify: request a client certificate, verify it when one is sent (Herald's "try").
            // No session tickets (Herald has no resumption): -num_tickets 0 (1.3), -no_ticket (1.2).
            Process p = new ProcessBuilder("openssl", "s_server", "-accept", "127.0.0.1:" + port,
                    "-cert", file(BenchPki.SERVER_CERT), "-key", file(BenchPki.SERVER_KEY),
                    "-CAfile", file(BenchPki.CA), "-verify", "1", "-num_tickets", "0", "-no_ticket", "-quiet")
                    .redirectErrorStream(true).start();
            ServerProcess sp = new ServerProcess(server, p, port);
            awaitListening(port);
            return sp;
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOpts);
        String variant = heraldVariants.get(server);
        if (server.equals("herald") || variant != null) {
            cmd.addAll(heraldJvmOpts);
        }
        cmd.addAll(List.of("-cp", variant != null ? variant : System.getProperty("java.class.path"),
                HandshakeServer.class.getName(), "--impl", variant != null ? "herald" : server, "--dir", dir.toString()));
        ServerProcess sp = new ServerProcess(server, new ProcessBuilder(cmd).redirectErrorStream(true).start());
        sp.port = sp.awaitPort();
        return sp;
    }

    private String file(String name) {
        return dir.resolve(name).toAbsolutePath().toString();
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void awaitListening(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try (java.net.Socket s = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("openssl s_server does not listen on " + port);
    }

    // ------------------------------------------------------------------ clients

    private static final Pattern S_TIME = Pattern.compile("(\\d+) connections in ([0-9.]+)s;");

    private static final Pattern JAVA_CLIENT = Pattern.compile(
            "DONE handshakes=(\\d+) failed=(\\d+) seconds=([0-9.]+) cpuMs=(\\d+)");

    /**
     * Runs the scenario's clients for {@code seconds}: {@link #clients} s_time processes, or one
     * {@link DistinctCertClient} process with {@link #clients} threads. Returns [handshakes,
     * client CPU seconds (s_time: user time only), seconds the clients were handshaking].
     */
    private double[] clientLoad(int port, Scenario s, int seconds) throws Exception {
        if (s.javaClient()) {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), DistinctCertClient.class.getName(),
                    "--port", Integer.toString(port), "--dir", dir.toString(), "--threads", Integer.toString(clients),
                    "--seconds", Integer.toString(seconds)));
            cmd.addAll(s.args);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            p.waitFor();
            Matcher m = JAVA_CLIENT.matcher(out);
            if (!m.find()) {
                throw new IllegalStateException("client failed: " + out.strip());
            }
            if (Long.parseLong(m.group(2)) > 0) {
                System.out.println("# " + m.group(2) + " client handshakes failed");
            }
            return new double[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(4)) / 1000.0,
                    Double.parseDouble(m.group(3))};
        }
        List<Process> ps = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            List<String> cmd = new ArrayList<>(List.of("openssl", "s_time", "-connect", "127.0.0.1:" + port, "-new",
                    "-time", Integer.toString(seconds)));
            cmd.addAll(s.args);
            if (s.clientCert) {
                cmd.addAll(List.of("-cert", file(BenchPki.CLIENT_CERT), "-key", file(BenchPki.CLIENT_KEY)));
            }
            ps.add(new ProcessBuilder(cmd).redirectErrorStream(true).start());
        }
        double handshakes = 0;
        double cpu = 0;
        for (Process p : ps) {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            p.waitFor();
            Matcher m = S_TIME.matcher(out);
            if (!m.find()) {
                throw new IllegalStateException("s_time failed: " + out.replace("*", "").strip());
            }
            handshakes += Long.parseLong(m.group(1));
            cpu += Double.parseDouble(m.group(2));
        }
        return new double[] {handshakes, cpu, seconds};
    }

    private Run measure(int round, String server, ServerProcess sp, Scenario s) throws Exception {
        double load = loadAverage();
        long[] before = sp.stats();
        double cpu0 = sp.cpuSeconds();
        Map<String, Long> threads0 = threadTicks(sp.process.pid());
        long t0 = System.nanoTime();
        double[] client = clientLoad(sp.port, s, measureSeconds);
        long t1 = System.nanoTime();
        Thread.sleep(200); // let the server finish the last flights it received
        long[] after = sp.stats();
        double cpu1 = sp.cpuSeconds();
        Map<String, Long> threads1 = threadTicks(sp.process.pid());
        if (threadBreakdown) {
            printThreadDelta(server, s, threads0, threads1);
        }
        long jitTicks = 0;
        for (var e : threads1.entrySet()) {
            if (e.getKey().contains("CompilerThre")) {
                jitTicks += e.getValue() - threads0.getOrDefault(e.getKey(), 0L);
            }
        }
        long clientHs = (long) client[0];
        long hs = before[0] < 0 ? clientHs : after[0] - before[0];
        return new Run(round, server, s, hs, clientHs, after[1] - before[1], after[2] - before[2],
                (t1 - t0) / 1e9, cpu1 - cpu0, (after[3] - before[3]) / 1e9, client[1], client[2],
                jitTicks / (double) clockTicks, load);
    }

    // ------------------------------------------------------------------ /proc

    /** utime + stime of a process, in clock ticks (proc(5), fields 14 and 15). */
    static long procCpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // f[0] is field 3 (state), so field n is f[n - 3].
        return Long.parseLong(f[14 - 3]) + Long.parseLong(f[15 - 3]);
    }

    /** CPU ticks per thread name (names with a trailing number folded: "GC Thread#0" -> "GC Thread#"). */
    static Map<String, Long> threadTicks(long pid) throws IOException {
        Map<String, Long> out = new java.util.TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path t : tasks.toList()) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("\\d+$", "");
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    out.merge(name, Long.parseLong(f[14 - 3]) + Long.parseLong(f[15 - 3]), Long::sum);
                } catch (IOException gone) {
                    // thread ended
                }
            }
        }
        return out;
    }

    private void printThreadDelta(String server, Scenario s, Map<String, Long> before, Map<String, Long> after) {
        StringBuilder sb = new StringBuilder("# threads " + server + " " + s.id + ":");
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .forEach(e -> sb.append(String.format(Locale.ROOT, " [%s] %.2fs", e.getKey(),
                        e.getValue() / (double) clockTicks)));
        System.out.println(sb);
    }

    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    private static String exec(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    // ------------------------------------------------------------------ output

    private static String format(Run r) {
        return String.format(Locale.ROOT, "%d %s %s %d %d %d %d %.2f %.2f %.3f %.1f %.3f %.3f %.2f %.2f", r.round,
                r.server, r.scenario.id, r.handshakes, r.clientHandshakes, r.verified, r.failures, r.wallSeconds,
                r.serverCpuSeconds, r.cpuMsPerHandshake(), r.handshakesPerSecond(),
                r.loopCpuSeconds > 0 ? r.loopCpuMsPerHandshake() : Double.NaN, r.clientCpuMsPerHandshake(),
                r.jitSeconds, r.load1);
    }

    private void writeCsv() throws IOException {
        try (Writer w = Files.newBufferedWriter(dir.resolve("handshake-runs.csv"))) {
            w.write("round,server,scenario,handshakes,client_handshakes,verified,failures,wall_s,server_cpu_s,"
                    + "cpu_ms_per_hs,hs_per_s,loop_cpu_ms_per_hs,client_cpu_ms_per_hs,jit_s,load1\n");
            for (Run r : runs) {
                w.write(format(r).replace(' ', ',') + "\n");
            }
        }
    }

    private void writeSummary() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Scenario s : scenarios) {
            sb.append("\n").append(s.title).append("\n\n");
            sb.append("| server | CPU ms / handshake: median (min–max) | handshakes/s: median (min–max) |"
                    + " event-loop thread CPU ms / handshake | JIT compiler share of server CPU | load (1 min) | runs |\n"
                    + "|---|---|---|---|---|---|---|\n");
            for (String server : servers) {
                List<Run> rs = runs.stream().filter(r -> r.server.equals(server) && r.scenario == s).toList();
                if (rs.isEmpty()) {
                    continue;
                }
                double[] cpu = rs.stream().mapToDouble(Run::cpuMsPerHandshake).sorted().toArray();
                double[] hps = rs.stream().mapToDouble(Run::handshakesPerSecond).sorted().toArray();
                double[] loop = rs.stream().filter(r -> r.loopCpuSeconds > 0).mapToDouble(Run::loopCpuMsPerHandshake)
                        .sorted().toArray();
                double[] jit = rs.stream().mapToDouble(r -> r.jitSeconds / r.serverCpuSeconds).sorted().toArray();
                double[] load = rs.stream().mapToDouble(Run::load1).sorted().toArray();
                sb.append(String.format(Locale.ROOT, "| %s | %.2f (%.2f–%.2f) | %.0f (%.0f–%.0f) | %s | %s | %.1f–%.1f | %d |\n",
                        server, median(cpu), cpu[0], cpu[cpu.length - 1], median(hps), hps[0], hps[hps.length - 1],
                        loop.length == 0 ? "–" : String.format(Locale.ROOT, "%.2f", median(loop)),
                        server.equals("openssl") ? "–" : String.format(Locale.ROOT, "%.0f %%", 100 * median(jit)),
                        load[0], load[load.length - 1], rs.size()));
            }
            appendRatios(sb, s);
        }
        Files.writeString(dir.resolve("handshake-summary.md"), sb.toString());
        PrintStream out = System.out;
        out.println(sb);
    }

    /**
     * Herald's CPU per handshake over each other server's, per round (both measured in the same
     * round, minutes apart at most), so that the machine's load drifting between rounds cancels.
     */
    private void appendRatios(StringBuilder sb, Scenario s) {
        if (!servers.contains("herald")) {
            return;
        }
        for (String other : servers) {
            if (other.equals("herald")) {
                continue;
            }
            List<Double> ratios = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                Run h = find(round, "herald", s);
                Run o = find(round, other, s);
                if (h != null && o != null) {
                    ratios.add(h.cpuMsPerHandshake() / o.cpuMsPerHandshake());
                }
            }
            if (ratios.isEmpty()) {
                continue;
            }
            double[] r = ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            sb.append(String.format(Locale.ROOT, "\nCPU per handshake, herald / %s (per round): median %.2f, range %.2f–%.2f, rounds %s%n",
                    other, median(r), r[0], r[r.length - 1], ratios.stream()
                            .map(x -> String.format(Locale.ROOT, "%.2f", x)).toList()));
        }
    }

    private Run find(int round, String server, Scenario s) {
        return runs.stream().filter(r -> r.round == round && r.server.equals(server) && r.scenario == s)
                .findFirst().orElse(null);
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
