package dev.herald.ldap.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchScope;

import dev.herald.config.ConfigException;
import dev.herald.config.ConfigLoader;
import dev.herald.config.model.HeraldConfig;

/**
 * A server assembled from a configuration file on the LMDB backend: the initial LDIF is loaded
 * once into {@code data-dir}, the attributes the certificate mappers search are indexed, and a
 * port in use is reported at the listener's line.
 */
class HeraldInstanceTest {

    @TempDir
    Path dir;

    private HeraldConfig config(int port) throws Exception {
        StringBuilder ldif = new StringBuilder("""
                dn: dc=example,dc=com
                objectClass: domain
                dc: example
                """);
        for (int i = 0; i < 8; i++) {
            ldif.append("\ndn: cn=p").append(i).append(",dc=example,dc=com\nobjectClass: organizationalPerson\ncn: p").append(i)
                    .append("\nsn: s\ndescription: d").append(i).append("\ntitle: t").append(i).append('\n');
        }
        Files.writeString(dir.resolve("data.ldif"), ldif);
        Files.writeString(dir.resolve("config.yaml"), """
                listeners:
                  ldap: { address: 127.0.0.1, port: %d }
                directory:
                  suffix: dc=example,dc=com
                  backend: lmdb
                  data-dir: data
                  max-size: 64MiB
                  initial-ldif: data.ldif
                  unindexed-search-limit: 3
                sasl:
                  external:
                    mappers:
                      - { type: fingerprint, entry-attribute: description }
                security:
                  anonymous-read: true
                  require-tls-for-simple-bind: false
                """.formatted(port));
        return new ConfigLoader(Map.of(), Clock.systemUTC()).load(dir.resolve("config.yaml"));
    }

    @Test
    void lmdbWithTheMapperAttributesIndexed() throws Exception {
        try (HeraldInstance h = HeraldInstance.start(config(0))) {
            assertThat(h.loadedEntries()).isEqualTo(9);
            try (LDAPConnection c = new LDAPConnection("127.0.0.1", h.addresses().get(0).getPort())) {
                assertThat(c.search("dc=example,dc=com", SearchScope.SUB, "(description=d5)").getEntryCount())
                        .as("indexed for the fingerprint mapper").isEqualTo(1);
                assertThatThrownBy(() -> c.search("dc=example,dc=com", SearchScope.SUB, "(title=t5)"))
                        .as("title is not indexed: over the unindexed-search limit")
                        .isInstanceOfSatisfying(LDAPSearchException.class,
                                e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.ADMIN_LIMIT_EXCEEDED));
            }
        }
        assertThat(dir.resolve("data")).isDirectory();
        try (HeraldInstance h = HeraldInstance.start(config(0))) {
            assertThat(h.loadedEntries()).as("the data is kept").isZero();
        }
    }

    @Test
    void aPortInUseNamesTheListener() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            HeraldConfig config = config(taken.getLocalPort());
            assertThatThrownBy(() -> HeraldInstance.start(config)).isInstanceOfSatisfying(ConfigException.class, e -> {
                assertThat(e.problems()).singleElement().satisfies(p -> {
                    assertThat(p.location().keyPath()).isEqualTo("listeners.ldap");
                    assertThat(p.location().line()).isEqualTo(2);
                    assertThat(p.problem()).contains("already in use");
                });
            });
            // Nothing was left open: the data folder can be opened again at once.
            try (HeraldInstance.Directory d = HeraldInstance.openDirectory(config)) {
                assertThat(d.service().hasSuffixEntry()).isTrue();
            }
        }
    }
}
