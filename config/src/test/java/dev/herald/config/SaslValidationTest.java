package dev.herald.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.config.model.AuthzRule;
import dev.herald.config.model.CertificateMapping;
import dev.herald.config.model.HeraldConfig;
import dev.herald.config.model.SanType;
import dev.herald.config.model.SearchScope;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SaslValidationTest {

    static ConfigFixtures fx;

    @BeforeAll
    static void fixtures() throws Exception {
        fx = ConfigFixtures.shared();
    }

    /** A valid file with TLS plus one mapper given as YAML lines (the first line starts with "type:"). */
    private static String mapper(String lines) {
        return ConfigFixtures.BASE + ConfigFixtures.TLS + "sasl:\n  external:\n    mappers:\n      - "
                + lines.strip().replace("\n", "\n        ") + "\n";
    }

    // ---- mappers ----

    @Test
    void anUnknownMapperTypeGetsADidYouMean() throws Exception {
        String yaml = mapper("type: subject-atribute\ncertificate-attribute: CN\nentry-attribute: uid");
        fx.fails(yaml).only().hasOnLine("sasl.external.mappers[0].type", "subject-atribute",
                "'subject-atribute' is not a mapper type", "did you mean 'subject-attribute'?");
    }

    @Test
    void aMapperWithoutTypeIsAnError() throws Exception {
        fx.fails(mapper("entry-attribute: uid")).only().has("sasl.external.mappers[0].type", "required key 'type' is missing",
                "subject-dn, subject-attribute");
    }

    @Test
    void aMapperMissingARequiredOptionNamesIt() throws Exception {
        fx.fails(mapper("type: subject-attribute\ncertificate-attribute: CN")).only()
                .has("sasl.external.mappers[0].entry-attribute", "required key 'entry-attribute' is missing", "entry-attribute: uid");
    }

    @Test
    void anOptionOfAnotherMapperTypeIsUnknownHere() throws Exception {
        fx.fails(mapper("type: subject-dn\nbase: ou=people,dc=example,dc=com")).only()
                .has("sasl.external.mappers[0].base", "unknown key 'base'", "are: type, issuer");
    }

    @Test
    void anUnknownCertificateAttributeGetsADidYouMean() throws Exception {
        fx.fails(mapper("type: subject-attribute\ncertificate-attribute: CNN\nentry-attribute: uid")).only()
                .has("sasl.external.mappers[0].certificate-attribute", "'CNN' is not a known certificate subject attribute",
                        "did you mean 'CN'?");
    }

    @Test
    void aBaseOutsideTheSuffixIsAnError() throws Exception {
        fx.fails(mapper("type: subject-attribute\ncertificate-attribute: CN\nentry-attribute: uid\nbase: ou=people,dc=exmple,dc=com"))
                .only().has("sasl.external.mappers[0].base", "is not inside the directory suffix dc=example,dc=com", "check for typos");
    }

    @Test
    void anInvalidBaseDnIsAnError() throws Exception {
        fx.fails(mapper("type: fingerprint\nentry-attribute: x-fingerprint\nbase: ou=people,,dc=example,dc=com")).only()
                .has("sasl.external.mappers[0].base", "invalid DN", "RFC 4514");
    }

    @Test
    void anInvalidEntryAttributeIsAnError() throws Exception {
        fx.fails(mapper("type: subject-dn-attribute\nentry-attribute: 'seeAlso DN'")).only()
                .has("sasl.external.mappers[0].entry-attribute", "not an attribute name", "entry-attribute: uid");
    }

    @Test
    void anUnknownScopeGetsADidYouMean() throws Exception {
        fx.fails(mapper("type: fingerprint\nentry-attribute: x-fingerprint\nscope: sbu")).only()
                .has("sasl.external.mappers[0].scope", "'sbu' is not a known search scope", "did you mean 'sub'?");
        HeraldConfig config = fx.load(mapper("type: fingerprint\nentry-attribute: x-fingerprint\nscope: subtree"));
        assertThat(((CertificateMapping.Fingerprint) config.sasl().external().mappers().get(0)).lookup().scope()).isEqualTo(SearchScope.SUB);
    }

    @Test
    void anUnknownSanTypeIsAnError() throws Exception {
        fx.fails(mapper("type: subject-alt-name\nsan-type: rfc822Name\nentry-attribute: mail")).only()
                .has("sasl.external.mappers[0].san-type", "not a known subjectAltName type", "email, dns, uri, upn");
    }

    @Test
    void aMissingIssuerFileIsNamed() throws Exception {
        fx.fails(mapper("type: subject-dn\nissuer: pki/nope.pem")).only()
                .has("sasl.external.mappers[0].issuer", "does not exist", "check the path");
    }

    @Test
    void anIssuerThatIsNotACaIsAnError() throws Exception {
        fx.fails(mapper("type: subject-dn\nissuer: pki/alice.pem")).only()
                .has("sasl.external.mappers[0].issuer", "is not a CA certificate", "pki/ca.pem");
    }

    @Test
    void anIssuerFileWithSeveralCertificatesIsAnError() throws Exception {
        fx.fails(mapper("type: subject-dn\nissuer: pki/bundle.pem")).only()
                .has("sasl.external.mappers[0].issuer", "holds 2 certificates", "one mapper per CA");
    }

    @Test
    void anUntrustedIssuerIsAWarning() throws Exception {
        HeraldConfig config = fx.load(mapper("type: subject-dn\nissuer: pki/untrusted-ca.pem"));
        ConfigFixtures.warning(config, "sasl.external.mappers[0].issuer", "never matches");
    }

    @Test
    void anIntermediateIssuedByATrustAnchorIsTrusted() throws Exception {
        HeraldConfig config = fx.load(mapper("type: subject-dn\nissuer: pki/intermediate.pem"));
        assertThat(config.warnings()).isEmpty();
    }

    @Test
    void anInvalidRegexIsNamed() throws Exception {
        fx.fails(mapper("type: regex\nmatch: '^CN=([^,]+,OU=people'\nreplace: 'uid=$1,ou=people,dc=example,dc=com'")).only()
                .has("sasl.external.mappers[0].match", "the regular expression is invalid", "Java regex syntax");
    }

    @Test
    void aReplacementReferringToAMissingGroupIsAnError() throws Exception {
        fx.fails(mapper("type: regex\nmatch: '^CN=([^,]+),OU=people'\nreplace: 'uid=$2,ou=people,dc=example,dc=com'")).only()
                .has("sasl.external.mappers[0].replace", "refers to group $2 but match has only 1 group(s)", "lower group number");
    }

    @Test
    void aReplacementThatIsNotADnIsAnError() throws Exception {
        fx.fails(mapper("type: regex\nmatch: '^CN=([^,]+)'\nreplace: 'uid:$1'")).only()
                .has("sasl.external.mappers[0].replace", "not a valid DN or LDAP URL", "RFC 4514");
    }

    @Test
    void aReplacementUrlWithABadFilterIsAnError() throws Exception {
        fx.fails(mapper("type: regex\nmatch: '^CN=([^,]+)'\nreplace: 'ldap:///ou=people,dc=example,dc=com??one?(uid=$1'")).only()
                .has("sasl.external.mappers[0].replace", "invalid filter", "RFC 4515");
    }

    @Test
    void aReplacementUrlWithAHostIsAnError() throws Exception {
        fx.fails(mapper("type: regex\nmatch: '^CN=([^,]+)'\nreplace: 'ldap://other.example.com/ou=people,dc=example,dc=com??one?(uid=$1)'"))
                .only().has("sasl.external.mappers[0].replace", "names a host", "ldap:///BASE??SCOPE?FILTER");
    }

    @Test
    void aReplacementUrlOutsideTheSuffixIsAnError() throws Exception {
        fx.fails(mapper("type: regex\nmatch: '^CN=([^,]+)'\nreplace: 'ldap:///ou=people,dc=other??one?(uid=$1)'")).only()
                .has("sasl.external.mappers[0].replace", "not inside the directory suffix", "base under dc=example,dc=com");
    }

    @Test
    void mappersWithoutClientCertificatesAreAWarning() throws Exception {
        String yaml = ConfigFixtures.BASE + ConfigFixtures.TLS + "  client-certificates: never\n"
                + "sasl:\n  external:\n    mappers:\n      - type: subject-dn\n";
        HeraldConfig config = fx.load(yaml);
        ConfigFixtures.warning(config, "sasl.external.mappers", "client certificates are never requested");
    }

    @Test
    void clientCertificatesWithoutMappersAreAWarning() throws Exception {
        HeraldConfig config = fx.load(ConfigFixtures.BASE + ConfigFixtures.TLS);
        ConfigFixtures.warning(config, "tls.client-certificates", "sasl.external.mappers is empty");
    }

    @Test
    void everyMapperTypeBinds() throws Exception {
        HeraldConfig config = fx.load(ConfigFixtures.BASE + ConfigFixtures.TLS + """
                sasl:
                  external:
                    mappers:
                      - type: subject-dn
                        issuer: pki/ca.pem
                      - type: subject-attribute
                        certificate-attribute: emailAddress
                        entry-attribute: mail
                        scope: one
                        base: ou=people,dc=example,dc=com
                      - type: subject-dn-attribute
                        entry-attribute: seeAlso
                      - type: fingerprint
                        entry-attribute: x-herald-fingerprint
                        scope: base
                        base: uid=alice,ou=people,dc=example,dc=com
                      - type: subject-alt-name
                        san-type: upn
                        entry-attribute: userPrincipalName
                      - type: certificate
                      - type: regex
                        match: '^CN=([^,]+),OU=people,O=Herald Demo$'
                        replace: 'ldap:///ou=people,dc=example,dc=com??one?(uid=$1)'
                      - type: subject-attribute
                        certificate-attribute: 0.9.2342.19200300.100.1.1
                        entry-attribute: uid
                """);
        List<CertificateMapping> m = config.sasl().external().mappers();
        assertThat(m).extracting(CertificateMapping::type).containsExactly("subject-dn", "subject-attribute", "subject-dn-attribute",
                "fingerprint", "subject-alt-name", "certificate", "regex", "subject-attribute");
        assertThat(m.get(0).issuer()).isPresent();
        assertThat(m.get(0).location().keyPath()).isEqualTo("sasl.external.mappers[0]");
        var email = (CertificateMapping.SubjectAttribute) m.get(1);
        assertThat(email.certificateAttributeOid()).isEqualTo("1.2.840.113549.1.9.1");
        assertThat(email.lookup().scope()).isEqualTo(SearchScope.ONE);
        var dnAttr = (CertificateMapping.SubjectDnAttribute) m.get(2);
        assertThat(dnAttr.lookup().base()).isEqualTo("dc=example,dc=com");
        assertThat(dnAttr.lookup().scope()).isEqualTo(SearchScope.SUB);
        assertThat(((CertificateMapping.SubjectAltName) m.get(4)).sanType()).isEqualTo(SanType.UPN);
        assertThat(((CertificateMapping.CertificateMatch) m.get(5)).lookup().attribute()).isEqualTo("userCertificate");
        var regex = (CertificateMapping.Regex) m.get(6);
        assertThat(regex.replaceIsSearch()).isTrue();
        assertThat(regex.match().matcher("CN=alice,OU=people,O=Herald Demo").replaceAll(regex.replace()))
                .isEqualTo("ldap:///ou=people,dc=example,dc=com??one?(uid=alice)");
        assertThat(((CertificateMapping.SubjectAttribute) m.get(7)).certificateAttributeOid()).isEqualTo("0.9.2342.19200300.100.1.1");
    }

    @Test
    void snMeansSurnameAsInLdap() throws Exception {
        HeraldConfig config = fx.load(ConfigFixtures.BASE + ConfigFixtures.TLS
                + "sasl:\n  external:\n    mappers:\n      - { type: subject-attribute, certificate-attribute: SN, entry-attribute: sn }\n");
        assertThat(((CertificateMapping.SubjectAttribute) config.sasl().external().mappers().get(0)).certificateAttributeOid())
                .isEqualTo("2.5.4.4");
    }

    // ---- authz ----

    @Test
    void anUnknownRuleKindIsAnError() throws Exception {
        fx.fails(ConfigFixtures.BASE + "sasl:\n  authz:\n    rules:\n      - { from: 'dn.subtre:ou=admins,dc=example,dc=com', to: 'dn:uid=x,dc=example,dc=com' }\n")
                .only().has("sasl.authz.rules[0].from", "'dn.subtre' is not a known kind of identity", "dn.subtree:DN");
    }

    @Test
    void aRuleWithABadDnIsAnError() throws Exception {
        fx.fails(ConfigFixtures.BASE + "sasl:\n  authz:\n    rules:\n      - { from: 'dn:cn=proxy,dc=example,dc=com', to: 'dn.subtree:people' }\n")
                .only().has("sasl.authz.rules[0].to", "invalid DN 'people'", "RFC 4514");
    }

    @Test
    void aRuleWithoutToIsAnError() throws Exception {
        fx.fails(ConfigFixtures.BASE + "sasl:\n  authz:\n    rules:\n      - { from: 'dn:cn=proxy,dc=example,dc=com' }\n")
                .only().has("sasl.authz.rules[0].to", "required key 'to' is missing", "which identities");
    }

    @Test
    void aRuleWithABadRegexIsAnError() throws Exception {
        fx.fails(ConfigFixtures.BASE + "sasl:\n  authz:\n    rules:\n      - { from: 'dn.regex:^uid=(.*', to: 'u:alice' }\n")
                .only().has("sasl.authz.rules[0].from", "the regular expression is invalid", "Java syntax");
    }

    @Test
    void authzBinds() throws Exception {
        HeraldConfig config = fx.load(ConfigFixtures.BASE + """
                sasl:
                  authz:
                    entry-attribute: authzTo
                    rules:
                      - from: dn:cn=proxy,ou=services,dc=example,dc=com
                        to: dn.subtree:ou=people,dc=example,dc=com
                      - { from: 'dn.regex:^uid=[^,]+,ou=admins,dc=example,dc=com$', to: 'ldap:///ou=people,dc=example,dc=com??one?(objectClass=person)' }
                      - { from: 'dn.onelevel:ou=admins,dc=example,dc=com', to: 'u:alice' }
                """);
        assertThat(config.sasl().authz().entryAttribute()).contains("authzTo");
        assertThat(config.sasl().authz().rules()).extracting(AuthzRule::to)
                .containsExactly("dn.subtree:ou=people,dc=example,dc=com", "ldap:///ou=people,dc=example,dc=com??one?(objectClass=person)",
                        "u:alice");
    }

    @Test
    void usernamesBindWithDefaults() throws Exception {
        HeraldConfig config = fx.load(ConfigFixtures.BASE + """
                sasl:
                  usernames:
                    attribute: uid
                    base: ou=people,dc=example,dc=com
                """);
        assertThat(config.sasl().usernames()).hasValueSatisfying(u -> {
            assertThat(u.attribute()).isEqualTo("uid");
            assertThat(u.base()).isEqualTo("ou=people,dc=example,dc=com");
            assertThat(u.scope()).isEqualTo(SearchScope.SUB);
        });
        assertThat(fx.load(ConfigFixtures.BASE).sasl().usernames()).isEmpty();
    }

    @Test
    void usernamesNeedAnAttribute() throws Exception {
        fx.fails(ConfigFixtures.BASE + "sasl:\n  usernames:\n    base: ou=people,dc=example,dc=com\n")
                .only().has("sasl.usernames.attribute", "required key 'attribute' is missing", "attribute: uid");
    }
}
