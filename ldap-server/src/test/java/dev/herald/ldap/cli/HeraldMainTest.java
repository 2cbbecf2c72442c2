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

import dev.herald.config.ConfigLoader;
import dev.herald.config.demo.DemoConfig;
import dev.herald.config.model.HeraldConfig;
import dev.herald.ldap.boot.HeraldInstance;
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
        assertThat(HeraldMain.commandLine().getUsageMessage()).contains("serve", "demo", "explain-mapping", "import-ldif",
                "export-ldif", "hash-password");
        assertThat(new HeraldMain.Version().getVersion()[0]).startsWith("Herald ");
    }

    @Test
    void demoWritesItsFolderAndItsBannerStartsWithTheExternalWhoAmI(@TempDir Path tmp) throws Exception {
        DemoCommand demo = new DemoCommand();
        demo.dir = tmp.resolve("herald-demo");
        Path configFile = DemoConfig.write(demo.dir, 0, 0);
        Path pw = demo.dir.resolve(DemoCommand.ADMIN_PASSWORD_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pw))).isEqualTo("rw-------");
        assertThat(Files.readString(pw)).hasSize(24).doesNotContain("\n");
        HeraldConfig config = new ConfigLoader().load(configFile);
        try (HeraldInstance instance = HeraldInstance.start(config)) {
            int ldap = instance.addresses().get(0).getPort();
            String d = demo.dir.toString();
            String banner = demo.banner(instance);
            String first = banner.lines().filter(l -> l.contains("ldapwhoami")).findFirst().orElseThrow().strip();
            assertThat(first).isEqualTo("LDAPTLS_CACERT=" + d + "/pki/ca.pem LDAPTLS_CERT=" + d + "/pki/alice.pem LDAPTLS_KEY="
                    + d + "/pki/alice.key ldapwhoami -H ldap://127.0.0.1:" + ldap + " -ZZ -Y EXTERNAL");
            assertThat(banner).contains("ldaps://127.0.0.1:" + instance.addresses().get(1).getPort(),
                    "explain-mapping --config " + d + "/config.yaml");
            assertThat(instance.loadedEntries()).isEqualTo(6);
        }
        // Again: the data is kept, nothing is loaded twice.
        try (HeraldInstance instance = HeraldInstance.start(new ConfigLoader().load(DemoConfig.write(demo.dir, 0, 0)))) {
            assertThat(instance.loadedEntries()).isZero();
            assertThat(demo.banner(instance)).contains("data kept from the last run");
        }
    }

    @Test
    void explainMappingOfflineFromAnLdif(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("demo");
        Path config = DemoConfig.write(dir, 0, 0);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        ExplainMappingCommand explain = new ExplainMappingCommand();
        explain.config = config;
        explain.ldif = dir.resolve(DemoConfig.LDIF_FILE);
        explain.certificate = dir.resolve("pki/alice.pem");
        int rc = explain.run(new java.io.PrintStream(out, true, StandardCharsets.UTF_8),
                new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(rc).as(text + err).isZero();
        assertThat(text).contains("[0] CN=alice,OU=people,O=Herald Demo", "[1] CN=Herald Demo CA,O=Herald Demo   (configured trust anchor)",
                "certificate subject=\"CN=alice,OU=people,O=Herald Demo\"",
                "[1] subject-attribute (subject-attribute): mapped: search base=\"ou=people,dc=example,dc=com\" scope=one filter=\"(uid=alice)\"",
                "result: mapped to \"uid=alice,ou=people,dc=example,dc=com\"");
        out.reset();
        explain.certificate = dir.resolve("pki/mallory.pem");
        explain.chainFiles = java.util.List.of(dir.resolve("pki/untrusted-ca.pem"));
        rc = explain.run(new java.io.PrintStream(out, true, StandardCharsets.UTF_8),
                new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
        text = out.toString(StandardCharsets.UTF_8);
        assertThat(rc).as(text).isEqualTo(1);
        assertThat(text).contains("[1] CN=Untrusted Demo CA,O=Elsewhere", "does not reach a configured trust anchor",
                "skipped: issuer", "result: not mapped");
        explain.certificate = dir.resolve("pki/nothing.pem");
        assertThat(explain.run(new java.io.PrintStream(out, true, StandardCharsets.UTF_8),
                new java.io.PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("nothing.pem");
    }
}
