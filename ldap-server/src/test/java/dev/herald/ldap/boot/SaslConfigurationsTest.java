package dev.herald.ldap.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.herald.config.ConfigException;
import dev.herald.config.ConfigLoader;
import dev.herald.config.demo.DemoPki;
import dev.herald.config.model.HeraldConfig;
import dev.herald.sasl.authz.AuthorizationPolicy;
import dev.herald.sasl.cert.FingerprintFormat;
import dev.herald.sasl.cert.SanType;
import dev.herald.sasl.mapping.CandidateSource;
import dev.herald.sasl.mapping.MapperSpec;

/** The configuration's sasl section as the sasl module's specs and policy. */
class SaslConfigurationsTest {

    @TempDir
    static Path dir;
    static DemoPki pki;

    @BeforeAll
    static void pki() throws Exception {
        pki = DemoPki.generate(dir);
    }

    private static HeraldConfig load(String sasl) throws Exception {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, """
                listeners:
                  ldap: { address: 127.0.0.1, port: 0 }
                directory:
                  suffix: dc=example,dc=com
                  backend: memory
                sasl:
                """ + sasl.stripIndent().indent(2));
        return new ConfigLoader(Map.of(), Clock.systemUTC()).load(file);
    }

    @Test
    void everyMapperTypeBecomesItsSpecInOrderWithUniqueNames() throws Exception {
        HeraldConfig config = load("""
                external:
                  mappers:
                    - { type: subject-dn, issuer: %s }
                    - { type: subject-attribute, certificate-attribute: CN, entry-attribute: uid, scope: one, base: "ou=people,dc=example,dc=com" }
                    - { type: subject-attribute, certificate-attribute: emailAddress, entry-attribute: mail }
                    - { type: subject-dn-attribute, entry-attribute: seeAlso }
                    - { type: fingerprint, entry-attribute: description }
                    - { type: subject-alt-name, san-type: upn, entry-attribute: mail }
                    - { type: certificate }
                    - { type: regex, match: "CN=([^,]+),OU=staff,O=Example", replace: "ldap:///ou=people,dc=example,dc=com??sub?(employeeNumber=$1)" }
                """.formatted(pki.caCertificate()));
        List<MapperSpec> specs = SaslConfigurations.mappers(config.sasl().external().mappers());
        assertThat(specs).extracting(s -> s.options().name()).containsExactly("subject-dn", "subject-attribute",
                "subject-attribute-2", "subject-dn-attribute", "fingerprint", "subject-alt-name", "certificate", "regex");
        assertThat(specs.get(0).options().issuer()).contains(config.sasl().external().mappers().get(0).issuer().orElseThrow());
        assertThat(specs.get(1)).isInstanceOfSatisfying(MapperSpec.SubjectAttribute.class, s -> {
            assertThat(s.entryAttribute()).isEqualTo("uid");
            assertThat(s.search().baseDn()).isEqualTo("ou=people,dc=example,dc=com");
            assertThat(s.search().scope()).isEqualTo(dev.herald.sasl.directory.Scope.ONE);
        });
        assertThat(specs.get(2)).isInstanceOfSatisfying(MapperSpec.SubjectAttribute.class,
                s -> assertThat(s.search().baseDn()).as("default base: the suffix").isEqualTo("dc=example,dc=com"));
        assertThat(specs.get(4)).isInstanceOfSatisfying(MapperSpec.Fingerprint.class,
                s -> assertThat(s.format()).isEqualTo(FingerprintFormat.HEX));
        assertThat(specs.get(5)).isInstanceOfSatisfying(MapperSpec.SubjectAltName.class,
                s -> assertThat(s.sanType()).isEqualTo(SanType.UPN));
        assertThat(specs.get(6)).isInstanceOfSatisfying(MapperSpec.ExactCertificate.class, s -> {
            assertThat(s.certificateAttribute()).isEqualTo("userCertificate;binary");
            assertThat(s.candidates()).isInstanceOf(CandidateSource.CertificateSearch.class);
        });
        assertThat(specs.get(7)).isInstanceOf(MapperSpec.Regex.class);
        assertThat(SaslConfigurations.searchedAttributes(config.sasl()))
                .containsExactly("uid", "mail", "seeAlso", "description", "userCertificate", "employeeNumber");
    }

    @Test
    void authorizationAndUsernames() throws Exception {
        HeraldConfig config = load("""
                authz:
                  entry-attribute: authzTo
                  rules:
                    - { from: "dn:cn=proxy,dc=example,dc=com", to: "dn.subtree:ou=people,dc=example,dc=com" }
                usernames:
                  attribute: uid
                  base: ou=people,dc=example,dc=com
                """);
        AuthorizationPolicy policy = SaslConfigurations.authorization(config.sasl().authz(), config.source());
        assertThat(policy.authzToAttribute()).contains("authzTo");
        assertThat(policy.authzFromAttribute()).isEmpty();
        assertThat(policy.rules()).hasSize(1);
        assertThat(policy.requireExistingTarget()).isTrue();
        assertThat(SaslConfigurations.usernames(config.sasl(), config.source()))
                .hasValueSatisfying(u -> assertThat(u.attribute()).isEqualTo("uid"));
        assertThat(SaslConfigurations.searchedAttributes(config.sasl())).containsExactly("uid");
    }

    @Test
    void aUserNameRuleIsRefusedWithItsLine() throws Exception {
        HeraldConfig config = load("""
                authz:
                  rules:
                    - { from: "dn:cn=proxy,dc=example,dc=com", to: "u:alice" }
                """);
        assertThatThrownBy(() -> SaslConfigurations.authorization(config.sasl().authz(), config.source()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(config.source() + ":9:")
                .hasMessageContaining("sasl.authz.rules[0]")
                .hasMessageContaining("u: user names are not supported")
                .hasMessageContaining("fix: name the entries instead");
    }
}
