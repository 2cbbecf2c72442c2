package dev.herald.tls.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A peer program (openssl s_client, gnutls-cli) run as a process: stdout and stderr are
 * collected together, stdin stays open until {@link #closeInput()}. {@link #close()} always
 * stops the process; use try-with-resources.
 */
public final class PeerProcess implements AutoCloseable {
    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final Thread reader;

    public PeerProcess(List<String> command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        this.process = pb.start();
        this.reader = new Thread(() -> {
            try (InputStream in = process.getInputStream()) {
                byte[] buf = new byte[4096];
                int n;
                while ((n = in.read(buf)) > 0) {
                    output.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                }
            } catch (IOException ignored) {
                // process ended
            }
        }, "peer-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Fails unless {@code program} is on the PATH (the build machine and CI install it). */
    public static String require(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return Path.of(dir, program).toString();
            }
        }
        throw new AssertionError(program + " is not installed (Debian: openssl / gnutls-bin)");
    }

    /**
     * Writes to the peer's standard input. Returns false, instead of failing, when the peer has
     * already ended: a peer whose handshake fails (an alert from us, a rejected certificate)
     * exits by itself, and it may do so before the test gets to write. The JDK then reports
     * "Stream closed" (it swaps the pipe of an exited process for a closed stream) or "Broken
     * pipe" (the peer closed its end while exiting). Any other failure is rethrown.
     */
    public boolean write(String s) throws IOException, InterruptedException {
        OutputStream os = process.getOutputStream();
        try {
            os.write(s.getBytes(StandardCharsets.US_ASCII));
            os.flush();
            return true;
        } catch (IOException e) {
            if (process.waitFor(5, TimeUnit.SECONDS)) {
                return false; // the peer ended on its own; its output tells the test why
            }
            throw e;
        }
    }

    public void closeInput() {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    /** Waits until the output contains {@code text}, the process ends, or 20 s pass. */
    public boolean awaitOutput(String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (output.indexOf(text) >= 0) {
                return true;
            }
            if (!process.isAlive()) {
                reader.join(1000);
                return output.indexOf(text) >= 0;
            }
            Thread.sleep(10);
        }
        return false;
    }

    public boolean awaitExit() throws InterruptedException {
        boolean done = process.waitFor(20, TimeUnit.SECONDS);
        reader.join(1000);
        return done;
    }

    public String output() {
        return output.toString();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
