package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's run command, as a user runs it: the built jar's {@code demo} command in its own
 * process, then the README's ldapsearch, which must find bob. Needs the jar that
 * {@code mvn verify} builds in ldap-server's package phase; fails (not skips) without it.
 */
class DemoJarTest {

    @TempDir
    Path tmp;

    private static Path jar() {
        String property = System.getProperty("herald.server.jar");
        assertThat(property).as("system property herald.server.jar (set by the integration-tests pom)").isNotBlank();
        Path jar = Path.of(property);
        assertThat(jar).as("the runnable jar; build it with: mvn -B -DskipTests package").exists();
        return jar;
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void demoServesTheReadmeSearch() throws Exception {
        Path jar = jar();
        Path dir = tmp.resolve("herald-demo");
        int port = freePort();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process demo = new ProcessBuilder(java.toString(), "-jar", jar.toString(), "demo", "--dir", dir.toString(),
                "--ldap-port", Integer.toString(port)).redirectErrorStream(true).start();
        try {
            CompletableFuture<String> ready = new CompletableFuture<>();
            StringBuilder output = new StringBuilder();
            Thread pump = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        synchronized (output) {
                            output.append(line).append('\n');
                        }
                        if (line.startsWith("Stop with Ctrl-C")) {
                            ready.complete(output.toString());
                        }
                    }
                    ready.complete(null);
                } catch (Exception e) {
                    ready.completeExceptionally(e);
                }
            }, "demo-output");
            pump.setDaemon(true);
            pump.start();
            String banner = ready.get(120, TimeUnit.SECONDS);
            assertThat(banner).as("demo output so far:\n" + output).isNotNull();
            assertThat(banner).contains("ldap://127.0.0.1:" + port, "uid=alice,ou=people,dc=example,dc=com", "ldapsearch");

            Tool.Result r = Tool.run(tmp, null, "ldapsearch", "-x", "-H", "ldap://127.0.0.1:" + port,
                    "-D", "uid=alice,ou=people,dc=example,dc=com", "-w", "alice-pw", "-b", "dc=example,dc=com", "(uid=bob)");
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.out()).contains("dn: uid=bob,ou=people,dc=example,dc=com", "# numEntries: 1");

            Path pw = dir.resolve("admin.password");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pw))).isEqualTo("rw-------");
            r = Tool.run(tmp, null, "ldapwhoami", "-x", "-H", "ldap://127.0.0.1:" + port, "-D", "cn=admin,dc=example,dc=com",
                    "-y", pw.toString());
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.out().trim()).isEqualTo("dn:cn=admin,dc=example,dc=com");
        } finally {
            demo.destroy();
            if (!demo.waitFor(20, TimeUnit.SECONDS)) {
                demo.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
