package dev.herald.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.config.ConfigFixtures.Failure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The file as a whole: YAML syntax, shapes, unknown keys, types — and that every problem is reported at once. */
class YamlValidationTest {

    static ConfigFixtures fx;

    @BeforeAll
    static void fixtures() throws Exception {
        fx = ConfigFixtures.shared();
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = fx.dir.resolve("no-such.yaml");
        assertThatThrownBy(() -> new ConfigLoader(Map.of(), Clock.systemUTC()).load(missing))
                .isInstanceOf(ConfigException.class).hasMessageContaining(missing.toString()).hasMessageContaining("does not exist")
                .hasMessageContaining("fix: check the path given to --config");
    }

    @Test
    void anEmptyFileIsRefused() throws Exception {
        Failure f = fx.fails("# nothing but a comment\n");
        assertThat(f.exception().problems().get(0).problem()).contains("empty");
    }

    @Test
    void aSyntaxErrorNamesItsLine() throws Exception {
        String yaml = ConfigFixtures.BASE + "limits:\n  size-limit: 10\n\tidle-timeout: 5m\n";
        Failure f = fx.fails(yaml);
        var p = f.exception().problems().get(0);
        assertThat(p.problem()).contains("not valid YAML");
        assertThat(p.location().line()).isEqualTo(ConfigFixtures.lineOf(yaml, "idle-timeout"));
        assertThat(p.fix()).contains("spaces, not tabs");
        assertThat(f.exception().getMessage()).contains(f.file() + ":" + p.location().line() + ":");
    }

    @Test
    void anUnclosedFlowMappingIsASyntaxError() throws Exception {
        Failure f = fx.fails("listeners:\n  ldap: { address: 127.0.0.1, port: 1389\ndirectory:\n  suffix: dc=x\n");
        assertThat(f.exception().problems().get(0).problem()).contains("not valid YAML");
    }

    @Test
    void theTopLevelMustBeAMapping() throws Exception {
        Failure f = fx.fails("- listeners\n- directory\n");
        assertThat(f.exception().problems().get(0).problem()).contains("expected a mapping").contains("a list");
        assertThat(f.exception().problems().get(0).fix()).contains("listeners, tls, directory");
    }

    @Test
    void anUnknownTopLevelKeyGetsADidYouMean() throws Exception {
        String yaml = ConfigFixtures.BASE + "limit:\n  size-limit: 10\n";
        fx.fails(yaml).only().hasOnLine("limit", "limit:", "unknown key 'limit'", "did you mean 'limits'?");
    }

    @Test
    void anUnknownNestedKeyListsTheAllowedKeys() throws Exception {
        String yaml = """
                listeners:
                  ldap: { address: 127.0.0.1, prot: 1389 }
                directory:
                  suffix: dc=example,dc=com
                """;
        fx.fails(yaml).has("listeners.ldap.prot", "unknown key 'prot'", "did you mean 'port'? The keys allowed under listeners.ldap are: address, port");
    }

    @Test
    void snakeCaseAndCamelCaseKeysPointAtTheKebabCaseSpelling() throws Exception {
        Failure f = fx.fails(ConfigFixtures.BASE + "limits:\n  size_limit: 10\n  maxConnections: 5\n");
        f.has("limits.size_limit", "unknown key", "did you mean 'size-limit'?");
        f.has("limits.maxConnections", "unknown key", "did you mean 'max-connections'?");
    }

    @Test
    void aRepeatedKeyIsAnError() throws Exception {
        String yaml = ConfigFixtures.BASE + "security:\n  anonymous-read: true\n  anonymous-read: false\n";
        fx.fails(yaml).has("security.anonymous-read", "given twice (first on line " + ConfigFixtures.lineOf(yaml, "anonymous-read") + ")",
                "keep one");
    }

    @Test
    void yesIsNotABoolean() throws Exception {
        String yaml = ConfigFixtures.BASE + "security:\n  anonymous-read: yes\n";
        fx.fails(yaml).only().hasOnLine("security.anonymous-read", "anonymous-read", "expected true or false, found the text 'yes'",
                "yes / no / on / off are text");
    }

    @Test
    void aListWhereAMappingBelongsIsNamed() throws Exception {
        fx.fails(ConfigFixtures.BASE + "security: [true]\n").has("security", "expected a mapping (key: value pairs), found a list",
                "require-tls-for-simple-bind");
    }

    @Test
    void everyProblemIsReportedAtOnce() throws Exception {
        String yaml = """
                listeners:
                  ldap: { address: 127.0.0.1, port: 99999 }
                directory:
                  suffix: dc=example;dc=com
                limits:
                  idle-timeout: 15
                """;
        Failure f = fx.fails(yaml);
        assertThat(f.exception().problems()).hasSize(3);
        f.has("listeners.ldap.port", "out of range", "between 1 and 65535");
        f.has("directory.suffix", "invalid DN", "RFC 4514");
        f.has("limits.idle-timeout", "has no unit", "15s");
        assertThat(f.exception().getMessage()).startsWith("invalid configuration in " + f.file() + " (3 problems):");
    }

    @Test
    void aliasesAndAnchorsWork() throws Exception {
        var config = fx.load("""
                listeners:
                  ldap: &l { address: 127.0.0.1, port: 1389 }
                directory:
                  suffix: &s dc=example,dc=com
                  admin-dn: cn=admin,dc=example,dc=com
                  backend: memory
                """);
        assertThat(config.directory().suffix()).isEqualTo("dc=example,dc=com");
    }

    @Test
    void nullMeansTheDefault() throws Exception {
        var config = fx.load(ConfigFixtures.BASE + "limits:\n  size-limit: ~\n  time-limit:\n");
        assertThat(config.limits().sizeLimit()).isEqualTo(1000);
    }

    @Test
    void loadStringResolvesAgainstTheGivenFilesFolder() throws Exception {
        var config = new ConfigLoader(fx.env, Clock.systemUTC()).loadString(ConfigFixtures.BASE + ConfigFixtures.TLS,
                fx.dir.resolve("virtual.yaml"));
        assertThat(config.source()).isEqualTo(fx.dir.resolve("virtual.yaml").toAbsolutePath());
        assertThat(config.tls().orElseThrow().credentials().get(0).origin()).contains(fx.dir.resolve("pki/server.pem").toString());
    }

    @Test
    void aRelativeConfigPathStillResolvesAgainstItsOwnFolder() throws Exception {
        Path sub = Files.createDirectories(fx.dir.resolve("sub"));
        Files.writeString(sub.resolve("c.yaml"), ConfigFixtures.BASE + "tls:\n  credentials:\n    - certificate: ../pki/server.pem\n      key: ../pki/server.key\n");
        Path relative = Path.of("").toAbsolutePath().relativize(sub.resolve("c.yaml"));
        var config = new ConfigLoader(fx.env, Clock.systemUTC()).load(relative);
        assertThat(config.tls().orElseThrow().credentials()).hasSize(1);
    }
}
