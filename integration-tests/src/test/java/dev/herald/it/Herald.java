package dev.herald.it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.herald.config.ConfigLoader;
import dev.herald.config.model.HeraldConfig;
import dev.herald.ldap.boot.HeraldInstance;

/**
 * Herald in this JVM, started the way {@code serve --config} starts it: a YAML configuration
 * (written to a temporary folder and loaded by the config module) with an LDAP and an LDAPS
 * listener on free loopback ports, TLS from {@link TestPki} (client certificates {@code try}),
 * the in-memory backend loaded with {@code example.ldif}, and SASL EXTERNAL mapping a
 * certificate's CN to {@code uid} under ou=people for the demo CA. Sections can be replaced.
 */
public final class Herald implements AutoCloseable {

    public static final String SUFFIX = "dc=example,dc=com";
    public static final String ADMIN = "cn=admin,dc=example,dc=com";
    public static final String ADMIN_PW = "admin-pw";
    public static final String ALICE = "uid=alice,ou=people,dc=example,dc=com";
    public static final String BOB = "uid=bob,ou=people,dc=example,dc=com";

    private final HeraldInstance instance;
    private final Path dir;

    private Herald(HeraldInstance instance, Path dir) {
        this.instance = instance;
        this.dir = dir;
    }

    /** The example directory over StartTLS / LDAPS, with passwords allowed in clear (for the operation tests). */
    public static Herald start() throws Exception {
        return builder().section("security", "require-tls-for-simple-bind: false").start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Assembles the configuration file section by section. */
    public static final class Builder {
        private final Map<String, String> sections = new LinkedHashMap<>();
        private String ldif;
        private String clientCertificates = "try";
        private String handshakeTimeout = "10s";
        private java.util.function.UnaryOperator<dev.herald.ldap.backend.Backend> backendWrapper =
                java.util.function.UnaryOperator.identity();

        private Builder() {
            TestPki pki = TestPki.get();
            sections.put("listeners", """
                    ldap:  { address: 127.0.0.1, port: 0 }
                    ldaps: { address: 127.0.0.1, port: 0 }""");
            sections.put("tls", null); // built in start(), from the fields
            sections.put("directory", """
                    suffix: dc=example,dc=com
                    backend: memory
                    initial-ldif: data.ldif
                    admin-dn: cn=admin,dc=example,dc=com""");
            sections.put("sasl", """
                    external:
                      mappers:
                        - type: subject-attribute
                          issuer: %s
                          certificate-attribute: CN
                          entry-attribute: uid
                          base: ou=people,dc=example,dc=com
                          scope: one""".formatted(pki.caPem()));
        }

        /** Replaces a top-level section ({@code listeners}, {@code tls}, {@code sasl}, {@code security}, ...). */
        public Builder section(String name, String yaml) {
            sections.put(name, yaml);
            return this;
        }

        /** The client-certificate mode of the default tls section. */
        public Builder clientCertificates(String mode) {
            this.clientCertificates = mode;
            return this;
        }

        public Builder handshakeTimeout(String duration) {
            this.handshakeTimeout = duration;
            return this;
        }

        /** Wraps the storage backend (e.g. to hold a search in progress). */
        public Builder backendWrapper(java.util.function.UnaryOperator<dev.herald.ldap.backend.Backend> wrapper) {
            this.backendWrapper = wrapper;
            return this;
        }

        /** Replaces example.ldif. */
        public Builder ldif(String text) {
            this.ldif = text;
            return this;
        }

        public Herald start() throws Exception {
            TestPki pki = TestPki.get();
            Path dir = Files.createTempDirectory("herald-it");
            try {
                if (ldif == null) {
                    try (InputStream in = Herald.class.getResourceAsStream("example.ldif")) {
                        Files.write(dir.resolve("data.ldif"), in.readAllBytes());
                    }
                } else {
                    Files.writeString(dir.resolve("data.ldif"), ldif);
                }
                if (sections.get("tls") == null) {
                    sections.put("tls", """
                            credentials:
                              - certificate: %s
                                key: %s
                            trust-anchors: [%s]
                            client-certificates: %s
                            handshake-timeout: %s""".formatted(pki.files.serverCertificate(), pki.files.serverKey(),
                            pki.caPem(), clientCertificates, handshakeTimeout));
                }
                StringBuilder yaml = new StringBuilder();
                sections.forEach((name, body) -> {
                    if (body != null && !body.isBlank()) {
                        yaml.append(name).append(":\n").append(body.stripIndent().indent(2));
                    }
                });
                Path file = dir.resolve("config.yaml");
                Files.writeString(file, yaml.toString(), StandardCharsets.UTF_8);
                HeraldConfig config = new ConfigLoader(Map.of(), Clock.systemUTC()).load(file);
                return new Herald(HeraldInstance.start(config, backendWrapper), dir);
            } catch (Exception | Error e) {
                TestPki.deleteTree(dir);
                throw e;
            }
        }
    }

    /** The clear-text (StartTLS) listener's port. */
    public int port() {
        return instance.addresses().get(0).getPort();
    }

    /** The LDAPS listener's port. */
    public int ldapsPort() {
        return instance.addresses().get(1).getPort();
    }

    public String url() {
        return "ldap://127.0.0.1:" + port();
    }

    public String ldapsUrl() {
        return "ldaps://127.0.0.1:" + ldapsPort();
    }

    public HeraldInstance instance() {
        return instance;
    }

    /** The folder holding this server's configuration. */
    public Path dir() {
        return dir;
    }

    @Override
    public void close() throws IOException {
        instance.close();
        TestPki.deleteTree(dir);
    }
}
