package dev.herald.sasl.syntax;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.herald.sasl.syntax.Filter.And;
import dev.herald.sasl.syntax.Filter.Equality;
import dev.herald.sasl.syntax.Filter.Not;
import dev.herald.sasl.syntax.Filter.Or;
import dev.herald.sasl.syntax.Filter.Present;

import static dev.herald.sasl.syntax.Filter.MAX_DEPTH;

/** Recursive-descent parser for the filter subset of {@link Filter#parse(String)}. */
final class FilterParser {
    private final String s;
    int pos;

    FilterParser(String s) {
        this.s = s;
    }

    Filter filter(int depth) throws SyntaxException {
        if (depth > MAX_DEPTH) {
            throw error("filter nests deeper than " + MAX_DEPTH);
        }
        expect('(');
        if (pos >= s.length()) {
            throw error("filter ends early");
        }
        char c = s.charAt(pos);
        Filter f;
        if (c == '&' || c == '|') {
            pos++;
            List<Filter> parts = new ArrayList<>();
            while (pos < s.length() && s.charAt(pos) == '(') {
                parts.add(filter(depth + 1));
            }
            if (parts.isEmpty()) {
                throw error("'" + c + "' needs at least one filter");
            }
            f = c == '&' ? new And(parts) : new Or(parts);
        } else if (c == '!') {
            pos++;
            f = new Not(filter(depth + 1));
        } else {
            f = item();
        }
        expect(')');
        return f;
    }

    private Filter item() throws SyntaxException {
        int start = pos;
        while (pos < s.length() && "=~<>:()".indexOf(s.charAt(pos)) < 0) {
            pos++;
        }
        String attr = s.substring(start, pos);
        if (!AttributeDescription.isValid(attr)) {
            throw error("'" + attr + "' is not an attribute description");
        }
        if (pos >= s.length()) {
            throw error("filter ends early");
        }
        char op = s.charAt(pos);
        if (op != '=') {
            throw error("only equality (=) and presence (=*) filters are supported, not '" + op + "'");
        }
        pos++;
        ByteArrayOutputStream value = new ByteArrayOutputStream();
        int valueStart = pos;
        boolean star = false;
        while (pos < s.length() && s.charAt(pos) != ')') {
            char c = s.charAt(pos);
            if (c == '\\') {
                if (pos + 2 >= s.length() || !isHex(s.charAt(pos + 1)) || !isHex(s.charAt(pos + 2))) {
                    throw error("a backslash must be followed by two hex digits");
                }
                value.write(Character.digit(s.charAt(pos + 1), 16) << 4 | Character.digit(s.charAt(pos + 2), 16));
                pos += 3;
            } else if (c == '(' || c == 0) {
                throw error("unescaped " + (c == 0 ? "NUL" : "'('") + " in an assertion value");
            } else if (c == '*') {
                star = true;
                pos++;
            } else {
                int cp = s.codePointAt(pos);
                if (Character.isSurrogate(s.charAt(pos)) && Character.charCount(cp) == 1) {
                    throw error("unpaired surrogate in an assertion value");
                }
                value.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                pos += Character.charCount(cp);
            }
        }
        if (star) {
            if (pos - valueStart == 1) {
                return new Present(attr);
            }
            throw error("substring filters (unescaped '*') are not supported");
        }
        return new Equality(attr, value.toByteArray());
    }

    private void expect(char c) throws SyntaxException {
        if (pos >= s.length() || s.charAt(pos) != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    SyntaxException error(String what) {
        return new SyntaxException("invalid filter at position " + pos + ": " + what);
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0 && c < 0x80;
    }
}
