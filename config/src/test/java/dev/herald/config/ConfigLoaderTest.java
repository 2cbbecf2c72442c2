package dev.herald.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.config.model.AccessLog;
import dev.herald.config.model.BackendType;
import dev.herald.config.model.CertificateMapping;
import dev.herald.config.model.ClientCertificateMode;
import dev.herald.config.model.HeraldConfig;
import dev.herald.config.model.Limits;
import dev.herald.config.model.SaslSettings;
import dev.herald.config.model.SecuritySettings;
import dev.herald.config.model.TlsCredential;
import dev.herald.config.model.TlsNames;
import dev.herald.config.model.TlsProtocol;
import dev.herald.config.model.TlsSettings;
import dev.herald.config.pki.KeyMaterial;
import dev.herald.config.pki.PemFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPrivateCrtKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Configurations that load, and what they load into. */
class ConfigLoaderTest {

    static ConfigFixtures fx;

    @BeforeAll
    static void fixtures() throws Exception {
        fx = ConfigFixtures.shared();
    }

    @Test
    void aMinimalFileGetsEveryDefault() throws Exception {
        HeraldConfig config = fx.load(ConfigFixtures.BASE);
        assertThat(config.tls()).isEmpty();
        assertThat(config.directory().backend()).isEqualTo(BackendType.MEMORY);
        assertThat(config.directory().initialLdif()).isEmpty();
        assertThat(config.directory().adminDn()).isEmpty();
        assertThat(config.directory().indexes()).isEmpty();
        assertThat(config.directory().unindexedSearchLimit()).isEqualTo(10_000);
        assertThat(config.directory().maxSize()).isEqualTo(1L << 30);
        assertThat(config.sasl()).isEqualTo(SaslSettings.DEFAULTS);
        assertThat(config.security()).isEqualTo(SecuritySettings.DEFAULTS);
        assertThat(config.limits()).isEqualTo(Limits.DEFAULTS);
        assertThat(config.logging().accessLog()).isInstanceOf(AccessLog.Stdout.class);
    }

    @Test
    void tlsDefaults() throws Exception {
        TlsSettings tls = fx.load(ConfigFixtures.BASE + ConfigFixtures.TLS).tls().orElseThrow();
        assertThat(tls.clientCertificates()).isEqualTo(ClientCertificateMode.TRY);
        assertThat(tls.protocols()).containsExactly(TlsProtocol.TLS_1_3, TlsProtocol.TLS_1_2);
        assertThat(tls.cipherSuites()).isEqualTo(TlsNames.CIPHER_SUITES);
        assertThat(tls.groups()).containsExactly("x25519", "secp256r1", "secp384r1");
        assertThat(tls.requireExtendedMasterSecret()).isFalse();
        assertThat(tls.handshakeTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(tls.keyLogFile()).isEmpty();
        TlsCredential c = tls.credentials().get(0);
        assertThat(c.chain()).hasSize(1);
        assertThat(c.serverNames()).containsExactly("localhost");
        assertThat(c.location().keyPath()).isEqualTo("tls.credentials[0]");
        assertThat(c.privateKey().getClass().getName()).startsWith("sun.");
    }

    @Test
    void withoutTrustAnchorsClientCertificatesAreNotRequested() throws Exception {
        String yaml = ConfigFixtures.BASE + "tls:\n  credentials:\n    - { certificate: pki/server.pem, key: pki/server.key }\n";
        assertThat(fx.load(yaml).tls().orElseThrow().clientCertificates()).isEqualTo(ClientCertificateMode.NEVER);
    }

    @Test
    void credentialsOfEveryKeyTypeAndChainsWithIntermediatesLoad() throws Exception {
        HeraldConfig config = fx.load(ConfigFixtures.BASE + """
                tls:
                  credentials:
                    - { certificate: pki/server.pem, key: pki/server-enc.key, key-password: { env: HERALD_KEY_PASSWORD } }
                    - { certificate: pki/rsa.pem, key: pki/rsa.key }
                    - { certificate: pki/ed25519.pem, key: pki/ed25519.key }
                    - { certificate: pki/via-inter.pem, key: pki/via-inter.key, server-names: ['*.example.com', inter.example.com.] }
                    - { pkcs12: pki/server.p12, password: { env: HERALD_P12_PASSWORD }, alias: herald }
                  trust-anchors: [pki/bundle.pem]
                  client-certificates: allow
                """);
        TlsSettings tls = config.tls().orElseThrow();
        assertThat(tls.credentials()).extracting(TlsCredential::keyType)
                .containsExactly("ECDSA P-256", "RSA 2048", "Ed25519", "ECDSA P-256", "ECDSA P-256");
        assertThat(tls.credentials().get(3).chain()).hasSize(2);
        assertThat(tls.credentials().get(3).serverNames()).containsExactly("*.example.com", "inter.example.com");
        assertThat(tls.credentials().get(2).serverNames()).isEmpty();
        assertThat(tls.trustAnchors()).hasSize(2);
        assertThat(tls.clientCertificates()).isEqualTo(ClientCertificateMode.ALLOW);
        for (TlsCredential c : tls.credentials()) {
            KeyMaterial.checkKeyMatchesCertificate(c.privateKey(), c.leaf());
        }
    }

    @Test
    void privateKeysNeverShowInToString() throws Exception {
        HeraldConfig config = fx.load(ConfigFixtures.BASE + "tls:\n  credentials:\n    - { certificate: pki/rsa.pem, key: pki/rsa.key }\n");
        TlsCredential c = config.tls().orElseThrow().credentials().get(0);
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) c.privateKey();
        assertThat(config.toString()).doesNotContain(key.getPrivateExponent().toString())
                .doesNotContain(key.getPrimeP().toString()).contains("RSA 2048").contains("CN=rsa.example.com");
    }

