package dev.herald.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of OpenLDAP's command-line clients (or another peer program) isolated from the
 * user's configuration: an empty HOME and no inherited LDAP* variables. Without TLS settings it
 * also sets LDAPNOINIT (no configuration at all); with them it cannot, because LDAPNOINIT makes
 * libldap ignore the LDAPTLS_* variables too, so only /etc/ldap/ldap.conf (whose TLS_CACERT
 * the variables override) is read.
 */
public final class Tool {

    /** What a client printed and how it exited. */
    public record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private Tool() {}

    public static Result run(Path home, String stdin, String... command) throws IOException, InterruptedException {
        return run(home, Map.of(), stdin, command);
    }

    /** Runs {@code command} with extra environment variables (e.g. LDAPTLS_CACERT). */
    public static Result run(Path home, Map<String, String> env, String stdin, String... command)
            throws IOException, InterruptedException {
        return run(home, env, stdin == null ? null : stdin.getBytes(StandardCharsets.UTF_8), command);
    }

    public static Result run(Path home, Map<String, String> env, byte[] stdin, String... command)
            throws IOException, InterruptedException {
        return run(home, env, stdin, env.keySet().stream().noneMatch(k -> k.startsWith("LDAPTLS_")), command);
    }

    /**
     * Runs a command line with bash, as a user would paste it (it may set LDAPTLS_* variables
     * itself, so LDAPNOINIT is not set).
     */
    public static Result shell(Path home, String commandLine) throws IOException, InterruptedException {
        return run(home, Map.of(), null, false, "bash", "-c", commandLine);
    }

    private static Result run(Path home, Map<String, String> env, byte[] stdin, boolean noInit, String... command)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(command));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(home.toFile());
        Map<String, String> environment = pb.environment();
        environment.keySet().removeIf(k -> k.startsWith("LDAP"));
        if (noInit) {
            environment.put("LDAPNOINIT", "1");
        }
        environment.putAll(env);
        environment.put("HOME", home.toString());
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        pb.redirectOutput(out.toFile());
        pb.redirectError(err.toFile());
        Process p = pb.start();
        try {
            try (var in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin);
                }
            }
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError(String.join(" ", cmd) + " did not finish within 60 s");
            }
            // Decoded leniently: some peers (gnutls-cli) print binary protocol bytes.
            return new Result(p.exitValue(), new String(Files.readAllBytes(out), StandardCharsets.UTF_8),
                    new String(Files.readAllBytes(err), StandardCharsets.UTF_8));
        } finally {
            p.destroyForcibly();
        }
    }
}
