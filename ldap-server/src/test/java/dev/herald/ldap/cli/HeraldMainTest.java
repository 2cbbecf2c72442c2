package dev.herald.ldap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.herald.ldap.password.PasswordSchemes;
import picocli.CommandLine;

class HeraldMainTest {

    private static String run(String... args) {
        CommandLine cmd = HeraldMain.commandLine();
        StringWriter out = new StringWriter();
        PrintWriter writer = new PrintWriter(out, true);
        cmd.setOut(writer);
        java.io.ByteArrayOutputStream stdout = new java.io.ByteArrayOutputStream();
        java.io.PrintStream old = System.out;
        System.setOut(new java.io.PrintStream(stdout, true, StandardCharsets.UTF_8));
        try {
            int rc = cmd.execute(args);
            assertThat(rc).isZero();
        } finally {
            System.setOut(old);
            writer.flush();
        }
        return out + stdout.toString(StandardCharsets.UTF_8);
    }

    @Test
    void hashPasswordPrintsAValueTheServerAccepts() {
        String stored = run("hash-password", "--iterations", "1000", "s3cret").trim();
        assertThat(stored).startsWith("{PBKDF2-SHA256}1000$");
        assertThat(PasswordSchemes.verify("s3cret".getBytes(StandardCharsets.UTF_8), stored.getBytes(StandardCharsets.UTF_8))).isTrue();
        String ssha = run("hash-password", "-s", "SSHA512", "s3cret").trim();
        assertThat(ssha).startsWith("{SSHA512}");
    }

    @Test
    void unknownSchemeIsAUsageError() {
        assertThat(HeraldMain.commandLine().execute("hash-password", "-s", "MD4", "x")).isEqualTo(2);
    }

    @Test
    void helpListsTheCommands() {
        assertThat(HeraldMain.commandLine().getUsageMessage()).contains("demo", "hash-password");
        assertThat(new HeraldMain.Version().getVersion()[0]).startsWith("Herald ");
    }

    @Test
    void demoFolderIsCreatedOnceWithAPrivatePasswordFile(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("demo");
        assertThat(DemoCommand.prepare(dir)).isTrue();
        Path pw = dir.resolve(DemoCommand.ADMIN_PASSWORD_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pw))).isEqualTo("rw-------");
        String password = Files.readString(pw);
        assertThat(password).hasSize(24).doesNotContain("\n");
        String ldif = Files.readString(dir.resolve(DemoCommand.DATA_FILE));
        assertThat(ldif).contains("dn: uid=alice,ou=people,dc=example,dc=com", "dn: uid=bob,ou=people,dc=example,dc=com",
                "dn: cn=admin,dc=example,dc=com").doesNotContain("alice-pw", password);
        assertThat(DemoCommand.prepare(dir)).as("reused").isFalse();
        assertThat(Files.readString(pw)).isEqualTo(password);
    }
}
