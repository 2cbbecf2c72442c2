package dev.herald.sasl.syntax;

import dev.herald.sasl.directory.Scope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DnTest {

    // --- negative first: RFC 4514 §3 violations are refused ---

    @ParameterizedTest
    @ValueSource(strings = {
            "cn", "=a", "cn=a,", ",cn=a", "cn=a,,o=b", "cn=a+", "cn=a;o=b",
            "cn=a\"b", "cn=a<b", "cn=a>b", "cn=a;b",
            "cn= a", "cn=a ", "cn=a ,o=b",
            "cn=a\\", "cn=a\\q", "cn=a\\4", "cn=a\\4g",
            "cn=#", "cn=#1", "cn=#zz", "cn=#00,", "cn = a", "1cn=a", "01.2=a", "1.=a", "c_n=a",
            "cn=\\ff", "cn=\\c3", "cn=\\c0\\af",
    })
    void malformedDnsAreRefused(String text) {
        assertThatThrownBy(() -> Dn.parse(text)).isInstanceOf(SyntaxException.class);
    }

    @Test
    void rawNulIsRefused() {
        assertThatThrownBy(() -> Dn.parse("cn=a\u0000b")).isInstanceOf(SyntaxException.class);
    }

    @Test
    void unpairedSurrogateIsRefused() {
        assertThatThrownBy(() -> Dn.parse("cn=a\ud800")).isInstanceOf(SyntaxException.class);
        assertThatThrownBy(() -> Dn.escapeValue("a\udc00")).isInstanceOf(IllegalArgumentException.class);
    }

    // --- inputs that the Apache Directory API's schema-less DN parser (api-ldap-model 2.1.8)
    // accepts or silently changes; they are why this parser is our own (docs/sasl.md) ---

    @Test
    void unescapedQuoteDoesNotTruncateTheDn() {
        // the API alone parses this as "cn=a" and drops the rest, including the suffix
        assertThatThrownBy(() -> Dn.parse("cn=a\"b,dc=example")).isInstanceOf(SyntaxException.class)
                .hasMessageContaining("position 4");
        assertThatThrownBy(() -> Dn.parse("cn=a\"b+uid=admin,dc=example")).isInstanceOf(SyntaxException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cn=a;o=b", "cn=a<b,dc=x", "cn=a>b", "cn=a\u0000b,dc=x"})
    void rfc1779SemicolonAndUnescapedSpecialsAreRefused(String text) {
        // the API takes ';' as an RDN separator and keeps '<', '>' and NUL in values
        assertThatThrownBy(() -> Dn.parse(text)).isInstanceOf(SyntaxException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cn=\\ff", "cn=\\c3", "cn=\\c0\\af", "cn=\\ed\\a0\\80", "cn=a\\C3\\A9\\A9,dc=x", "cn=\\F0\\9F\\98"})
    void escapedOctetsMustBeUtf8(String text) {
        // the API turns these into U+FFFD, so different DNs would compare equal
        assertThatThrownBy(() -> Dn.parse(text)).isInstanceOf(SyntaxException.class).hasMessageContaining("UTF-8");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cn=#04 0a", "cn=# 0a", "cn=#04 ", "cn=#04 ,dc=x", "cn=#04x"})
    void hexValuesAreOnlyHexPairs(String text) {
        // the API reads "#04 0a" as #04 and "# 0a" as no octets
        assertThatThrownBy(() -> Dn.parse(text)).isInstanceOf(SyntaxException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"c_n=a", "1.=a", "cn=a\\é", "cn=\\ a\\"})
    void typesAndEscapesFollowRfc4512And4514(String text) {
        assertThatThrownBy(() -> Dn.parse(text)).isInstanceOf(SyntaxException.class);
    }

    @Test
    void spacesAroundSeparatorsStayRefusedExceptBeforeATypeAndAfterPlus() throws SyntaxException {
        // the API trims them; RFC 4514 §3 has no place for them (people do write "uid=a, ou=b")
        for (String bad : new String[] {"cn=a ,o=b", "cn=a +sn=b", "cn= a", "cn =a", "cn=a\\, ", " "}) {
            assertThatThrownBy(() -> Dn.parse(bad)).as(bad).isInstanceOf(SyntaxException.class);
        }
        assertThat(Dn.parse(" uid=a,  ou=b").toString()).isEqualTo("uid=a,ou=b");
        assertThat(Dn.parse("cn=a+ sn=b")).isEqualTo(Dn.parse("cn=a+sn=b"));
        assertThat(Dn.parse("cn=\\ a\\ ").rdns().get(0).avas().get(0).value()).isEqualTo(" a ");
        assertThat(Dn.parse("cn=a\\20").rdns().get(0).avas().get(0).value()).isEqualTo("a ");
    }

    @Test
    void spaceBeforeNonAsciiAfterAnEscapeKeepsItsPlace() throws SyntaxException {
        // the API alone gives "Smith,Émile " here (the space moves behind the non-ASCII letter)
        assertThat(Dn.parse("cn=Smith\\, Émile,dc=x").rdns().get(0).avas().get(0).value()).isEqualTo("Smith, Émile");
        assertThat(Dn.parse("cn=\\2C 😀 x").rdns().get(0).avas().get(0).value()).isEqualTo(", 😀 x");
        assertThat(Dn.parse("cn=a\\, éb")).isNotEqualTo(Dn.parse("cn=a\\,é b"));
    }

    @Test
    void injectionShapedValuesStayValues() throws SyntaxException {
        Dn dn = Dn.parse("cn=" + Dn.escapeValue("*)(uid=*") + ",dc=x");
        assertThat(dn.toString()).isEqualTo("cn=*)(uid\\=*,dc=x");
        Dn plus = Dn.parse("cn=" + Dn.escapeValue("a,OU=x+uid=admin") + ",dc=x");
        assertThat(plus.size()).isEqualTo(2);
        assertThat(plus.rdns().get(0).avas()).containsExactly(Dn.Ava.of("cn", "a,OU=x+uid=admin"));
        // unescaped, the same text is a different DN, never a value
        assertThat(Dn.parse("CN=a,OU=x+uid=admin").size()).isEqualTo(2);
        assertThat(Dn.parse("CN=a,OU=x+uid=admin").rdns().get(1).avas()).hasSize(2);
    }

    @Test
    void escapingAlwaysCoversEqualsAndEveryControl() throws SyntaxException {
        // our rendering guarantee: regex mappers over rendered DNs rely on it
        for (char c = 0; c < 0x20; c++) {
            assertThat(Dn.escapeValue("a" + c + "b")).isEqualTo(String.format("a\\%02Xb", (int) c));
        }
        assertThat(Dn.escapeValue("a\u007fb")).isEqualTo("a\\7Fb");
        assertThat(Dn.escapeValue("uid=x")).isEqualTo("uid\\=x");
        assertThat(Dn.parse("cn=" + Dn.escapeValue("\u0001=\u001f") + ",dc=x").toString()).isEqualTo("cn=\\01\\=\\1F,dc=x");
    }

    // --- escaping: any value stays exactly one value ---

    @Test
    void escapeValueHandlesEverySpecialCharacter() {
        assertThat(Dn.escapeValue("x,ou=admins")).isEqualTo("x\\,ou\\=admins");
        assertThat(Dn.escapeValue("a+b")).isEqualTo("a\\+b");
        assertThat(Dn.escapeValue("a\\b")).isEqualTo("a\\\\b");
        assertThat(Dn.escapeValue("\"q\";<>")).isEqualTo("\\\"q\\\"\\;\\<\\>");
        assertThat(Dn.escapeValue("#lead")).isEqualTo("\\#lead");
        assertThat(Dn.escapeValue("in#side")).isEqualTo("in#side");
        assertThat(Dn.escapeValue(" both ")).isEqualTo("\\ both\\ ");
        assertThat(Dn.escapeValue(" ")).isEqualTo("\\ ");
        assertThat(Dn.escapeValue("nul\u0000x")).isEqualTo("nul\\00x");
        assertThat(Dn.escapeValue("cr\rlf\n\u007f")).isEqualTo("cr\\0Dlf\\0A\\7F");
        assertThat(Dn.escapeValue("Lučić")).isEqualTo("Lučić");
        assertThat(Dn.escapeValue("")).isEqualTo("");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x,ou=admins", "*)(uid=*", "a+b=c", "#x", " lead", "trail ", "\\", "\u0000", "a\\,b",
            "\\2C", "é ü", "😀"})
    void escapedValuesRoundTripAsOneAva(String value) throws SyntaxException {
        Dn dn = Dn.parse("uid=" + Dn.escapeValue(value) + ",ou=people,dc=example,dc=com");
        assertThat(dn.size()).isEqualTo(4);
        assertThat(dn.rdns().get(0).avas()).hasSize(1);
        assertThat(dn.rdns().get(0).avas().get(0).value()).isEqualTo(value);
    }

    // --- parsing ---

    @Test
    void parsesEscapesHexAndMultiValuedRdns() throws SyntaxException {
        Dn dn = Dn.parse("OU=Sales+CN=J. Smith,DC=example,DC=net");
        assertThat(dn.rdns().get(0).avas()).hasSize(2);
        assertThat(Dn.parse("CN=James \\\"Jim\\\" Smith\\, III,DC=example").rdns().get(0).avas().get(0).value())
                .isEqualTo("James \"Jim\" Smith, III");
        assertThat(Dn.parse("CN=Lu\\C4\\8Di\\C4\\87").rdns().get(0).avas().get(0).value()).isEqualTo("Lučić");
        Dn.Ava hex = Dn.parse("1.3.6.1.4.1.1466.0=#04024869").rdns().get(0).avas().get(0);
        assertThat(hex.hex()).isTrue();
        assertThat(hex.value()).isEqualTo("04024869");
        assertThat(Dn.parse("cn=").rdns().get(0).avas().get(0).value()).isEmpty();
        assertThat(Dn.parse("").isRoot()).isTrue();
        assertThat(Dn.parse("cn=a=b").rdns().get(0).avas().get(0).value()).isEqualTo("a=b");
    }

    @Test
    void toleratesSpacesBeforeTypes() throws SyntaxException {
        assertThat(Dn.parse("uid=a, ou=people, dc=example")).isEqualTo(Dn.parse("uid=a,ou=people,dc=example"));
    }

    // --- comparison ---

    @Test
    void comparesAsDnsNotStrings() throws SyntaxException {
        Dn a = Dn.parse("UID=Alice,OU=People,DC=Example,DC=COM");
        assertThat(a).isEqualTo(Dn.parse("uid=alice,ou=people,dc=example,dc=com"));
        assertThat(a).isEqualTo(Dn.parse("userid=alice,organizationalUnitName=people,domainComponent=example,dc=com"));
        assertThat(a).isEqualTo(Dn.parse("0.9.2342.19200300.100.1.1=alice,ou=people,dc=example,dc=com"));
        assertThat(a).isEqualTo(Dn.parse("uid=\\61lice,ou=people,dc=example,dc=com"));
        assertThat(Dn.parse("cn=John  Smith")).isEqualTo(Dn.parse("cn=john smith"));
        assertThat(Dn.parse("cn=a+sn=b")).isEqualTo(Dn.parse("sn=b+cn=a"));
        assertThat(a).isNotEqualTo(Dn.parse("uid=alice,ou=people,dc=example"));
        assertThat(Dn.parse("cn=x\\,ou=admins,o=example")).isNotEqualTo(Dn.parse("cn=x,ou=admins,o=example"));
        assertThat(Dn.parse("cn=a,o=b")).isNotEqualTo(Dn.parse("o=b,cn=a"));
    }

    @Test
    void scopes() throws SyntaxException {
        Dn base = Dn.parse("ou=people,dc=example,dc=com");
        Dn alice = Dn.parse("uid=alice,ou=People,dc=example,dc=com");
        Dn deep = Dn.parse("cn=x,uid=alice,ou=people,dc=example,dc=com");
        assertThat(alice.isWithin(base, Scope.ONE)).isTrue();
        assertThat(deep.isWithin(base, Scope.ONE)).isFalse();
        assertThat(deep.isWithin(base, Scope.SUB)).isTrue();
        assertThat(base.isWithin(base, Scope.SUB)).isTrue();
        assertThat(base.isDescendantOf(base)).isFalse();
        assertThat(base.isWithin(base, Scope.BASE)).isTrue();
        assertThat(alice.isWithin(base, Scope.BASE)).isFalse();
        assertThat(Dn.parse("uid=alice,ou=people,dc=example,dc=org").isWithin(base, Scope.SUB)).isFalse();
        // A value that merely ends like the base is not below it.
        assertThat(Dn.parse("uid=x\\,ou\\=people,dc=example,dc=com").isWithin(base, Scope.SUB)).isFalse();
        assertThat(alice.parent()).contains(Dn.parse("ou=people,dc=example,dc=com"));
    }
}
