package dev.herald.config.syntax;

import dev.herald.config.model.SearchScope;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads the host-less LDAP URLs used to describe a search in mapper and authorization rules:
 * {@code ldap:///base??scope?filter} (RFC 4516 §2; percent-escapes decoded). A URL with a host
 * is refused: these searches always run against this server. An absent scope is {@code base}
 * and an absent filter {@code (objectClass=*)}, as RFC 4516 says.
 */
public final class LdapUrlSyntax {

    /** A parsed search URL; {@code base} is syntax-checked. */
    public record SearchUrl(String base, SearchScope scope, String filter) {}

    static final String FIX = "write ldap:///BASE??SCOPE?FILTER, e.g. ldap:///ou=people,dc=example,dc=com??one?(uid=alice), "
            + "with SCOPE one of base, one, sub";

    private LdapUrlSyntax() {}

    public static SearchUrl parse(String url) throws SyntaxException {
        if (!url.regionMatches(true, 0, "ldap://", 0, 7)) {
            throw new SyntaxException("'" + url + "' is not an ldap:/// URL", FIX);
        }
        if (!url.regionMatches(true, 0, "ldap:///", 0, 8)) {
            throw new SyntaxException("the LDAP URL '" + url + "' names a host; searches here always run on this server", FIX);
        }
        String[] parts = url.substring(8).split("\\?", -1);
        if (parts.length > 5) {
            throw new SyntaxException("the LDAP URL '" + url + "' has too many '?' parts", FIX);
        }
        String base = decode(parts[0], url);
        DnSyntax.parse(base);
        if (parts.length > 1 && !parts[1].isEmpty()) {
            // The attribute list does not matter for an identity search; accept but check it.
            for (String a : decode(parts[1], url).split(",")) {
                if (!DnSyntax.isAttributeDescription(a.strip())) {
                    throw new SyntaxException("'" + a + "' in the LDAP URL '" + url + "' is not an attribute name", FIX);
                }
            }
        }
        SearchScope scope = SearchScope.BASE;
        if (parts.length > 2 && !parts[2].isEmpty()) {
            scope = switch (decode(parts[2], url).toLowerCase(Locale.ROOT)) {
                case "base" -> SearchScope.BASE;
                case "one", "onelevel" -> SearchScope.ONE;
                case "sub", "subtree" -> SearchScope.SUB;
                default -> throw new SyntaxException("'" + parts[2] + "' in the LDAP URL '" + url + "' is not a scope", FIX);
            };
        }
        String filter = "(objectClass=*)";
        if (parts.length > 3 && !parts[3].isEmpty()) {
            filter = decode(parts[3], url);
            FilterSyntax.check(filter);
        }
        if (parts.length > 4 && !parts[4].isEmpty()) {
            throw new SyntaxException("the LDAP URL '" + url + "' has extensions, which are not supported here", FIX);
        }
        return new SearchUrl(base, scope, filter);
    }

    private static String decode(String s, String url) throws SyntaxException {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw new SyntaxException("a '%' in the LDAP URL '" + url + "' needs two hex digits", FIX);
                }
                try {
                    out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                } catch (NumberFormatException e) {
                    throw new SyntaxException("a '%' in the LDAP URL '" + url + "' needs two hex digits", FIX);
                }
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
