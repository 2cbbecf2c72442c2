package dev.herald.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.herald.config.demo.DemoConfig;
import dev.herald.config.demo.DemoPki;
import dev.herald.config.model.ConfigProblem;
import dev.herald.config.model.HeraldConfig;
import dev.herald.config.pki.CertificateBuilder;
import dev.herald.config.pki.CertifiedKey;
import dev.herald.config.pki.KeyMaterial;
import dev.herald.config.pki.KeyType;
import dev.herald.config.pki.KeyUsageBit;
import dev.herald.config.pki.PemFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * A folder of key material shared by the configuration tests (made once: key generation is
 * the slow part), and helpers to write a configuration next to it, load it, and check the
 * problems it reports.
 */
final class ConfigFixtures {

    static final String KEY_PASSWORD = "s3cret-pass";
    static final String P12_PASSWORD = "p12-pass";

    /** A valid minimal file: one listener and an in-memory directory. */
    static final String BASE = """
            listeners:
              ldap: { address: 127.0.0.1, port: 1389 }
            directory:
              suffix: dc=example,dc=com
              backend: memory
            """;

    /** A valid tls section with the demo server credential and the demo CA. */
    static final String TLS = """
            tls:
              credentials:
                - certificate: pki/server.pem
                  key: pki/server.key
              trust-anchors: [pki/ca.pem]
            """;

    /** A valid sasl section that maps the demo users. */
    static final String SASL = """
            sasl:
              external:
                mappers:
                  - type: subject-attribute
                    issuer: pki/ca.pem
                    certificate-attribute: CN
                    entry-attribute: uid
                    base: ou=people,dc=example,dc=com
            """;

    final Path dir;
    final Map<String, String> env;
    private int counter;

    private ConfigFixtures(Path dir, Map<String, String> env) {
        this.dir = dir;
        this.env = env;
    }

    private static ConfigFixtures shared;

    /** One fixture folder for all configuration test classes of this JVM, removed at exit. */
    static synchronized ConfigFixtures shared() throws Exception {
        if (shared == null) {
            Path dir = Files.createTempDirectory("herald-config-test");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
            shared = create(dir);
        }
        return shared;
    }

