package dev.herald.config.model;

import java.util.Objects;

/**
 * One configured authorization rule: an identity matching {@code from} may act as (assume the
 * authorization identity of) an identity matching {@code to}. Both sides use the syntax of
 * OpenLDAP's {@code authzTo} values: {@code dn:DN}, {@code dn.exact:DN}, {@code
 * dn.onelevel:DN}, {@code dn.subtree:DN}, {@code dn.children:DN}, {@code dn.regex:REGEX},
 * {@code u:NAME} or {@code ldap:///base??scope?filter}. Checked for syntax at load.
 */
public record AuthzRule(String from, String to, SourceLocation location) {

    public AuthzRule {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(location, "location");
    }
}
