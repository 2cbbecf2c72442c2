package dev.herald.sasl.authz;

import dev.herald.sasl.syntax.SyntaxException;

/**
 * A configured authorization rule: an authenticated identity matching {@code from} may act as
 * any identity matching {@code to} (OpenLDAP's {@code authz-regexp} plus {@code authzTo} in one
 * server-wide rule, e.g. from {@code dn.exact:cn=proxy,ou=services,dc=example,dc=com} to
 * {@code dn.subtree:ou=people,dc=example,dc=com}).
 */
public record AuthzRule(AuthzPattern from, AuthzPattern to) {
    public AuthzRule {
        if (from == null || to == null) {
            throw new IllegalArgumentException("an authorization rule needs both from and to");
        }
    }

    /**
     * Parses both sides ({@link AuthzPattern#parse}).
     *
     * @throws IllegalArgumentException naming the side that is malformed
     */
    public static AuthzRule parse(String from, String to) {
        AuthzPattern f;
        AuthzPattern t;
        try {
            f = AuthzPattern.parse(from);
        } catch (SyntaxException e) {
            throw new IllegalArgumentException("authorization rule from: " + e.getMessage(), e);
        }
        try {
            t = AuthzPattern.parse(to);
        } catch (SyntaxException e) {
            throw new IllegalArgumentException("authorization rule to: " + e.getMessage(), e);
        }
        return new AuthzRule(f, t);
    }

    @Override
    public String toString() {
        return "from " + from + " to " + to;
    }
}
