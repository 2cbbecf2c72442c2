package dev.herald.config.syntax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.config.model.SearchScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FilterAndUrlSyntaxTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "uid=alice", "(uid=alice", "(uid=alice))", "(=alice)", "(u id=x)", "(uid=a(b)", "(uid=a\\2)",
        "(uid~x)", "(&(uid=a)(cn=b)", "(!)", "(uid>=a*b)", "(:=x)x", "(uid:1.2.3=a)x", "(uid=a\\zz)", "()"})
    void malformedFiltersAreRefused(String filter) {
        assertThatThrownBy(() -> FilterSyntax.check(filter)).isInstanceOf(SyntaxException.class).hasMessageContaining("invalid filter");
    }

    @ParameterizedTest
    @ValueSource(strings = {"(uid=alice)", "(objectClass=*)", "(cn=Al*ce*)", "(&(objectClass=person)(|(uid=a)(uid=b)))",
        "(!(uid=a))", "(cn~=alice)", "(age>=3)", "(age<=3)", "(cn=a\\28b\\29)", "(uid:caseExactMatch:=Alice)",
        "(:dn:2.5.13.5:=x)", "(&)", "(|)", "(userCertificate;binary=\\30\\82)"})
    void wellFormedFiltersAreAccepted(String filter) throws Exception {
        FilterSyntax.check(filter);
    }

    @Test
    void searchUrlsAreParsed() throws Exception {
        var url = LdapUrlSyntax.parse("ldap:///ou=people,dc=example,dc=com??one?(uid=alice)");
        assertThat(url.base()).isEqualTo("ou=people,dc=example,dc=com");
        assertThat(url.scope()).isEqualTo(SearchScope.ONE);
        assertThat(url.filter()).isEqualTo("(uid=alice)");
        var defaults = LdapUrlSyntax.parse("ldap:///dc=example,dc=com");
        assertThat(defaults.scope()).isEqualTo(SearchScope.BASE);
        assertThat(defaults.filter()).isEqualTo("(objectClass=*)");
        assertThat(LdapUrlSyntax.parse("ldap:///ou=a%20b,dc=x??sub?(cn=a%2Ab)").base()).isEqualTo("ou=a b,dc=x");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http:///dc=x", "ldap://host/dc=x", "ldap:///dc=x??everything", "ldap:///dc=x??sub?uid=a",
        "ldap:///dc=x??sub?(uid=a)?ext", "ldap:///dc=x?cn name", "ldap:///dc=x%2", "ldap:///dc=x?a?b?c?d?e", "ldap:///dc=;x"})
    void malformedUrlsAreRefused(String url) {
        assertThatThrownBy(() -> LdapUrlSyntax.parse(url)).isInstanceOf(SyntaxException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dn:uid=a,dc=x", "DN.EXACT:uid=a,dc=x", "dn.base:uid=a,dc=x", "dn.onelevel:ou=p,dc=x",
        "dn.subtree:dc=x", "dn.children:dc=x", "dn.regex:^uid=[^,]+,dc=x$", "u:alice", "ldap:///dc=x??sub?(uid=a)"})
    void authzRulesAreAccepted(String rule) throws Exception {
        AuthzSyntax.check(rule);
    }

    @ParameterizedTest
    @ValueSource(strings = {"uid=a,dc=x", "dn:", "dn.subtre:dc=x", "dn.regex:(", "u:", "group:cn=g", "ldap://h/dc=x", "dn:a;b"})
    void malformedAuthzRulesAreRefused(String rule) {
        assertThatThrownBy(() -> AuthzSyntax.check(rule)).isInstanceOf(SyntaxException.class);
    }
}
