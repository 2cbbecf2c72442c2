package dev.herald.config.syntax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.config.syntax.DnSyntax.Relation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DnSyntaxTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "dc=example;dc=com",      // RFC 1779 separator
        "example.com",            // a domain, not a DN
        "dc=example,,dc=com",     // empty RDN
        "dc=example,",            // trailing comma
        "=example",               // no type
        "1dc=example",            // type starting with a digit that is not an OID
        "2.5=x",                  // an OID needs at least two arcs... 2.5 is fine; see below
        "cn=a\\zb",               // bad escape
        "cn=",                    // empty value
        "cn=a<b",                 // unescaped special
        "cn=#abc",                // odd hex
        "cn=#zz",                 // not hex
        "cn=a\\",                 // lone backslash
        "u id=x",                 // space inside a type
    })
    void malformedDnsAreRefused(String dn) {
        if (dn.equals("2.5=x")) {
            return; // a valid numericoid, listed to document the rule
        }
        assertThatThrownBy(() -> DnSyntax.parse(dn)).isInstanceOf(SyntaxException.class).hasMessageContaining("invalid DN");
    }

    @Test
    void errorsNameThePosition() {
        assertThatThrownBy(() -> DnSyntax.parse("dc=example;dc=com")).hasMessageContaining("at character 11");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "dc=example,dc=com",
        "dc=example, dc=com",
        "cn=Alice Smith+uid=alice,ou=people,dc=example,dc=com",
        "cn=Smith\\, Alice,ou=people,dc=example,dc=com",
        "cn=\\23hash\\ ,dc=x",
        "cn=caf\\C3\\A9,dc=x",
        "2.5.4.3=alice,0.9.2342.19200300.100.1.25=example",
        "cn=#04024869,dc=x",
        "x-custom-attr=v=w,dc=x",
        "cn=Ünïcödé,dc=x",
    })
    void wellFormedDnsAreAccepted(String dn) throws Exception {
        assertThat(DnSyntax.parse(dn)).isNotEmpty();
    }

    @Test
    void valuesAreUnescapedAndTypesLowerCased() throws Exception {
        var rdns = DnSyntax.parse("CN=Smith\\, Alice+UID=as,dc=caf\\C3\\A9");
        assertThat(rdns).hasSize(2);
        assertThat(rdns.get(0)).containsExactly(new DnSyntax.Ava("cn", "Smith, Alice", false), new DnSyntax.Ava("uid", "as", false));
        assertThat(rdns.get(1).get(0).value()).isEqualTo("café");
    }

    @Test
    void theEmptyDnIsEmpty() throws Exception {
        assertThat(DnSyntax.parse("")).isEmpty();
        assertThatThrownBy(() -> DnSyntax.parseNonEmpty(" ")).isInstanceOf(SyntaxException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ou=people,dc=example,dc=com | dc=example,dc=com | WITHIN",
        "dc=example,dc=com           | dc=example,dc=com | WITHIN",
        "OU=People, DC=Example, DC=COM | dc=example,dc=com | WITHIN",
        "ou=people,domainComponent=example,0.9.2342.19200300.100.1.25=com | dc=example,dc=com | WITHIN",
        "ou=people,dc=exmple,dc=com  | dc=example,dc=com | OUTSIDE",
        "dc=com                      | dc=example,dc=com | OUTSIDE",
        "ou=people,dc=#0403636f6d    | dc=com            | UNKNOWN",
    })
    void relationToTheSuffix(String dn, String suffix, Relation expected) throws Exception {
        assertThat(DnSyntax.relation(DnSyntax.parse(dn.strip()), DnSyntax.parse(suffix.strip()))).isEqualTo(expected);
    }

    @Test
    void attributeDescriptions() {
        assertThat(DnSyntax.isAttributeDescription("userCertificate;binary")).isTrue();
        assertThat(DnSyntax.isAttributeDescription("2.5.4.36")).isTrue();
        assertThat(DnSyntax.isAttributeDescription("x-herald-fingerprint")).isTrue();
        assertThat(DnSyntax.isAttributeDescription("u id")).isFalse();
        assertThat(DnSyntax.isAttributeDescription("1uid")).isFalse();
        assertThat(DnSyntax.isAttributeDescription("uid;")).isFalse();
        assertThat(DnSyntax.isNumericOid("1.02")).isFalse();
    }
}
