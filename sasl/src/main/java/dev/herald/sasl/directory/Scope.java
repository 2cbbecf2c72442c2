package dev.herald.sasl.directory;

import java.util.Locale;

/**
 * LDAP search scope (RFC 4511 §4.5.1.2) as the sasl module uses it: the base entry only, its
 * immediate children, or the whole subtree including the base. Parsing accepts the spellings
 * administrators know from LDAP URLs (RFC 4516 {@code base / one / sub}) and OpenLDAP
 * ({@code onelevel}, {@code subtree}).
 */
public enum Scope {
    BASE, ONE, SUB;

    /** Parses {@code base}, {@code one} / {@code onelevel}, {@code sub} / {@code subtree} (any case). */
    public static Scope parse(String text) {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "base": return BASE;
            case "one": case "onelevel": return ONE;
            case "sub": case "subtree": return SUB;
            default: throw new IllegalArgumentException(
                    "unknown search scope '" + text + "' (expected base, one or sub)");
        }
    }

    /** The RFC 4516 spelling: {@code base}, {@code one} or {@code sub}. */
    public String urlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
