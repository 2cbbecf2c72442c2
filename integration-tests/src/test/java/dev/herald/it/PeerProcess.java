package dev.herald.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A peer program (openssl, gnutls-cli) talking to the server interactively: the test writes to
 * its standard input while it runs and waits for text in its combined output. Always stopped on
 * close.
 */
final class PeerProcess implements AutoCloseable {

    private final Process process;
    private final OutputStream stdin;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    PeerProcess(Path home, List<String> command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).directory(home.toFile());
        Map<String, String> env = pb.environment();
        env.put("HOME", home.toString());
        process = pb.start();
        stdin = process.getOutputStream();
        Thread pump = new Thread(() -> {
            try (InputStream in = process.getInputStream()) {
                byte[] buf = new byte[4096];
                for (int n; (n = in.read(buf)) > 0; ) {
                    synchronized (output) {
                        output.write(buf, 0, n);
                        output.notifyAll();
                    }
                }
            } catch (IOException e) {
                // ended
            }
        }, "peer-output");
        pump.setDaemon(true);
        pump.start();
    }

    void write(byte[] bytes) throws IOException {
        stdin.write(bytes);
        stdin.flush();
    }

    void closeInput() throws IOException {
        stdin.close();
    }

    /** Waits up to 20 s for {@code text} in the output; whether it came. */
    boolean awaitOutput(String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        synchronized (output) {
            while (!output().contains(text)) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !process.isAlive() && !output().contains(text)) {
                    return output().contains(text);
                }
                output.wait(Math.max(1, Math.min(200, TimeUnit.NANOSECONDS.toMillis(left))));
            }
            return true;
        }
    }

    /** Waits for the program to end by itself; its exit code, or -1 if it had to be stopped. */
    int awaitExit(long seconds) throws InterruptedException {
        if (process.waitFor(seconds, TimeUnit.SECONDS)) {
            Thread.sleep(100);
            return process.exitValue();
        }
        return -1;
    }

    /** Everything printed so far (binary protocol bytes decoded leniently). */
    String output() {
        synchronized (output) {
            return output.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
