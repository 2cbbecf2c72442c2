package dev.herald.sasl.authz;

import dev.herald.sasl.support.FakeDirectory;
import dev.herald.sasl.syntax.Dn;
import dev.herald.sasl.syntax.SyntaxException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuthorizationPolicyTest {
    private static final String PROXY = "cn=proxy,ou=services,dc=example,dc=com";
    private static final String ALICE = "uid=alice,ou=people,dc=example,dc=com";
    private static final String BOB = "uid=bob,ou=people,dc=example,dc=com";
    private static final String ADMIN = "cn=admin,dc=example,dc=com";

    private final FakeDirectory dir = new FakeDirectory()
            .add("dc=example,dc=com").add("ou=people,dc=example,dc=com").add("ou=services,dc=example,dc=com")
            .add(PROXY, "authzTo", "dn.subtree:ou=people,dc=example,dc=com", "authzTo", "not a rule",
                    "authzTo", "dn.regex:(")
            .add(ALICE, "authzTo", "dn:uid=bob,ou=people,dc=example,dc=com", "employeeType", "staff")
            .add(BOB, "authzFrom", "ldap:///ou=services,dc=example,dc=com??one?(cn=proxy)")
            .add(ADMIN);

    private static Dn dn(String s) throws SyntaxException {
        return Dn.parse(s);
    }

    private static AuthorizationPolicy authzTo() {
        return new AuthorizationPolicy(Optional.of("authzTo"), Optional.empty(), List.of(), true);
    }

    @Test
    void denyAllDeniesEverything() throws Exception {
        assertThat(AuthorizationPolicy.denyAll().decide(dn(PROXY), dn(ALICE), dir).allowed()).isFalse();
        assertThat(dir.calls).isEmpty();
    }

    @Test
    void authzToSubtreeAllowsOnlyBelowItsBase() throws Exception {
        assertThat(authzTo().decide(dn(PROXY), dn(ALICE), dir).allowed()).isTrue();
        assertThat(authzTo().decide(dn(PROXY), dn("uid=ALICE, ou=People,dc=EXAMPLE,dc=com"), dir).allowed()).isTrue();
        assertThat(authzTo().decide(dn(PROXY), dn(ADMIN), dir).allowed()).isFalse();
        assertThat(authzTo().decide(dn(PROXY), dn("uid=x\\,ou\\=people,dc=example,dc=com"), dir).allowed()).isFalse();
    }

    @Test
    void authzToExactAllowsOnlyThatDn() throws Exception {
        assertThat(authzTo().decide(dn(ALICE), dn(BOB), dir).allowed()).isTrue();
        assertThat(authzTo().decide(dn(ALICE), dn(PROXY), dir).allowed()).isFalse();
        // bob has no authzTo: nothing is allowed in that direction.
        assertThat(authzTo().decide(dn(BOB), dn(ALICE), dir).allowed()).isFalse();
    }

    @Test
    void authzFromIsReadOnTheTarget() throws Exception {
        AuthorizationPolicy from = new AuthorizationPolicy(Optional.empty(), Optional.of("authzFrom"), List.of(), true);
        assertThat(from.decide(dn(PROXY), dn(BOB), dir).allowed()).isTrue();
        assertThat(from.decide(dn(ALICE), dn(BOB), dir).allowed()).isFalse();
    }

    @Test
    void configuredRules() throws Exception {
        AuthorizationPolicy p = new AuthorizationPolicy(Optional.empty(), Optional.empty(), List.of(
                AuthzRule.parse("dn.exact:" + ADMIN, "dn.children:ou=people,dc=example,dc=com"),
                AuthzRule.parse("ldap:///ou=people,dc=example,dc=com??one?(employeeType=staff)", "dn.onelevel:ou=services,dc=example,dc=com"),
                AuthzRule.parse("dn.regex:^uid=([^,]+),ou=people,dc=example,dc=com$", "dn.regex:^cn=bot-[a-z]+,ou=services,dc=example,dc=com$")),
                true);
        AuthorizationPolicy.Decision d = p.decide(dn(ADMIN), dn(BOB), dir);
        assertThat(d.allowed()).isTrue();
        assertThat(d.reason()).startsWith("configured rule 1");
        assertThat(p.decide(dn(ADMIN), dn("ou=people,dc=example,dc=com"), dir).allowed()).isFalse();
        assertThat(p.decide(dn(ALICE), dn(PROXY), dir).allowed()).isTrue();
        assertThat(p.decide(dn(BOB), dn(PROXY), dir).allowed()).isFalse();    // bob is not staff
        assertThat(p.decide(dn(BOB), dn("cn=bot-x,ou=services,dc=example,dc=com"), dir).allowed()).isTrue();
        assertThat(p.decide(dn(BOB), dn("cn=bot-x,ou=services,dc=example,dc=com,o=evil"), dir).allowed()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "u:alice", "group/groupOfNames/member:cn=g", "dn.regex:", "dn.regex:(",
            "dn.subtree:ou=,,", "ldap://host/dc=x", "ldap:///dc=x??sub?(cn=a*)", "uid=alice"})
    void malformedOrUnsupportedPatternsAreRefused(String text) {
        assertThatThrownBy(() -> AuthzPattern.parse(text)).isInstanceOf(SyntaxException.class);
        assertThatThrownBy(() -> AuthzRule.parse(text, "dn:cn=x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("from");
    }
}
