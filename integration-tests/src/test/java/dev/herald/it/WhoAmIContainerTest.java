package dev.herald.it;

import static dev.herald.it.Herald.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.Testcontainers;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

import dev.herald.config.pki.CertificateBuilder;
import dev.herald.config.pki.CertifiedKey;
import dev.herald.config.pki.KeyType;

/**
 * The ldapwhoami check from a Debian container (ldap-utils from the distribution, as a user
 * would install it) against Herald running on the host, reached through Testcontainers'
 * host-port forwarding. Runs where a Docker engine exists and is skipped cleanly elsewhere;
 * {@link ExternalOpenLdapTest#aliceAndBobOverStartTlsAndLdaps} is its host-binary twin, which
 * always runs.
 */
@org.testcontainers.junit.jupiter.Testcontainers(disabledWithoutDocker = true)
class WhoAmIContainerTest {

    static final String HOST = "host.testcontainers.internal";

    @TempDir
    Path dir;

    @Test
    void ldapwhoamiFromADebianContainer() throws Exception {
        TestPki pki = TestPki.get();
        // The container reaches the host by name: the server certificate must carry it.
        CertifiedKey server = CertificateBuilder.server("CN=" + HOST + ",O=Herald Demo", pki.ca).keyType(KeyType.EC_P256)
                .dnsNames(HOST, "localhost").ipAddresses("127.0.0.1").build();
        Path[] serverFiles = TestPki.write(server, dir, "server");
        try (Herald h = Herald.builder().section("tls", """
                credentials:
                  - { certificate: %s, key: %s }
                trust-anchors: [%s]""".formatted(serverFiles[0], serverFiles[1], pki.caPem())).start()) {
            Testcontainers.exposeHostPorts(h.port());
            try (GenericContainer<?> debian = new GenericContainer<>(DockerImageName.parse("debian:bookworm-slim"))
                    .withCommand("sleep", "infinity")
                    .withCopyFileToContainer(MountableFile.forHostPath(pki.caPem()), "/certs/ca.pem")
                    .withCopyFileToContainer(MountableFile.forHostPath(pki.cert("alice")), "/certs/alice.pem")
                    .withCopyFileToContainer(MountableFile.forHostPath(pki.key("alice")), "/certs/alice.key")) {
                debian.start();
                Container.ExecResult install = debian.execInContainer("sh", "-c",
                        "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ldap-utils >/dev/null");
                assertThat(install.getExitCode()).as(install.getStderr()).isZero();
                Container.ExecResult r = debian.execInContainer("sh", "-c", "LDAPTLS_CACERT=/certs/ca.pem "
                        + "LDAPTLS_CERT=/certs/alice.pem LDAPTLS_KEY=/certs/alice.key ldapwhoami -H ldap://" + HOST + ":" + h.port()
                        + " -ZZ -Y EXTERNAL");
                assertThat(r.getExitCode()).as(r.getStdout() + r.getStderr()).isZero();
                assertThat(r.getStdout().trim()).isEqualTo("dn:" + ALICE);
            }
        }
    }
}
