package dev.herald.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.config.model.AccessLog;
import dev.herald.config.model.HeraldConfig;
import dev.herald.config.model.Limits;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** security, limits, logging, and secrets read from env / files. */
class OtherSectionsValidationTest {

    static ConfigFixtures fx;

    @BeforeAll
    static void fixtures() throws Exception {
        fx = ConfigFixtures.shared();
    }

    // ---- security ----

    @Test
    void tlsForEveryOperationWithoutTlsIsAnError() throws Exception {
        fx.fails(ConfigFixtures.BASE + "security:\n  require-tls-for-all-operations: true\n").only()
                .has("security.require-tls-for-all-operations", "TLS is not configured", "add a tls section");
    }

    @Test
    void tlsForSimpleBindsWithoutTlsIsAWarning() throws Exception {
        HeraldConfig config = fx.load(ConfigFixtures.BASE);
        ConfigFixtures.warning(config, "security.require-tls-for-simple-bind", "confidentialityRequired");
        assertThat(config.tls()).isEmpty();
    }

    @Test
    void anUnknownSecurityKeyGetsADidYouMean() throws Exception {
        fx.fails(ConfigFixtures.BASE + "security:\n  anonymous-reads: true\n").only()
                .has("security.anonymous-reads", "unknown key", "did you mean 'anonymous-read'?");
    }

    // ---- limits ----

    @Test
    void aSizeWithAnUnknownUnitIsAnError() throws Exception {
        fx.fails(ConfigFixtures.BASE + "limits:\n  max-pdu-bytes: 2XB\n").only()
                .has("limits.max-pdu-bytes", "'XB' in '2XB' is not a size unit", "KiB, MiB");
    }

    @Test
    void aSizeThatIsNotANumberIsAnError() throws Exception {
        fx.fails(ConfigFixtures.BASE + "limits:\n  max-pdu-bytes: lots\n").only()
                .has("limits.max-pdu-bytes", "'lots' is not a size", "for example 2MiB");
    }

    @Test
    void aPduLimitTooSmallIsAnError() throws Exception {
        fx.fails(ConfigFixtures.BASE + "limits:\n  max-pdu-bytes: 100\n").only()
                .has("limits.max-pdu-bytes", "out of range (1KiB to", "between 1KiB");
    }

    @Test
    void anAnonymousPduLimitAboveTheBoundOneIsAnError() throws Exception {
        fx.fails(ConfigFixtures.BASE + "limits:\n  max-pdu-bytes: 64KiB\n  max-pdu-bytes-anonymous: 1MiB\n").only()
                .has("limits.max-pdu-bytes-anonymous", "(1MiB) is larger than the limit for bound sessions (64KiB)", "at most max-pdu-bytes");
    }

    @Test
    void aCountThatIsNotANumberIsAnError() throws Exception {
        fx.fails(ConfigFixtures.BASE + "limits:\n  size-limit: many\n").only()
                .has("limits.size-limit", "expected a whole number, found the text 'many'", "or unlimited");
    }

    @Test
    void aNegativeDurationIsAnError() throws Exception {
        fx.fails(ConfigFixtures.BASE + "limits:\n  time-limit: -5s\n").only().has("limits.time-limit", "is not a duration", "or unlimited");
    }

    @Test
    void unlimitedConnectionsAreRefused() throws Exception {
        fx.fails(ConfigFixtures.BASE + "limits:\n  max-connections: unlimited\n").only()
                .has("limits.max-connections", "cannot be unlimited", "10000");
    }

    @Test
    void zeroOutstandingIsRefused() throws Exception {
        fx.fails(ConfigFixtures.BASE + "limits:\n  max-outstanding-per-connection: 0\n").only()
                .has("limits.max-outstanding-per-connection", "out of range", "1000");
    }