    private static void deleteTree(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // best effort at exit
        }
    }

    static ConfigFixtures create(Path dir) throws IOException, java.security.GeneralSecurityException {
        DemoPki pki = DemoPki.generate(dir);
        Path p = pki.directory();
        CertifiedKey ca = new CertifiedKey(cert(pki.caCertificate()),
                new KeyPair(cert(pki.caCertificate()).getPublicKey(), key(pki.caKey())), List.of());
        CertifiedKey server = new CertifiedKey(cert(pki.serverCertificate()),
                new KeyPair(cert(pki.serverCertificate()).getPublicKey(), key(pki.serverKey())), List.of(ca.certificate()));

        server.writeEncryptedPrivateKey(p.resolve("server-enc.key"), KEY_PASSWORD.toCharArray());
        server.writePkcs12(p.resolve("server.p12"), P12_PASSWORD.toCharArray());
        Files.write(p.resolve("server.der"), server.certificate().getEncoded());
        Files.writeString(p.resolve("reversed.pem"), PemFiles.certificates(List.of(ca.certificate(), server.certificate())));
        Files.writeString(p.resolve("bundle.pem"), Files.readString(pki.caCertificate()) + Files.readString(pki.untrustedCaCertificate()));

        CertifiedKey rsa = CertificateBuilder.server("CN=rsa.example.com", ca).keyType(KeyType.RSA_2048)
                .dnsNames("rsa.example.com").build();
        writePair(rsa, p, "rsa");
        writePair(CertificateBuilder.server("CN=weak", ca).keyType(KeyType.RSA_1024).build(), p, "weak");
        writePair(CertificateBuilder.server("CN=p521", ca).keyType(KeyType.EC_P521).build(), p, "p521");
        writePair(CertificateBuilder.server("CN=nosig", ca).keyUsage(KeyUsageBit.KEY_AGREEMENT).build(), p, "nosig");
        writePair(CertificateBuilder.server("CN=expired", ca).expired().dnsNames("localhost").build(), p, "expired");
        writePair(CertificateBuilder.server("CN=ed", ca).keyType(KeyType.ED25519).build(), p, "ed25519");
        CertifiedKey inter = CertificateBuilder.intermediateCa("CN=Demo Intermediate,O=Herald Demo", ca).build();
        writePair(inter, p, "intermediate");
        CertifiedKey viaInter = CertificateBuilder.server("CN=inter.example.com", inter).dnsNames("inter.example.com").build();
        viaInter.writeChain(p.resolve("via-inter.pem"));
        viaInter.writePrivateKey(p.resolve("via-inter.key"));

        PemFiles.writePrivate(dir.resolve("key-password.txt"), KEY_PASSWORD + "\n");
        PemFiles.writePrivate(dir.resolve("key-password-crlf.txt"), KEY_PASSWORD + "\r\n");
        PemFiles.writePrivate(dir.resolve("p12-password.txt"), P12_PASSWORD + "\n");
        Files.writeString(dir.resolve("demo.ldif"), DemoConfig.ldif());
        Files.createDirectories(dir.resolve("logs"));
        return new ConfigFixtures(dir, Map.of("HERALD_KEY_PASSWORD", KEY_PASSWORD, "HERALD_P12_PASSWORD", P12_PASSWORD,
                "EMPTY_VAR", ""));
    }

    private static void writePair(CertifiedKey k, Path dir, String name) throws IOException {
        k.writeCertificate(dir.resolve(name + ".pem"));
        k.writePrivateKey(dir.resolve(name + ".key"));
    }

    private static java.security.cert.X509Certificate cert(Path f) throws IOException {
        try {
            return KeyMaterial.readCertificates(f).get(0);
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    private static java.security.PrivateKey key(Path f) throws IOException {
        try {
            return KeyMaterial.readPrivateKey(f, null).privateKey();
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    /** Writes {@code yaml} to a new file in the fixture folder and returns its path. */
    Path write(String yaml) throws IOException {
        Path file = dir.resolve("config-" + (++counter) + ".yaml");
        Files.writeString(file, yaml);
        return file;
    }

    HeraldConfig load(String yaml) throws Exception {
        return new ConfigLoader(env, Clock.systemUTC()).load(write(yaml));
    }

    /** Loads {@code yaml}, which must fail; returns the exception and the file. */
    Failure fails(String yaml) throws IOException {
        Path file = write(yaml);
        try {
            new ConfigLoader(env, Clock.systemUTC()).load(file);
        } catch (ConfigException e) {
            return new Failure(file, yaml, e);
        }
        return fail("expected the configuration to be refused:\n" + yaml);
    }

    /** A refused configuration and helpers to check its problems. */
    record Failure(Path file, String yaml, ConfigException exception) {

        /**
         * Asserts a problem at {@code keyPath} whose text contains {@code problemPart} and whose
         * fix contains {@code fixPart}, located in the file on a real line, and that the
         * exception's message shows all of it.
         */
        ConfigProblem has(String keyPath, String problemPart, String fixPart) {
            ConfigProblem p = exception.problems().stream().filter(x -> x.location().keyPath().equals(keyPath)).findFirst()
                    .orElseGet(() -> fail("no problem at " + keyPath + "; problems:\n" + exception.getMessage()));
            assertThat(p.location().file()).isEqualTo(file.toAbsolutePath());
            assertThat(p.location().line()).as("line of %s", keyPath).isPositive();
            assertThat(p.problem()).contains(problemPart);
            assertThat(p.fix()).contains(fixPart);
            assertThat(exception.getMessage()).contains(file.toAbsolutePath().toString()).contains(keyPath + ": ")
                    .contains(p.problem()).contains("fix: " + p.fix());
            return p;
        }

        /** Like {@link #has}, and the problem is on the line of the first occurrence of {@code marker}. */
        ConfigProblem hasOnLine(String keyPath, String marker, String problemPart, String fixPart) {
            ConfigProblem p = has(keyPath, problemPart, fixPart);
            assertThat(p.location().line()).as("line of %s", keyPath).isEqualTo(lineOf(yaml, marker));
            return p;
        }

        Failure only() {
            assertThat(exception.problems()).as(exception.getMessage()).hasSize(1);
            return this;
        }
    }

    static int lineOf(String yaml, String marker) {
        String[] lines = yaml.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(marker)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line with " + marker);
    }

    static ConfigProblem warning(HeraldConfig config, String keyPath, String part) {
        return config.warnings().stream().filter(w -> w.location().keyPath().equals(keyPath) && w.problem().contains(part))
                .findFirst().orElseGet(() -> fail("no warning at " + keyPath + " with '" + part + "'; warnings: " + config.warnings()));
    }
}