    /** The complete example of docs/configuration.md loads, so the reference stays true. */
    @Test
    void theReferenceExampleLoads() throws Exception {
        String doc = Files.readString(Path.of("../docs/configuration.md"));
        Matcher m = Pattern.compile("```yaml\\n# herald-config-example\\n(.*?)```", Pattern.DOTALL).matcher(doc);
        assertThat(m.find()).as("the example block in docs/configuration.md").isTrue();
        Path dir = Files.createDirectories(fx.dir.resolve("docs-example"));
        Path pki = Files.createDirectories(dir.resolve("pki"));
        Files.copy(fx.dir.resolve("pki/server.pem"), pki.resolve("server.pem"));
        Files.copy(fx.dir.resolve("pki/server-enc.key"), pki.resolve("server.key"));
        Files.copy(fx.dir.resolve("pki/ca.pem"), pki.resolve("ca.pem"));
        var rsaCert = KeyMaterial.readCertificates(fx.dir.resolve("pki/rsa.pem"));
        var rsaKey = KeyMaterial.readPrivateKey(fx.dir.resolve("pki/rsa.key"), null).privateKey();
        Files.write(pki.resolve("server-rsa.p12"), PemFiles.pkcs12(rsaKey, rsaCert, "p12-secret".toCharArray(), "rsa"));
        Files.createDirectories(dir.resolve("secrets"));
        PemFiles.writePrivate(dir.resolve("secrets/p12.pass"), "p12-secret\n");
        Files.copy(fx.dir.resolve("demo.ldif"), dir.resolve("example.ldif"));
        Path file = Files.writeString(dir.resolve("herald.yaml"), m.group(1));

        HeraldConfig config = new ConfigLoader(Map.of("HERALD_KEY_PASSWORD", ConfigFixtures.KEY_PASSWORD), Clock.systemUTC()).load(file);

        assertThat(config.warnings()).as("warnings: %s", config.warnings()).isEmpty();
        assertThat(config.listeners().all()).hasSize(2);
        TlsSettings tls = config.tls().orElseThrow();
        assertThat(tls.credentials()).extracting(TlsCredential::keyType).containsExactly("ECDSA P-256", "RSA 2048");
        assertThat(tls.cipherSuites()).hasSize(5);
        assertThat(tls.requireExtendedMasterSecret()).isTrue();
        assertThat(config.directory().dataDir()).isEqualTo(dir.resolve("data"));
        assertThat(config.sasl().external().mappers()).hasSize(2).allSatisfy(x -> assertThat(x.issuer()).isPresent());
        assertThat(config.sasl().external().mappers().get(1)).isInstanceOf(CertificateMapping.SubjectAltName.class);
        assertThat(config.sasl().authz().rules()).hasSize(1);
        assertThat(config.logging().accessLog()).isEqualTo(new AccessLog.ToFile(dir.resolve("access.log")));
        assertThat(config.directory().indexes()).containsKeys("uid", "mail");
        assertThat(List.of(config.limits())).containsExactly(Limits.DEFAULTS);
    }
}
