package dev.herald.ldap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.herald.ldap.backend.lmdb.LmdbBackend;
import dev.herald.ldap.backend.lmdb.LmdbOptions;
import dev.herald.ldap.tools.StandardSchema;
import dev.herald.ldap.tools.TestLdif;

/**
 * import-ldif in a child JVM: when it is used, the child's command line, and that the child
 * behaves as the in-process command does (exit codes, summary, rejections with line numbers)
 * and is stopped with its parent.
 */
class ImportJvmTest {
    @TempDir
    Path tmp;

    @Test
    void aChildOnlyWhenNobodyAskedOtherwise() {
        List<String> args = List.of("-d", "x", "in.ldif");
        assertThat(ImportJvm.useChild(args, List.of("-Xmx2g", "-Dfoo=bar"), false)).isTrue();
        assertThat(ImportJvm.useChild(args, List.of(), true)).as("inside the child").isFalse();
        assertThat(ImportJvm.useChild(List.of("--in-process", "-d", "x", "in.ldif"), List.of(), false)).isFalse();
        assertThat(ImportJvm.useChild(List.of("--help"), List.of(), false)).isFalse();
        assertThat(ImportJvm.useChild(List.of("-V"), List.of(), false)).isFalse();
        assertThat(ImportJvm.useChild(List.of("--", "--in-process"), List.of(), false))
                .as("a file named --in-process").isTrue();
        for (String tuned : List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:+UseG1GC", "-Xint",
                "-XX:-TieredCompilation")) {
            assertThat(ImportJvm.useChild(args, List.of(tuned), false)).as(tuned).isFalse();
        }
    }

    @Test
    void theChildGetsTheToolOptionsAndThisJvmsOptionsButNoAgents() {
        List<String> c = ImportJvm.command("/jdk/bin/java",
                List.of("-Xmx3g", "-Dlogback.configurationFile=x.xml", "-agentlib:jdwp=transport=dt_socket",
                        "-javaagent:a.jar", "-XX:StartFlightRecording=filename=x.jfr"),
                "a.jar:b.jar", "dev.herald.ldap.cli.HeraldMain", List.of("import-ldif", "-d", "x", "in.ldif"), 42);
        assertThat(c).startsWith("/jdk/bin/java", "-XX:TieredStopAtLevel=1", "-XX:+UseParallelGC")
                .contains("-Xmx3g", "-Dlogback.configurationFile=x.xml", "-Dherald.import.child=42",
                        "java.base/java.nio=ALL-UNNAMED", "java.base/sun.nio.ch=ALL-UNNAMED")
                .endsWith("-cp", "a.jar:b.jar", "dev.herald.ldap.cli.HeraldMain", "import-ldif", "-d", "x", "in.ldif")
                .noneMatch(a -> a.startsWith("-agentlib") || a.startsWith("-javaagent") || a.contains("FlightRecording"));
    }

    @Test
    void theChildImportsReportsAndExitsAsTheCommandDoes() throws Exception {
        Path ldif = tmp.resolve("in.ldif");
        TestLdif.write(ldif, 50);
        Path data = tmp.resolve("data");
        Result ok = child(HeraldMain.class, "import-ldif", "-d", data.toString(), "-b", "dc=example,dc=com",
                "--no-progress", ldif.toString());
        assertThat(ok.code).as(ok.err).isZero();
        assertThat(ok.err).contains(TestLdif.entries(50) + " entries added, 0 rejected");
        try (LmdbBackend b = new LmdbBackend(StandardSchema.load(), LmdbOptions.builder(data, "dc=example,dc=com").build())) {
            assertThat(b.verify()).isEmpty();
        }

        // rejections: exit code 2, each listed with its line
        Path bad = tmp.resolve("bad.ldif");
        Files.writeString(bad, "dn: ou=people,dc=example,dc=com\nobjectClass: organizationalUnit\nou: people\n\n"
                + "dn: uid=x,ou=nowhere,dc=example,dc=com\nobjectClass: account\nuid: x\n");
        Result some = child(ImportLdifCommand.class, "-d", data.toString(), "--no-progress", bad.toString());
        assertThat(some.code).as(some.err).isEqualTo(2);
        assertThat(some.err).contains("0 entries added, 2 rejected", "line 1: ou=people,dc=example,dc=com",
                "already exists", "line 5: uid=x,ou=nowhere,dc=example,dc=com", "does not exist");

        // failure: exit code 1 and the command's message
        Result fail = child(ImportLdifCommand.class, "-d", tmp.resolve("new").toString(), ldif.toString());
        assertThat(fail.code).isEqualTo(1);
        assertThat(fail.err).contains("--suffix");
    }

    @Test
    void stoppingTheParentStopsTheChild() throws Exception {
        for (boolean forcibly : new boolean[] {false, true}) {
            Path data = tmp.resolve("data-" + forcibly);
            // reads standard input, which stays open: the child waits until it is stopped
            List<String> cmd = new ArrayList<>(List.of(javaBinary()));
            cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                    .filter(a -> !a.startsWith("-javaagent") && !a.startsWith("-agent")).toList());
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ImportLdifCommand.class.getName(),
                    "-d", data.toString(), "-b", "dc=example,dc=com", "--no-progress", "-"));
            Process parent = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(tmp.resolve("parent-" + forcibly + ".out").toFile()).start();
            OutputStream stdin = parent.getOutputStream();
            try {
                stdin.write("dn: dc=example,dc=com\nobjectClass: domain\ndc: example\n\n".getBytes(StandardCharsets.UTF_8));
                stdin.flush();
                ProcessHandle child = awaitChild(parent);
                // let the child get into the import (it then watches its parent itself)
                Thread.sleep(1500);
                assertThat(child.isAlive()).isTrue();
                if (forcibly) {
                    parent.destroyForcibly();
                } else {
                    parent.destroy();
                }
                assertThat(parent.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(child.onExit().get(30, TimeUnit.SECONDS).isAlive()).as("child of a stopped parent").isFalse();
            } finally {
                parent.destroyForcibly();
                parent.descendants().forEach(ProcessHandle::destroyForcibly);
                stdin.close();
            }
        }
    }

    private static ProcessHandle awaitChild(Process parent) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            Optional<ProcessHandle> c = parent.children().findFirst();
            if (c.isPresent()) {
                return c.get();
            }
            assertThat(parent.isAlive()).as("parent still running").isTrue();
            Thread.sleep(50);
        }
        throw new AssertionError("no child JVM started");
    }

    private record Result(int code, String err) {}

    /** Runs the import in a child JVM as the command's main method would, output captured. */
    private Result child(Class<?> main, String... args) throws Exception {
        List<String> jvm = ManagementFactory.getRuntimeMXBean().getInputArguments();
        List<String> cmd = ImportJvm.command(javaBinary(), jvm, System.getProperty("java.class.path"), main.getName(),
                List.of(args), ProcessHandle.current().pid());
        Path err = Files.createTempFile(tmp, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectInput(ProcessBuilder.Redirect.PIPE);
        int code = ImportJvm.run(pb);
        return new Result(code, Files.readString(err));
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
