package dev.herald.sasl.syntax;

import dev.herald.sasl.directory.Scope;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A distinguished name in its RFC 4514 string form, parsed enough to render it with safe escaping,
 * compare it with another DN and test subtree membership.
 *
 * <p>Parsing is strict RFC 4514 §3 (escapes, {@code #hexstring} values, multi-valued RDNs,
 * valid UTF-8 after unescaping), with one tolerance: spaces before an attribute type (after
 * {@code ,} or {@code +}) are skipped, as people write {@code uid=a, ou=b}.
 *
 * <p>Comparison is local and schema-less: attribute types compare case-insensitively with their
 * aliases and OIDs ({@link AttributeTypes}); string values compare as caseIgnoreMatch would
 * (RFC 4518 simplified: NFKC, lower case, insignificant spaces removed); {@code #hex} values
 * compare by their octets; the AVAs of a multi-valued RDN compare as a set. The directory's own
 * DN normalisation (schema-aware) stays authoritative for "which entry is this"; this class is
 * used for policy patterns (subtree, exact) and for comparing DNs the directory returned.
 *
 * <p>Rendering ({@link #toString()}, {@link #escapeValue(String)}) follows RFC 4514 §2.4 and
 * additionally always escapes {@code =} and control characters inside values, so that in a
 * rendered DN the text {@code TYPE=} can only occur at the start of an attribute value
 * assertion (regexes over rendered DNs rely on that).
 */
public final class Dn {

    /** One attribute value assertion; {@code hex} marks a {@code #hexstring} value kept as lower-case hex. */
    public record Ava(String type, String value, boolean hex) {
        public Ava {
            if (!AttributeDescription.isAttributeType(type)) {
                throw new IllegalArgumentException("invalid attribute type in DN: '" + type + "'");
            }
            if (value == null) {
                throw new IllegalArgumentException("null attribute value");
            }
            if (hex && !value.matches("([0-9a-f]{2})+")) {
                throw new IllegalArgumentException("invalid hex value");
            }
        }

        /** A string-valued AVA. */
        public static Ava of(String type, String value) {
            return new Ava(type, value, false);
        }

        @Override
        public String toString() {
            return type + "=" + (hex ? "#" + value : escapeValue(value));
        }

        String normalized() {
            return AttributeTypes.canonical(type) + "=" + (hex ? "#" + value : escapeValue(normalizeValue(value)));
        }
    }

    /** One relative distinguished name: one or more AVAs. */
    public record Rdn(List<Ava> avas) {
        public Rdn {
            if (avas == null || avas.isEmpty()) {
                throw new IllegalArgumentException("an RDN needs at least one attribute value assertion");
            }
            avas = List.copyOf(avas);
        }

        /** A single-valued RDN. */
        public static Rdn of(String type, String value) {
            return new Rdn(List.of(Ava.of(type, value)));
        }

        @Override
        public String toString() {
            return avas.stream().map(Ava::toString).collect(Collectors.joining("+"));
        }

        String normalized() {
            return avas.stream().map(Ava::normalized).sorted().collect(Collectors.joining("+"));
        }
    }

    /** The empty DN (the root DSE). */
    public static final Dn ROOT = new Dn(List.of());

    private final List<Rdn> rdns;
    private final List<String> normalizedRdns;
    private final String normalized;

    private Dn(List<Rdn> rdns) {
        this.rdns = List.copyOf(rdns);
        List<String> n = new ArrayList<>(rdns.size());
        for (Rdn r : this.rdns) {
            n.add(r.normalized());
        }
        this.normalizedRdns = Collections.unmodifiableList(n);
        this.normalized = String.join(",", n);
    }

    /** A DN from RDNs, most specific first (the RFC 4514 string order). */
    public static Dn of(List<Rdn> rdns) {
        return rdns.isEmpty() ? ROOT : new Dn(rdns);
    }

    /** Parses an RFC 4514 string. */
    public static Dn parse(String text) throws SyntaxException {
        if (text == null) {
            throw new SyntaxException("DN is missing");
        }
        return new Parser(text).parse();
    }

    /** RDNs, most specific first. */
    public List<Rdn> rdns() {
        return rdns;
    }

    public int size() {
        return rdns.size();
    }

    public boolean isRoot() {
        return rdns.isEmpty();
    }

    /** The DN without its first RDN; empty for the root. */
    public Optional<Dn> parent() {
        return rdns.isEmpty() ? Optional.empty() : Optional.of(of(rdns.subList(1, rdns.size())));
    }

    /** True when this DN is strictly below {@code base}. */
    public boolean isDescendantOf(Dn base) {
        int extra = size() - base.size();
        return extra > 0 && normalizedRdns.subList(extra, size()).equals(base.normalizedRdns);
    }

    /** True when this DN lies within {@code scope} of {@code base} (RFC 4511 §4.5.1.2). */
    public boolean isWithin(Dn base, Scope scope) {
        switch (scope) {
            case BASE: return equals(base);
            case ONE: return size() == base.size() + 1 && isDescendantOf(base);
            case SUB: return equals(base) || isDescendantOf(base);
            default: throw new AssertionError(scope);
        }
    }

    /**
     * The comparison form: lower-case canonical types, normalised values, sorted multi-valued
     * RDNs, RFC 4514 escaping. Two DNs are {@link #equals equal} iff their normalised forms are.
     */
    public String normalized() {
        return normalized;
    }

    /** The RFC 4514 string, types as written, values escaped as described in the class comment. */
    @Override
    public String toString() {
        return rdns.stream().map(Rdn::toString).collect(Collectors.joining(","));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Dn && ((Dn) o).normalized.equals(normalized);
    }

    @Override
    public int hashCode() {
        return normalized.hashCode();
    }

    /**
     * Escapes a string for use as an RFC 4514 attribute value (§2.4): {@code "+,;<>\=} are
     * backslash-escaped, a leading {@code #} or space and a trailing space are backslash-escaped,
     * NUL and the other C0 controls and DEL become {@code \XX}. Any input yields exactly one
     * value: the result never contains an unescaped separator.
     *
     * @throws IllegalArgumentException when the string contains an unpaired surrogate (it has
     *                                  no UTF-8 form)
     */
    public static String escapeValue(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        int n = value.length();
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1))) {
                    out.append(c).append(value.charAt(++i));
                    continue;
                }
                throw new IllegalArgumentException("value contains an unpaired surrogate");
            }
            switch (c) {
                case '"': case '+': case ',': case ';': case '<': case '>': case '\\': case '=':
                    out.append('\\').append(c);
                    break;
                case '#':
                    out.append(i == 0 ? "\\#" : "#");
                    break;
                case ' ':
                    out.append(i == 0 || i == n - 1 ? "\\ " : " ");
                    break;
                default:
                    if (c < 0x20 || c == 0x7f) {
                        out.append('\\').append(HEX_UPPER[c >> 4]).append(HEX_UPPER[c & 0xf]);
                    } else {
                        out.append(c);
                    }
            }
        }
        return out.toString();
    }

    /** Value normalisation used for comparison (a schema-less approximation of caseIgnoreMatch). */
    static String normalizeValue(String value) {
        String s = Normalizer.normalize(value, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(s.length());
        boolean pendingSpace = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                pendingSpace = out.length() > 0;
            } else {
                if (pendingSpace) {
                    out.append(' ');
                    pendingSpace = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    private static final char[] HEX_UPPER = "0123456789ABCDEF".toCharArray();

    /** Recursive-descent parser for RFC 4514 §3. */
    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        Dn parse() throws SyntaxException {
            if (s.isEmpty()) {
                return ROOT;
            }
            List<Rdn> rdns = new ArrayList<>();
            while (true) {
                List<Ava> avas = new ArrayList<>();
                while (true) {
                    skipSpaces();
                    String type = parseType();
                    expect('=');
                    avas.add(parseValue(type));
                    if (pos < s.length() && s.charAt(pos) == '+') {
                        pos++;
                        continue;
                    }
                    break;
                }
                rdns.add(new Rdn(avas));
                if (pos == s.length()) {
                    return Dn.of(rdns);
                }
                if (s.charAt(pos) != ',') {
                    throw error("unexpected character '" + s.charAt(pos) + "'");
                }
                pos++;
            }
        }

        private void skipSpaces() {
            while (pos < s.length() && s.charAt(pos) == ' ') {
                pos++;
            }
        }

        private void expect(char c) throws SyntaxException {
            if (pos >= s.length() || s.charAt(pos) != c) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        private String parseType() throws SyntaxException {
            int start = pos;
            if (pos < s.length() && isAlpha(s.charAt(pos))) {
                while (pos < s.length() && (isAlpha(s.charAt(pos)) || isDigit(s.charAt(pos)) || s.charAt(pos) == '-')) {
                    pos++;
                }
            } else if (pos < s.length() && isDigit(s.charAt(pos))) {
                while (pos < s.length() && (isDigit(s.charAt(pos)) || s.charAt(pos) == '.')) {
                    pos++;
                }
                if (!AttributeDescription.isNumericOid(s.substring(start, pos))) {
                    throw error("invalid numeric OID as attribute type");
                }
            } else {
                throw error("expected an attribute type");
            }
            return s.substring(start, pos);
        }

        private Ava parseValue(String type) throws SyntaxException {
            if (pos < s.length() && s.charAt(pos) == '#') {
                pos++;
                int start = pos;
                while (pos < s.length() && s.charAt(pos) != ',' && s.charAt(pos) != '+') {
                    if (!isHex(s.charAt(pos))) {
                        throw error("invalid character in #hexstring value");
                    }
                    pos++;
                }
                int len = pos - start;
                if (len == 0 || len % 2 != 0) {
                    throw error("a #hexstring value needs one or more pairs of hex digits");
                }
                return new Ava(type, s.substring(start, pos).toLowerCase(Locale.ROOT), true);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            int valueStart = pos;
            boolean lastEscaped = false;
            char lastRaw = 0;
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == ',' || c == '+') {
                    break;
                }
                if (c == '\\') {
                    pos++;
                    if (pos >= s.length()) {
                        throw error("a backslash at the end of a value escapes nothing");
                    }
                    char d = s.charAt(pos);
                    if (isHex(d) && pos + 1 < s.length() && isHex(s.charAt(pos + 1))) {
                        bytes.write(Character.digit(d, 16) << 4 | Character.digit(s.charAt(pos + 1), 16));
                        pos += 2;
                    } else if ("\"+,;<>#= \\".indexOf(d) >= 0) {
                        bytes.write(d);
                        pos++;
                    } else {
                        throw error("'\\" + d + "' is not a valid escape");
                    }
                    lastEscaped = true;
                    continue;
                }
                if (c == 0 || c == '"' || c == ';' || c == '<' || c == '>') {
                    throw error("character " + describe(c) + " must be escaped in a value");
                }
                if (c == ' ' && pos == valueStart) {
                    throw error("a leading space in a value must be escaped");
                }
                if (Character.isHighSurrogate(c) && pos + 1 < s.length() && Character.isLowSurrogate(s.charAt(pos + 1))) {
                    bytes.writeBytes(s.substring(pos, pos + 2).getBytes(StandardCharsets.UTF_8));
                    pos += 2;
                } else if (Character.isSurrogate(c)) {
                    throw error("unpaired surrogate in value");
                } else {
                    bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                    pos++;
                }
                lastEscaped = false;
                lastRaw = c;
            }
            if (!lastEscaped && lastRaw == ' ') {
                throw error("a trailing space in a value must be escaped");
            }
            String value = Utf8Strict.decode(bytes.toByteArray())
                    .orElseThrow(() -> error("escaped octets in a value are not valid UTF-8"));
            return new Ava(type, value, false);
        }

        private SyntaxException error(String what) {
            return new SyntaxException("invalid DN at position " + pos + ": " + what);
        }

        private static String describe(char c) {
            return c == 0 ? "NUL" : "'" + c + "'";
        }

        private static boolean isAlpha(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private static boolean isHex(char c) {
            return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        }
    }
}
