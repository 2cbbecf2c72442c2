package dev.herald.sasl.syntax;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The subset of RFC 4515 search filters the sasl module builds and accepts: equality, presence,
 * and the {@code &}, {@code |}, {@code !} combinations. Filters are built as values and rendered
 * with {@link #toString()}; assertion values are escaped on rendering (RFC 4515 §3), so no value
 * taken from a certificate can add a filter component, a wildcard or a NUL.
 *
 * <p>{@link #parse(String)} reads the same subset from configuration (regex rewrite templates,
 * authzTo URLs). Substring, ordering, approximate and extensible filters are refused: an
 * identity mapping that relies on them can match more entries than intended.
 */
public sealed interface Filter permits Filter.And, Filter.Or, Filter.Not, Filter.Equality, Filter.Present {

    /** Bound on nesting in parsed filters; the filters we accept are short. */
    int MAX_DEPTH = 16;
    /** Bound on the length of a parsed filter. */
    int MAX_LENGTH = 4096;

    /** {@code (&f1f2...)}. */
    record And(List<Filter> parts) implements Filter {
        public And {
            parts = nonEmpty(parts, "&");
        }

        @Override
        public String toString() {
            return join('&', parts);
        }
    }

    /** {@code (|f1f2...)}. */
    record Or(List<Filter> parts) implements Filter {
        public Or {
            parts = nonEmpty(parts, "|");
        }

        @Override
        public String toString() {
            return join('|', parts);
        }
    }

    /** {@code (!f)}. */
    record Not(Filter part) implements Filter {
        public Not {
            if (part == null) {
                throw new IllegalArgumentException("(!) needs a filter");
            }
        }

        @Override
        public String toString() {
            return "(!" + part + ")";
        }
    }

    /** {@code (attr=value)}; the value is the raw assertion value (UTF-8 for strings). */
    record Equality(String attribute, byte[] value) implements Filter {
        public Equality {
            AttributeDescription.require(attribute, "filter attribute");
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        /** The value as text when it is valid UTF-8. */
        public Optional<String> text() {
            return Utf8Strict.decode(value);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Equality && ((Equality) o).attribute.equals(attribute)
                    && Arrays.equals(((Equality) o).value, value);
        }

        @Override
        public int hashCode() {
            return attribute.hashCode() * 31 + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "(" + attribute + "=" + escapeValue(value) + ")";
        }
    }

    /** {@code (attr=*)}. */
    record Present(String attribute) implements Filter {
        public Present {
            AttributeDescription.require(attribute, "filter attribute");
        }

        @Override
        public String toString() {
            return "(" + attribute + "=*)";
        }
    }

    /** An equality filter on a string value. */
    static Filter equality(String attribute, String value) {
        if (!Utf8Strict.isWellFormed(value)) {
            throw new IllegalArgumentException("value contains an unpaired surrogate");
        }
        return new Equality(attribute, value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@code (attr=v)} for one value, {@code (|(attr=v1)(attr=v2)...)} for several (duplicates
     * removed, order kept).
     */
    static Filter anyOf(String attribute, List<String> values) {
        List<Filter> parts = new ArrayList<>();
        for (String v : new LinkedHashSet<>(values)) {
            parts.add(equality(attribute, v));
        }
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        return parts.size() == 1 ? parts.get(0) : new Or(parts);
    }

    /** Rewrites every equality assertion value; the structure is kept as is. */
    default Filter mapValues(UnaryOperator<Equality> f) {
        if (this instanceof And) {
            return new And(((And) this).parts().stream().map(p -> p.mapValues(f)).toList());
        }
        if (this instanceof Or) {
            return new Or(((Or) this).parts().stream().map(p -> p.mapValues(f)).toList());
        }
        if (this instanceof Not) {
            return new Not(((Not) this).part().mapValues(f));
        }
        if (this instanceof Equality) {
            return f.apply((Equality) this);
        }
        return this;
    }

    /** All equality components, depth first. */
    default List<Equality> equalities() {
        List<Equality> out = new ArrayList<>();
        collect(this, out);
        return out;
    }

    private static void collect(Filter f, List<Equality> out) {
        if (f instanceof And) {
            ((And) f).parts().forEach(p -> collect(p, out));
        } else if (f instanceof Or) {
            ((Or) f).parts().forEach(p -> collect(p, out));
        } else if (f instanceof Not) {
            collect(((Not) f).part(), out);
        } else if (f instanceof Equality) {
            out.add((Equality) f);
        }
    }

    /**
     * Escapes an assertion value (RFC 4515 §3). Valid UTF-8 text keeps its non-ASCII characters
     * and escapes {@code * ( ) \}, NUL, the other control characters and DEL as {@code \xx};
     * anything else (binary values such as a DER certificate) escapes every octet outside
     * printable ASCII as well.
     */
    static String escapeValue(byte[] value) {
        StringBuilder out = new StringBuilder(value.length + 8);
        Optional<String> text = Utf8Strict.decode(value);
        if (text.isPresent()) {
            String s = text.get();
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '*' || c == '(' || c == ')' || c == '\\' || c < 0x20 || c == 0x7f) {
                    appendHex(out, c);
                } else {
                    out.append(c);
                }
            }
        } else {
            for (byte b : value) {
                int c = b & 0xff;
                if (c == '*' || c == '(' || c == ')' || c == '\\' || c < 0x20 || c >= 0x7f) {
                    appendHex(out, c);
                } else {
                    out.append((char) c);
                }
            }
        }
        return out.toString();
    }

    /** {@link #escapeValue(byte[])} of the UTF-8 encoding of {@code value}. */
    static String escapeValue(String value) {
        return escapeValue(value.getBytes(StandardCharsets.UTF_8));
    }

    private static void appendHex(StringBuilder out, int c) {
        out.append('\\').append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
    }

    private static List<Filter> nonEmpty(List<Filter> parts, String op) {
        if (parts == null || parts.isEmpty()) {
            throw new IllegalArgumentException("(" + op + ") needs at least one filter");
        }
        return List.copyOf(parts);
    }

    private static String join(char op, List<Filter> parts) {
        StringBuilder sb = new StringBuilder().append('(').append(op);
        parts.forEach(sb::append);
        return sb.append(')').toString();
    }

    /** Parses the supported subset of RFC 4515 (see the type comment). */
    static Filter parse(String text) throws SyntaxException {
        if (text == null || text.isEmpty()) {
            throw new SyntaxException("filter is empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new SyntaxException("filter is longer than " + MAX_LENGTH + " characters");
        }
        FilterParser p = new FilterParser(text);
        Filter f = p.filter(0);
        if (p.pos != text.length()) {
            throw p.error("unexpected text after the filter");
        }
        return f;
    }
}
