package dev.herald.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.config.model.HeraldConfig;
import dev.herald.config.model.Listener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ListenersValidationTest {

    static ConfigFixtures fx;

    private static final String DIRECTORY = "directory:\n  suffix: dc=example,dc=com\n  backend: memory\n";

    @BeforeAll
    static void fixtures() throws Exception {
        fx = ConfigFixtures.shared();
    }

    @Test
    void noListenersSectionIsAnError() throws Exception {
        fx.fails(DIRECTORY).only().has("listeners", "no listeners are configured", "listeners: { ldap:");
    }

    @Test
    void anEmptyListenersSectionIsAnError() throws Exception {
        fx.fails("listeners: {}\n" + DIRECTORY).only().has("listeners", "no listeners are configured", "at least one listener");
    }

    @Test
    void aPortOutOfRangeIsAnError() throws Exception {
        String yaml = "listeners:\n  ldap:\n    address: 127.0.0.1\n    port: 70000\n" + DIRECTORY;
        fx.fails(yaml).only().hasOnLine("listeners.ldap.port", "port: 70000", "70000 is out of range", "between 1 and 65535");
    }

    @Test
    void aNegativePortIsAnError() throws Exception {
        fx.fails("listeners:\n  ldap: { port: -1 }\n" + DIRECTORY).only().has("listeners.ldap.port", "out of range", "between 1 and 65535");
    }

    @Test
    void aPortThatIsNotANumberIsAnError() throws Exception {
        fx.fails("listeners:\n  ldap: { port: ldap }\n" + DIRECTORY).only()
                .has("listeners.ldap.port", "expected a whole number, found the text 'ldap'", "between 1 and 65535");
    }

    @Test
    void anInvalidIpAddressIsAnError() throws Exception {
        fx.fails("listeners:\n  ldap: { address: 999.0.0.1, port: 1389 }\n" + DIRECTORY).only()
                .has("listeners.ldap.address", "'999.0.0.1' is not a valid IP address", "127.0.0.1");
    }

    @Test
    void anAddressThatIsNeitherIpNorHostIsAnError() throws Exception {
        fx.fails("listeners:\n  ldap: { address: 'ldap://localhost', port: 1389 }\n" + DIRECTORY).only()
                .has("listeners.ldap.address", "is not a valid IP address", "host name");
    }

    @Test
    void aListenerWrittenAsAPortIsAnError() throws Exception {
        fx.fails("listeners:\n  ldap: 1389\n" + DIRECTORY).only()
                .has("listeners.ldap", "expected a mapping (key: value pairs), found the number 1389", "{ address: 127.0.0.1, port: 389 }");
    }

    @Test
    void anUnknownListenerIsAnError() throws Exception {
        fx.fails("listeners:\n  ldapi: { port: 1389 }\n  ldap: { port: 1389 }\n" + DIRECTORY).only()
                .has("listeners.ldapi", "unknown key 'ldapi'", "ldap, ldaps");
    }

    @Test
    void bothListenersOnOnePortIsAnError() throws Exception {
        String yaml = "listeners:\n  ldap: { address: 127.0.0.1, port: 1389 }\n  ldaps: { address: 0.0.0.0, port: 1389 }\n"
                + DIRECTORY + ConfigFixtures.TLS;
        fx.fails(yaml).only().hasOnLine("listeners.ldaps", "ldaps:", "same address and port", "different ports");
    }

    @Test
    void anLdapsListenerWithoutTlsIsAnError() throws Exception {
        String yaml = "listeners:\n  ldaps: { address: 127.0.0.1, port: 1636 }\n" + DIRECTORY;
        fx.fails(yaml).only().hasOnLine("listeners.ldaps", "ldaps:", "LDAPS listener is configured but there is no tls section",
                "add tls: { credentials:");
    }

    @Test
    void defaultsAreTheIanaPortsOnEveryInterface() throws Exception {
        HeraldConfig config = fx.load("listeners:\n  ldap: {}\n  ldaps: {}\n" + DIRECTORY + ConfigFixtures.TLS);
        Listener ldap = config.listeners().ldap().orElseThrow();
        assertThat(ldap.port()).isEqualTo(389);
        assertThat(ldap.address().isAnyLocalAddress()).isTrue();
        assertThat(config.listeners().ldaps().orElseThrow().port()).isEqualTo(636);
        assertThat(config.listeners().all()).hasSize(2);
    }

    @Test
    void listenersKeepTheirPlaceInTheFileForBindErrors() throws Exception {
        String yaml = "listeners:\n  ldap: { address: '::1', port: 0 }\n" + DIRECTORY;
        HeraldConfig config = fx.load(yaml);
        Listener ldap = config.listeners().ldap().orElseThrow();
        assertThat(ldap.url()).isEqualTo("ldap://[0:0:0:0:0:0:0:1]:0");
        assertThat(ldap.location().keyPath()).isEqualTo("listeners.ldap");
        assertThat(ldap.location().line()).isEqualTo(2);
        ConfigException bindError = ConfigException.at(ldap.location(), "port 1389 on ::1 is already in use",
                "stop the other server or choose another port");
        assertThat(bindError.getMessage()).contains(config.source() + ":2:").contains("listeners.ldap: port 1389 on ::1 is already in use")
                .contains("fix: stop the other server");
    }

    @Test
    void hostNamesResolve() throws Exception {
        HeraldConfig config = fx.load("listeners:\n  ldap: { address: localhost, port: 1389 }\n" + DIRECTORY);
        assertThat(config.listeners().ldap().orElseThrow().address().isLoopbackAddress()).isTrue();
    }
}
