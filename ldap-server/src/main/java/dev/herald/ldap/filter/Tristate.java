package dev.herald.ldap.filter;

/**
 * The three results a filter item can have (RFC 4511 §4.5.1.7): an entry matches a search only
 * when the whole filter is TRUE; UNDEFINED comes from unknown attribute types, missing matching
 * rules and assertion values the syntax rejects, and survives NOT.
 */
public enum Tristate {
    TRUE, FALSE, UNDEFINED;

    static Tristate of(boolean b) {
        return b ? TRUE : FALSE;
    }

    Tristate not() {
        return switch (this) {
            case TRUE -> FALSE;
            case FALSE -> TRUE;
            case UNDEFINED -> UNDEFINED;
        };
    }
}
