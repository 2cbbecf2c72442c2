package dev.herald.sasl.syntax;

import dev.herald.sasl.directory.Scope;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The server-relative LDAP URL form used by OpenLDAP's {@code authz-regexp} and {@code authzTo}:
 * {@code ldap:///base??scope?filter} (RFC 4516). The host must be empty (the search runs in this
 * server), the attribute list must be empty, extensions are refused. Base and filter are
 * percent-decoded but not parsed here, so a caller can treat them as templates first.
 *
 * @param base   the search base, an RFC 4514 string (percent-decoded)
 * @param scope  the scope; {@code base} when the URL omits it (RFC 4516 §2)
 * @param filter the filter, an RFC 4515 string (percent-decoded); {@code (objectClass=*)} when
 *               the URL omits it
 */
public record LdapUrl(String base, Scope scope, String filter) {

    /** True when {@code text} starts with the {@code ldap:} scheme (any case). */
    public static boolean looksLikeUrl(String text) {
        return text.regionMatches(true, 0, "ldap:", 0, 5);
    }

    /** Parses {@code ldap:///base??scope?filter}. */
    public static LdapUrl parse(String text) throws SyntaxException {
        if (!text.regionMatches(true, 0, "ldap://", 0, 7)) {
            throw new SyntaxException("an LDAP URL starts with ldap:///");
        }
        String rest = text.substring(7);
        if (!rest.startsWith("/")) {
            throw new SyntaxException("the LDAP URL names a host; only ldap:/// (this server) is allowed");
        }
        rest = rest.substring(1);
        String[] parts = rest.split("\\?", -1);
        if (parts.length > 4) {
            throw new SyntaxException("LDAP URL extensions are not supported");
        }
        String base = decode(parts[0]);
        if (parts.length > 1 && !parts[1].isEmpty()) {
            throw new SyntaxException("the LDAP URL must not list attributes (write ldap:///base??scope?filter)");
        }
        Scope scope = Scope.BASE;
        if (parts.length > 2 && !parts[2].isEmpty()) {
            String s = parts[2].toLowerCase(Locale.ROOT);
            if (!s.equals("base") && !s.equals("one") && !s.equals("sub")) {
                throw new SyntaxException("LDAP URL scope must be base, one or sub, not '" + parts[2] + "'");
            }
            scope = Scope.parse(s);
        }
        String filter = parts.length > 3 && !parts[3].isEmpty() ? decode(parts[3]) : "(objectClass=*)";
        return new LdapUrl(base, scope, filter);
    }

    private static String decode(String s) throws SyntaxException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); ) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length() || hex(s.charAt(i + 1)) < 0 || hex(s.charAt(i + 2)) < 0) {
                    throw new SyntaxException("'%' in an LDAP URL must be followed by two hex digits");
                }
                out.write(hex(s.charAt(i + 1)) << 4 | hex(s.charAt(i + 2)));
                i += 3;
            } else {
                int cp = s.codePointAt(i);
                if (Character.charCount(cp) == 1 && Character.isSurrogate(c)) {
                    throw new SyntaxException("unpaired surrogate in the LDAP URL");
                }
                out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(cp);
            }
        }
        return Utf8Strict.decode(out.toByteArray())
                .orElseThrow(() -> new SyntaxException("percent-encoded octets in the LDAP URL are not UTF-8"));
    }

    private static int hex(char c) {
        return c < 0x80 ? Character.digit(c, 16) : -1;
    }

    @Override
    public String toString() {
        return "ldap:///" + base + "??" + scope.urlName() + "?" + filter;
    }
}
