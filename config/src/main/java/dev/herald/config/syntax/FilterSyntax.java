package dev.herald.config.syntax;

/**
 * A structural check of LDAP search filters in their RFC 4515 string form: balanced
 * parentheses, the {@code & | !} combinators, attribute descriptions, the filter types
 * {@code = ~= >= <= =*} and extensible matches, and {@code \HH} escapes in values. Used for the
 * filters of configured LDAP URLs; the server parses them again with the LDAP API.
 */
public final class FilterSyntax {

    static final String FIX = "write an RFC 4515 filter such as (uid=alice) or (&(objectClass=person)(mail=a@example.com)); "
            + "escape ( ) * \\ in values as \\28 \\29 \\2a \\5c";

    private final String filter;
    private int pos;

    private FilterSyntax(String filter) {
        this.filter = filter;
    }

    /** Checks {@code filter}; throws naming the first error's position. */
    public static void check(String filter) throws SyntaxException {
        FilterSyntax p = new FilterSyntax(filter);
        p.parseFilter(0);
        if (p.pos != filter.length()) {
            throw p.error("unexpected text after the filter");
        }
    }

    private void parseFilter(int depth) throws SyntaxException {
        if (depth > 50) {
            throw error("the filter is nested too deeply");
        }
        expect('(');
        if (pos >= filter.length()) {
            throw error("the filter ends after '('");
        }
        char c = filter.charAt(pos);
        if (c == '&' || c == '|') {
            pos++;
            // RFC 4526 allows the empty "(&)" and "(|)" (absolute true / false).
            while (pos < filter.length() && filter.charAt(pos) == '(') {
                parseFilter(depth + 1);
            }
        } else if (c == '!') {
            pos++;
            parseFilter(depth + 1);
        } else {
            parseItem();
        }
        expect(')');
    }

    private void parseItem() throws SyntaxException {
        int start = pos;
        while (pos < filter.length() && "=~<>:()".indexOf(filter.charAt(pos)) < 0) {
            pos++;
        }
        String attr = filter.substring(start, pos);
        if (pos >= filter.length()) {
            throw error("the filter item '" + attr + "' has no '='");
        }
        char c = filter.charAt(pos);
        if (c == ':') {
            parseExtensible(attr);
            return;
        }
        if (!DnSyntax.isAttributeDescription(attr)) {
            pos = start;
            throw error(attr.isEmpty() ? "missing attribute name" : "'" + attr + "' is not an attribute name");
        }
        if (c == '~' || c == '<' || c == '>') {
            pos++;
            if (pos >= filter.length() || filter.charAt(pos) != '=') {
                throw error("expected '=' after '" + c + "'");
            }
            pos++;
            parseValue(false);
        } else if (c == '=') {
            pos++;
            parseValue(true);
        } else {
            throw error("expected '=' after '" + attr + "'");
        }
    }

    private void parseExtensible(String attr) throws SyntaxException {
        if (!attr.isEmpty() && !DnSyntax.isAttributeDescription(attr)) {
            throw error("'" + attr + "' is not an attribute name");
        }
        int rest = filter.indexOf(":=", pos);
        if (rest < 0) {
            throw error("an extensible match needs ':='");
        }
        String middle = filter.substring(pos, rest); // ":dn:rule" or ":rule" or ":dn"
        for (String part : middle.split(":", -1)) {
            if (!part.isEmpty() && !part.equalsIgnoreCase("dn") && !DnSyntax.isAttributeType(part)) {
                throw error("'" + part + "' is not a matching rule");
            }
        }
        pos = rest + 2;
        parseValue(false);
    }

    /** Reads an assertion value up to ')'; '*' only where a substring or presence filter allows it. */
    private void parseValue(boolean starsAllowed) throws SyntaxException {
        while (pos < filter.length() && filter.charAt(pos) != ')') {
            char c = filter.charAt(pos);
            if (c == '(') {
                throw error("'(' in a value must be escaped as \\28");
            }
            if (c == '*' && !starsAllowed) {
                throw error("'*' here must be escaped as \\2a");
            }
            if (c == '\\') {
                if (pos + 2 >= filter.length() || !isHex(filter.charAt(pos + 1)) || !isHex(filter.charAt(pos + 2))) {
                    throw error("'\\' in a value must be followed by two hex digits");
                }
                pos += 3;
                continue;
            }
            if (c == 0) {
                throw error("NUL in a value must be escaped as \\00");
            }
            pos++;
        }
    }

    private void expect(char c) throws SyntaxException {
        if (pos >= filter.length()) {
            throw error("expected '" + c + "' at the end");
        }
        if (filter.charAt(pos) != c) {
            throw error("expected '" + c + "', found '" + filter.charAt(pos) + "'");
        }
        pos++;
    }

    private SyntaxException error(String what) {
        return new SyntaxException("invalid filter '" + filter + "': " + what + " (at character " + (pos + 1) + ")", FIX);
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
