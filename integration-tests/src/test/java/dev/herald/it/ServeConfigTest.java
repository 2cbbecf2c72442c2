package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar ldap-server.jar serve --config FILE} as a process: a working configuration
 * serves StartTLS + EXTERNAL; each mistake stops it at start with exit code 2 and a message that
 * names the file, the key and the fix, without a stack trace.
 */
class ServeConfigTest {

    @TempDir
    Path dir;

    private String config(int ldapPort, String key, String mapperType) {
        TestPki pki = TestPki.get();
        return """
                listeners:
                  ldap: { address: 127.0.0.1, port: %d }
                tls:
                  credentials:
                    - certificate: %s
                      key: %s
                  trust-anchors: [%s]
                directory:
                  suffix: dc=example,dc=com
                  backend: memory
                  initial-ldif: %s
                sasl:
                  external:
                    mappers:
                      - type: %s
                        certificate-attribute: CN
                        entry-attribute: uid
                        base: ou=people,dc=example,dc=com
                logging:
                  access-log: off
                """.formatted(ldapPort, pki.files.serverCertificate(), key, pki.caPem(), ldif(), mapperType);
    }

    private Path ldif() {
        Path f = dir.resolve("example.ldif");
        try {
            if (!Files.exists(f)) {
                Files.write(f, Herald.class.getResourceAsStream("example.ldif").readAllBytes());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return f;
    }

    /** Runs serve with {@code yaml}; expects it to refuse; returns its output. */
    private String refused(String yaml) throws Exception {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, yaml);
        try (JarProcess p = JarProcess.start(dir, "serve", "--config", file.toString())) {
            int rc = p.awaitExit(60);
            String out = p.output();
            assertThat(rc).as(out).isEqualTo(2);
            assertThat(out).contains("invalid configuration in " + file, file + ":").doesNotContain("\tat ", "Exception");
            return out;
        }
    }

    @Test
    void aWorkingConfigurationServesStartTlsAndExternal() throws Exception {
        TestPki pki = TestPki.get();
        int port = JarProcess.freePort();
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, config(port, pki.files.serverKey().toString(), "subject-attribute"));
        try (JarProcess p = JarProcess.start(dir, "serve", "--config", file.toString())) {
            assertThat(p.awaitLine(l -> l.contains("serving dc=example,dc=com on ldap://127.0.0.1:" + port), 60))
                    .as(p.output()).isTrue();
            Tool.Result r = Tool.run(dir, Map.of("LDAPTLS_CACERT", pki.caPem().toString(), "LDAPTLS_CERT", pki.cert("bob").toString(),
                    "LDAPTLS_KEY", pki.key("bob").toString()), (String) null, "ldapwhoami", "-H", "ldap://127.0.0.1:" + port, "-ZZ",
                    "-Y", "EXTERNAL");
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.out().trim()).isEqualTo("dn:" + Herald.BOB);
        }
    }

    @Test
    void aMissingKeyFile() throws Exception {
        Path missing = dir.resolve("nowhere/server.key");
        String out = refused(config(0, missing.toString(), "subject-attribute"));
        assertThat(out).contains("tls.credentials[0].key", missing.toString(), "fix:");
    }

    @Test
    void aKeyThatDoesNotMatchTheCertificate() throws Exception {
        String out = refused(config(0, TestPki.get().key("alice").toString(), "subject-attribute"));
        assertThat(out).contains("tls.credentials[0].key", "does not match", "fix:");
    }

    @Test
    void anUnknownMapperType() throws Exception {
        String out = refused(config(0, TestPki.get().files.serverKey().toString(), "subject-atribute"));
        assertThat(out).contains("sasl.external.mappers[0].type", "'subject-atribute' is not a mapper type",
                "did you mean 'subject-attribute'?");
    }

    @Test
    void aPortInUse() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            String out = refused(config(taken.getLocalPort(), TestPki.get().files.serverKey().toString(), "subject-attribute"));
            assertThat(out).contains("listeners.ldap", "port " + taken.getLocalPort(), "already in use", "fix:");
        }
    }
}
