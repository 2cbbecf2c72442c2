package dev.herald.config.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.config.ConfigLoader;
import dev.herald.config.model.AccessLog;
import dev.herald.config.model.BackendType;
import dev.herald.config.model.CertificateMapping;
import dev.herald.config.model.ClientCertificateMode;
import dev.herald.config.model.HeraldConfig;
import dev.herald.config.model.SearchScope;
import dev.herald.config.model.TlsSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoConfigTest {

    @TempDir
    Path dir;

    @Test
    void theLoaderAcceptsTheDemoConfigurationWithoutWarnings() throws Exception {
        Path file = DemoConfig.write(dir, 1389, 1636);
        HeraldConfig config = new ConfigLoader(Map.of(), Clock.systemUTC()).load(file);

        assertThat(config.warnings()).isEmpty();
        assertThat(config.listeners().ldap().orElseThrow().url()).isEqualTo("ldap://127.0.0.1:1389");
        assertThat(config.listeners().ldaps().orElseThrow().url()).isEqualTo("ldaps://127.0.0.1:1636");
        TlsSettings tls = config.tls().orElseThrow();
        assertThat(tls.clientCertificates()).isEqualTo(ClientCertificateMode.TRY);
        assertThat(tls.credentials()).hasSize(1);
        assertThat(tls.credentials().get(0).keyType()).isEqualTo("ECDSA P-256");
        assertThat(tls.credentials().get(0).serverNames()).containsExactly("localhost");
        assertThat(tls.trustAnchors()).singleElement()
                .satisfies(c -> assertThat(c.getSubjectX500Principal().getName()).isEqualTo(DemoPki.CA_SUBJECT));
        assertThat(config.directory().suffix()).isEqualTo("dc=example,dc=com");
        assertThat(config.directory().backend()).isEqualTo(BackendType.LMDB);
        assertThat(config.directory().dataDir()).isEqualTo(dir.toAbsolutePath().resolve("data"));
        assertThat(config.directory().initialLdif()).contains(dir.toAbsolutePath().resolve("demo.ldif"));
        assertThat(config.directory().adminDn()).contains(DemoConfig.ADMIN_DN);
        assertThat(config.sasl().external().mappers()).singleElement().isInstanceOfSatisfying(
                CertificateMapping.SubjectAttribute.class, m -> {
                    assertThat(m.certificateAttributeOid()).isEqualTo("2.5.4.3");
                    assertThat(m.lookup().attribute()).isEqualTo("uid");
                    assertThat(m.lookup().base()).isEqualTo("ou=people,dc=example,dc=com");
                    assertThat(m.lookup().scope()).isEqualTo(SearchScope.ONE);
                    assertThat(m.issuer().orElseThrow()).isEqualTo(tls.trustAnchors().get(0));
                });
        assertThat(config.logging().accessLog()).isInstanceOf(AccessLog.Stdout.class);
        Path password = dir.resolve(DemoConfig.ADMIN_PASSWORD_FILE);
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(password)))
                .isEqualTo("rw-------");
        assertThat(Files.readString(password)).matches("[A-Za-z0-9_-]{24}");
        String written = Files.readString(password);
        assertThat(config.directory().adminPassword()).hasValueSatisfying(
                s -> assertThat(new String(s.reveal())).isEqualTo(written));
    }

    @Test
    void rewritingKeepsThePkiAndTheLdifButTakesTheNewPorts() throws Exception {
        DemoConfig.write(dir, 1389, 1636);
        byte[] ca = Files.readAllBytes(dir.resolve("pki/ca.pem"));
        byte[] alice = Files.readAllBytes(dir.resolve("pki/alice.key"));
        String password = Files.readString(dir.resolve(DemoConfig.ADMIN_PASSWORD_FILE));
        Files.writeString(dir.resolve("demo.ldif"), DemoConfig.ldif() + "\n# edited\n");

        Path file = DemoConfig.write(dir, 0, 0);

        assertThat(Files.readAllBytes(dir.resolve("pki/ca.pem"))).isEqualTo(ca);
        assertThat(Files.readAllBytes(dir.resolve("pki/alice.key"))).isEqualTo(alice);
        assertThat(Files.readString(dir.resolve("demo.ldif"))).endsWith("# edited\n");
        assertThat(Files.readString(dir.resolve(DemoConfig.ADMIN_PASSWORD_FILE))).isEqualTo(password);
        HeraldConfig config = new ConfigLoader(Map.of(), Clock.systemUTC()).load(file);
        assertThat(config.listeners().ldap().orElseThrow().port()).isZero();
    }

    @Test
    void theLdifHoldsTheEntriesTheCertificatesMapTo() {
        String ldif = DemoConfig.ldif();
        for (String user : new String[] {"alice", "bob", "mallory"}) {
            assertThat(ldif).contains("dn: " + DemoConfig.userDn(user) + "\n").contains("uid: " + user + "\n")
                    .contains("mail: " + user + "@example.com\n");
        }
        assertThat(ldif).contains("dn: cn=admin,dc=example,dc=com\n");
    }
}
