package dev.herald.sasl.authz;

import dev.herald.sasl.directory.DirectoryException;
import dev.herald.sasl.directory.DirectoryLookup;
import dev.herald.sasl.directory.Scope;
import dev.herald.sasl.syntax.Dn;
import dev.herald.sasl.syntax.Filter;
import dev.herald.sasl.syntax.LdapUrl;
import dev.herald.sasl.syntax.SyntaxException;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One side of an authorization rule, in OpenLDAP's {@code authzTo} / {@code authzFrom} forms:
 * <ul>
 *   <li>{@code dn:<dn>}, {@code dn.exact:<dn>}, {@code dn.base:<dn>}: exactly that DN;</li>
 *   <li>{@code dn.subtree:<dn>}: that DN and everything below it;</li>
 *   <li>{@code dn.children:<dn>}: everything strictly below it;</li>
 *   <li>{@code dn.onelevel:<dn>} ({@code dn.one:}): its immediate children;</li>
 *   <li>{@code dn.regex:<regex>}: a case-insensitive regex that must match the whole normalised
 *       DN ({@link Dn#normalized()}: lower-case types and values, RFC 4514 escaping);</li>
 *   <li>{@code ldap:///base??scope?filter}: a DN within base/scope for which the filter holds
 *       (checked with a base-scope search on that DN).</li>
 * </ul>
 * DNs compare as DNs ({@link Dn#equals}), never as strings. Other OpenLDAP forms ({@code u:},
 * {@code *}, {@code group/...}, {@code dn.regex} on non-normalised text) are refused.
 */
public sealed interface AuthzPattern {

    /** True when {@code dn} is one of the identities this pattern names. */
    boolean matches(Dn dn, DirectoryLookup dir) throws DirectoryException;

    /** Exactly one DN. */
    record Exact(Dn dn) implements AuthzPattern {
        @Override
        public boolean matches(Dn candidate, DirectoryLookup dir) {
            return candidate.equals(dn);
        }

        @Override
        public String toString() {
            return "dn.exact:" + dn;
        }
    }

    /** A DN and its whole subtree. */
    record Subtree(Dn base) implements AuthzPattern {
        @Override
        public boolean matches(Dn candidate, DirectoryLookup dir) {
            return candidate.isWithin(base, Scope.SUB);
        }

        @Override
        public String toString() {
            return "dn.subtree:" + base;
        }
    }

    /** Everything strictly below a DN. */
    record Children(Dn base) implements AuthzPattern {
        @Override
        public boolean matches(Dn candidate, DirectoryLookup dir) {
            return candidate.isDescendantOf(base);
        }

        @Override
        public String toString() {
            return "dn.children:" + base;
        }
    }

    /** The immediate children of a DN. */
    record OneLevel(Dn base) implements AuthzPattern {
        @Override
        public boolean matches(Dn candidate, DirectoryLookup dir) {
            return candidate.isWithin(base, Scope.ONE);
        }

        @Override
        public String toString() {
            return "dn.onelevel:" + base;
        }
    }

    /** A regex over the normalised DN. */
    record Regex(Pattern pattern) implements AuthzPattern {
        @Override
        public boolean matches(Dn candidate, DirectoryLookup dir) {
            return pattern.matcher(candidate.normalized()).matches();
        }

        @Override
        public String toString() {
            return "dn.regex:" + pattern.pattern();
        }
    }

    /** DNs within base/scope that match a filter. */
    record Search(Dn base, Scope scope, Filter filter) implements AuthzPattern {
        @Override
        public boolean matches(Dn candidate, DirectoryLookup dir) throws DirectoryException {
            return candidate.isWithin(base, scope)
                    && !dir.search(candidate.toString(), Scope.BASE, filter.toString(), 1).isEmpty();
        }

        @Override
        public String toString() {
            return "ldap:///" + base + "??" + scope.urlName() + "?" + filter;
        }
    }

    /** Bound on a {@code dn.regex:} pattern. */
    int MAX_REGEX = 1024;

    /** Parses one value in the forms listed on the type. */
    static AuthzPattern parse(String text) throws SyntaxException {
        if (LdapUrl.looksLikeUrl(text)) {
            LdapUrl url = LdapUrl.parse(text);
            return new Search(Dn.parse(url.base()), url.scope(), Filter.parse(url.filter()));
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new SyntaxException("an authorization rule starts with dn:, dn.exact:, dn.subtree:, dn.children:,"
                    + " dn.onelevel:, dn.regex: or ldap:///");
        }
        String kind = text.substring(0, colon).toLowerCase(java.util.Locale.ROOT);
        String rest = text.substring(colon + 1);
        switch (kind) {
            case "dn": case "dn.exact": case "dn.base": return new Exact(Dn.parse(rest));
            case "dn.subtree": case "dn.sub": return new Subtree(Dn.parse(rest));
            case "dn.children": return new Children(Dn.parse(rest));
            case "dn.onelevel": case "dn.one": return new OneLevel(Dn.parse(rest));
            case "dn.regex":
                if (rest.isEmpty() || rest.length() > MAX_REGEX) {
                    throw new SyntaxException("dn.regex: pattern must be 1 to " + MAX_REGEX + " characters");
                }
                try {
                    return new Regex(Pattern.compile(rest, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
                } catch (PatternSyntaxException e) {
                    throw new SyntaxException("dn.regex: invalid regular expression: " + e.getDescription());
                }
            default:
                throw new SyntaxException("unsupported authorization rule form '" + kind + ":'");
        }
    }
}
