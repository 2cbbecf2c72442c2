package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The runnable jar ({@code ldap-server/target/ldap-server.jar}, built by {@code mvn verify} in
 * ldap-server's package phase) as a process, with its combined output collected line by line.
 * Fails (does not skip) without the jar.
 */
public final class JarProcess implements AutoCloseable {

    private final Process process;
    private final List<String> lines = new ArrayList<>();

    private JarProcess(Process process) {
        this.process = process;
        Thread pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (lines) {
                        lines.add(line);
                        lines.notifyAll();
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "jar-output");
        pump.setDaemon(true);
        pump.start();
    }

    public static Path jar() {
        String property = System.getProperty("herald.server.jar");
        assertThat(property).as("system property herald.server.jar (set by the integration-tests pom)").isNotBlank();
        Path jar = Path.of(property);
        assertThat(jar).as("the runnable jar; build it with: mvn -B -DskipTests package").exists();
        return jar;
    }

    /** Starts {@code java -jar ldap-server.jar ARGS...} in {@code workDir}. */
    public static JarProcess start(Path workDir, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar().toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true);
        return new JarProcess(pb.start());
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Waits until a line matches (true) or the process ends or time runs out (false). */
    public boolean awaitLine(Predicate<String> match, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        synchronized (lines) {
            int seen = 0;
            while (true) {
                for (; seen < lines.size(); seen++) {
                    if (match.test(lines.get(seen))) {
                        return true;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || (!process.isAlive() && seen == lines.size())) {
                    return false;
                }
                lines.wait(Math.max(1, Math.min(200, TimeUnit.NANOSECONDS.toMillis(left))));
            }
        }
    }

    /** Waits for the process to exit; its exit code. */
    public int awaitExit(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError("the process did not exit within " + seconds + " s; output:\n" + output());
        }
        Thread.sleep(100); // let the pump read the last lines
        return process.exitValue();
    }

    public String output() {
        synchronized (lines) {
            return String.join("\n", lines) + "\n";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
