package dev.herald.ldap.backend.lmdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.directory.api.ldap.model.name.Dn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM streams durable adds and reports each commit; the test kills it with SIGKILL in
 * the middle of the stream, reopens the folder and finds every reported add, with the indexes
 * in step. It also shows that the folder lock of a killed process does not outlive it.
 */
@Timeout(120)
class LmdbCrashSafetyTest {
    @TempDir
    Path dir;

    static Process start(Path dir, long mapSize) throws java.io.IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "--add-opens", "java.base/java.nio=ALL-UNNAMED",
                "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                CrashChild.class.getName(), dir.toString(), String.valueOf(mapSize)));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    @Test
    void aReadOnlyProcessFollowsAMapTheWriterGrew() throws Exception {
        long initial = 128 << 10;
        Process child = start(dir, initial);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            while (line != null && !line.startsWith("committed ")) {
                line = out.readLine();
            }
            LmdbOptions ro = LmdbOptions.builder(dir, "dc=example,dc=com").initialMapSize(initial).readOnly(true).build();
            try (LmdbBackend reader = new LmdbBackend(TestSchema.get(), ro)) {
                long mapBefore = reader.mapSize();
                int seen = -1;
                while ((line = out.readLine()) != null) {
                    if (!line.startsWith("committed ")) {
                        continue; // the child's log lines
                    }
                    String[] parts = line.split(" ");
                    seen = Integer.parseInt(parts[1]);
                    if (Long.parseLong(parts[3]) > mapBefore) {
                        break; // the writer has grown its map
                    }
                }
                assertThat(seen).isPositive();
                try (var r = reader.openRead()) {
                    assertThat(r.get(new Dn("uid=u" + seen + ",dc=example,dc=com"))).isPresent();
                }
                assertThat(reader.mapSize()).isGreaterThan(mapBefore);
            }
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
    }

    @Test
    void everyCommittedAddSurvivesSigkill() throws Exception {
        Process child = start(dir, 1 << 20);
        int last = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("committed ")) {
                    last = Integer.parseInt(line.split(" ")[1]);
                    if (last == 150) {
                        // while the child is busy: a second read-write opener is refused
                        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> new LmdbBackend(TestSchema.get(),
                                LmdbOptions.builder(dir, "dc=example,dc=com").build())))
                                .hasMessageContaining("in use by another process (pid " + child.pid() + ")");
                        // and a read-only one (export beside a server) sees a snapshot
                        try (LmdbBackend ro = new LmdbBackend(TestSchema.get(),
                                LmdbOptions.builder(dir, "dc=example,dc=com").readOnly(true).build());
                                var r = ro.openRead()) {
                            assertThat(r.get(new Dn("uid=u150,dc=example,dc=com"))).isPresent();
                        }
                    }
                    if (last >= 300) {
                        child.destroyForcibly(); // SIGKILL mid-stream
                        break;
                    }
                }
            }
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
        assertThat(last).isGreaterThanOrEqualTo(300);
        try (LmdbBackend b = new LmdbBackend(TestSchema.get(), LmdbOptions.builder(dir, "dc=example,dc=com").build());
                var r = b.openRead()) {
            for (int i = 0; i <= last; i++) {
                assertThat(r.get(new Dn("uid=u" + i + ",dc=example,dc=com"))).as("u" + i).isPresent();
            }
            assertThat(b.verify()).isEmpty();
        }
    }
}
