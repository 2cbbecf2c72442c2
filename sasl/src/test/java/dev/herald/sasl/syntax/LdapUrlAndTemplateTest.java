package dev.herald.sasl.syntax;

import dev.herald.sasl.directory.Scope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LdapUrlAndTemplateTest {

    @ParameterizedTest
    @ValueSource(strings = {"http:///dc=x", "ldap://evil.example/dc=x??sub?(uid=a)", "ldap:dc=x",
            "ldap:///dc=x?cn?sub?(uid=a)", "ldap:///dc=x??subtree?(uid=a)", "ldap:///dc=x??sub?(uid=a)?ext",
            "ldap:///dc=x??sub?(uid=%zz)", "ldap:///dc=x??sub?(uid=%ff)", "ldap:///dc=x??sub?(uid=%4)"})
    void badUrlsAreRefused(String url) {
        assertThatThrownBy(() -> LdapUrl.parse(url)).isInstanceOf(SyntaxException.class);
    }

    @Test
    void parsesServerRelativeUrls() throws SyntaxException {
        LdapUrl u = LdapUrl.parse("ldap:///ou=people,dc=example,dc=com??sub?(uid=$1)");
        assertThat(u.base()).isEqualTo("ou=people,dc=example,dc=com");
        assertThat(u.scope()).isEqualTo(Scope.SUB);
        assertThat(u.filter()).isEqualTo("(uid=$1)");
        LdapUrl d = LdapUrl.parse("LDAP:///dc=example%2Cdc=com");
        assertThat(d.base()).isEqualTo("dc=example,dc=com");
        assertThat(d.scope()).isEqualTo(Scope.BASE);
        assertThat(d.filter()).isEqualTo("(objectClass=*)");
        assertThat(LdapUrl.parse("ldap:///o=x??one?(cn=a%3Fb)").filter()).isEqualTo("(cn=a?b)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"$", "a$", "$a", "$x1", "$-"})
    void badTemplatesAreRefused(String t) {
        assertThatThrownBy(() -> Template.parse(t)).isInstanceOf(SyntaxException.class);
    }

    @Test
    void templatesSubstituteGroups() throws SyntaxException {
        Template t = Template.parse("$1-$$-$2$1");
        assertThat(t.maxGroup()).isEqualTo(2);
        assertThat(t.render(i -> i == 1 ? "a" : "b")).isEqualTo("a-$-ba");
        assertThat(Template.parse("plain").maxGroup()).isEqualTo(-1);
    }
}
