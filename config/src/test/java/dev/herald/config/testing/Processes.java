package dev.herald.config.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a peer program (openssl, certtool) to completion, with a timeout, and returns its exit code and output. */
public final class Processes {

    private Processes() {}

    public record Result(int exitCode, String output) {
        public Result assertSuccess() {
            if (exitCode != 0) {
                throw new AssertionError("exit code " + exitCode + ": " + output);
            }
            return this;
        }
    }

    public static Result run(Path dir, String... command) {
        ProcessBuilder pb = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true);
        Process p = null;
        try {
            p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError(String.join(" ", command) + " did not finish");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command[0] + " (is it installed? .ci/run installs it): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            if (p != null && p.isAlive()) {
                p.destroyForcibly();
            }
        }
    }
}