    @Test
    void limitsDefaultAndParse() throws Exception {
        assertThat(fx.load(ConfigFixtures.BASE).limits()).isEqualTo(Limits.DEFAULTS);
        HeraldConfig config = fx.load(ConfigFixtures.BASE + """
                limits:
                  max-pdu-bytes: 4MiB
                  max-pdu-bytes-anonymous: 32768
                  size-limit: unlimited
                  time-limit: 1h30m
                  max-connections: 500
                  idle-timeout: 0
                  max-outstanding-per-connection: 100
                """);
        assertThat(config.limits()).isEqualTo(new Limits(4 << 20, 32768, 0, Duration.ofMinutes(90), 500, Duration.ZERO, 100));
    }

    // ---- logging ----

    @Test
    void anAccessLogInAMissingFolderIsAnError() throws Exception {
        fx.fails(ConfigFixtures.BASE + "logging:\n  access-log: no-such-folder/access.log\n").only()
                .has("logging.access-log", "the folder " + fx.dir.resolve("no-such-folder") + " of the access log does not exist", "create it");
    }

    @Test
    void anAccessLogThatIsAFolderIsAnError() throws Exception {
        fx.fails(ConfigFixtures.BASE + "logging:\n  access-log: logs\n").only().has("logging.access-log", "is a folder", "access.log");
    }

    @Test
    void accessLogTargets() throws Exception {
        assertThat(fx.load(ConfigFixtures.BASE).logging().accessLog()).isInstanceOf(AccessLog.Stdout.class);
        assertThat(fx.load(ConfigFixtures.BASE + "logging:\n  access-log: '-'\n").logging().accessLog()).isInstanceOf(AccessLog.Stdout.class);
        assertThat(fx.load(ConfigFixtures.BASE + "logging:\n  access-log: off\n").logging().accessLog()).isInstanceOf(AccessLog.Off.class);
        assertThat(fx.load(ConfigFixtures.BASE + "logging:\n  access-log: false\n").logging().accessLog()).isInstanceOf(AccessLog.Off.class);
        assertThat(fx.load(ConfigFixtures.BASE + "logging:\n  access-log: logs/access.log\n").logging().accessLog())
                .isEqualTo(new AccessLog.ToFile(fx.dir.resolve("logs/access.log")));
    }

    // ---- secrets ----

    private static String encryptedKeyWith(String secret) {
        return ConfigFixtures.BASE + "tls:\n  credentials:\n    - certificate: pki/server.pem\n      key: pki/server-enc.key\n"
                + "      key-password: " + secret + "\n";
    }

    @Test
    void secretsComeFromTheEnvironment() throws Exception {
        assertThat(fx.load(encryptedKeyWith("{ env: HERALD_KEY_PASSWORD }")).tls()).isPresent();
    }

    @Test
    void secretsComeFromFilesWithoutTheirTrailingNewline() throws Exception {
        assertThat(fx.load(encryptedKeyWith("{ file: key-password.txt }")).tls()).isPresent();
        assertThat(fx.load(encryptedKeyWith("{ file: key-password-crlf.txt }")).tls()).isPresent();
    }

    @Test
    void secretsCanBeGivenInline() throws Exception {
        assertThat(fx.load(encryptedKeyWith("{ value: '" + ConfigFixtures.KEY_PASSWORD + "' }")).tls()).isPresent();
    }

    @Test
    void aReadableSecretFileIsAWarning() throws Exception {
        java.nio.file.Path f = fx.dir.resolve("world-readable.txt");
        java.nio.file.Files.writeString(f, ConfigFixtures.KEY_PASSWORD + "\n");
        java.nio.file.Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        HeraldConfig config = fx.load(encryptedKeyWith("{ file: world-readable.txt }"));
        ConfigFixtures.warning(config, "tls.credentials[0].key-password.file", "other users can read it");
    }

    @Test
    void pkcs12PasswordsComeFromSecretsToo() throws Exception {
        HeraldConfig config = fx.load(ConfigFixtures.BASE
                + "tls:\n  credentials:\n    - pkcs12: pki/server.p12\n      password: { file: p12-password.txt }\n");
        assertThat(config.tls().orElseThrow().credentials().get(0).origin()).contains("server.p12 (herald)");
    }
}
