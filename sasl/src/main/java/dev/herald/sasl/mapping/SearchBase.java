package dev.herald.sasl.mapping;

import dev.herald.sasl.directory.Scope;
import dev.herald.sasl.syntax.Dn;
import dev.herald.sasl.syntax.SyntaxException;

/**
 * Where a mapper searches: a base DN (RFC 4514) and a scope.
 */
public record SearchBase(String baseDn, Scope scope) {
    public SearchBase {
        if (scope == null) {
            throw new IllegalArgumentException("search scope must not be null");
        }
        try {
            Dn.parse(baseDn);
        } catch (SyntaxException e) {
            throw new IllegalArgumentException("search base '" + baseDn + "': " + e.getMessage(), e);
        }
    }

    /** The parsed base. */
    public Dn dn() {
        try {
            return Dn.parse(baseDn);
        } catch (SyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A subtree search under {@code baseDn}. */
    public static SearchBase subtree(String baseDn) {
        return new SearchBase(baseDn, Scope.SUB);
    }
}
