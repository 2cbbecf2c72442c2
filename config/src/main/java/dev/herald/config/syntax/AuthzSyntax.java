package dev.herald.config.syntax;

import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks identity patterns in the syntax of OpenLDAP's {@code authzTo} / {@code authzFrom}
 * values: {@code dn:DN} (same as {@code dn.exact:}), {@code dn.exact:}, {@code dn.base:},
 * {@code dn.onelevel:}, {@code dn.subtree:}, {@code dn.children:} followed by a DN, {@code
 * dn.regex:} followed by a Java regular expression over the normalized DN, {@code u:NAME}, and
 * {@code ldap:///base??scope?filter}.
 */
public final class AuthzSyntax {

    static final String FIX = "write one of dn:DN, dn.exact:DN, dn.onelevel:DN, dn.subtree:DN, dn.children:DN, "
            + "dn.regex:REGEX, u:NAME or ldap:///BASE??SCOPE?FILTER";

    private AuthzSyntax() {}

    public static void check(String rule) throws SyntaxException {
        String lower = rule.toLowerCase(Locale.ROOT);
        if (lower.startsWith("ldap:")) {
            LdapUrlSyntax.parse(rule);
            return;
        }
        if (lower.startsWith("u:")) {
            if (rule.length() == 2) {
                throw new SyntaxException("'" + rule + "' has no user name", FIX);
            }
            return;
        }
        int colon = rule.indexOf(':');
        if (colon < 0) {
            throw new SyntaxException("'" + rule + "' has no kind prefix", FIX);
        }
        String kind = lower.substring(0, colon);
        String value = rule.substring(colon + 1);
        switch (kind) {
            case "dn", "dn.exact", "dn.base", "dn.onelevel", "dn.one", "dn.subtree", "dn.sub", "dn.children" -> {
                try {
                    DnSyntax.parseNonEmpty(value);
                } catch (SyntaxException e) {
                    throw new SyntaxException("in '" + rule + "': " + e.getMessage(), e.fix());
                }
            }
            case "dn.regex" -> {
                try {
                    Pattern.compile(value);
                } catch (PatternSyntaxException e) {
                    throw new SyntaxException("in '" + rule + "': the regular expression is invalid: " + e.getDescription(),
                            "fix the regular expression (Java syntax)");
                }
            }
            default -> throw new SyntaxException("'" + rule.substring(0, colon) + "' is not a known kind of identity", FIX);
        }
    }
}
