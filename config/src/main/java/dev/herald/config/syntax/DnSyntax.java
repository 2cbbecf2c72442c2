package dev.herald.config.syntax;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A structural check of distinguished names in their RFC 4514 string form, so that a typo in
 * a configured DN is reported at start with its position. This is not the server's DN parser
 * (that is the LDAP API's, with the schema): it checks the grammar of §3 — attribute types as
 * descr or numericoid, values with {@code \}-escapes or {@code #}hex — and accepts spaces
 * around separators as most parsers do. It also compares DNs loosely (attribute type aliases,
 * case- and space-insensitive values) to tell whether a DN lies inside the suffix.
 */
public final class DnSyntax {

    /** How two DNs relate. UNKNOWN when a value is in {@code #}hex form and cannot be compared. */
    public enum Relation { WITHIN, OUTSIDE, UNKNOWN }

    /** One attribute type and value; the type is lower case and reduced to its short name. */
    public record Ava(String type, String value, boolean hex) {}

    static final String FIX = "write the DN in RFC 4514 form, e.g. uid=alice,ou=people,dc=example,dc=com; "
            + "separate RDNs with commas and escape , + \" \\ < > ; and a leading # or space with a backslash";

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("commonname", "cn"), Map.entry("2.5.4.3", "cn"),
            Map.entry("surname", "sn"), Map.entry("2.5.4.4", "sn"),
            Map.entry("countryname", "c"), Map.entry("2.5.4.6", "c"),
            Map.entry("localityname", "l"), Map.entry("2.5.4.7", "l"),
            Map.entry("stateorprovincename", "st"), Map.entry("2.5.4.8", "st"),
            Map.entry("streetaddress", "street"), Map.entry("2.5.4.9", "street"),
            Map.entry("organizationname", "o"), Map.entry("2.5.4.10", "o"),
            Map.entry("organizationalunitname", "ou"), Map.entry("2.5.4.11", "ou"),
            Map.entry("domaincomponent", "dc"), Map.entry("0.9.2342.19200300.100.1.25", "dc"),
            Map.entry("userid", "uid"), Map.entry("0.9.2342.19200300.100.1.1", "uid"),
            Map.entry("rfc822mailbox", "mail"), Map.entry("0.9.2342.19200300.100.1.3", "mail"));

    private final String dn;
    private int pos;

    private DnSyntax(String dn) {
        this.dn = dn;
    }

    /**
     * Parses a DN into its RDNs, left (most specific) first. An empty string is the empty DN.
     *
     * @throws SyntaxException naming the position of the first error
     */
    public static List<List<Ava>> parse(String dn) throws SyntaxException {
        return new DnSyntax(dn).parseDn();
    }

    /** Parses a DN that must not be empty. */
    public static List<List<Ava>> parseNonEmpty(String dn) throws SyntaxException {
        List<List<Ava>> rdns = parse(dn);
        if (rdns.isEmpty()) {
            throw new SyntaxException("the DN is empty", FIX);
        }
        return rdns;
    }

    /** Whether {@code dn} equals {@code suffix} or lies below it. */
    public static Relation relation(List<List<Ava>> dn, List<List<Ava>> suffix) {
        if (suffix.size() > dn.size()) {
            return anyHex(dn) || anyHex(suffix) ? Relation.UNKNOWN : Relation.OUTSIDE;
        }
        boolean unknown = false;
        for (int i = 1; i <= suffix.size(); i++) {
            List<Ava> a = dn.get(dn.size() - i);
            List<Ava> b = suffix.get(suffix.size() - i);
            if (a.stream().anyMatch(Ava::hex) || b.stream().anyMatch(Ava::hex)) {
                unknown = true;
                continue;
            }
            if (!normalized(a).equals(normalized(b))) {
                return Relation.OUTSIDE;
            }
        }
        return unknown ? Relation.UNKNOWN : Relation.WITHIN;
    }

    /**
     * Whether {@code s} is an attribute description: a descr ({@code uid}, {@code x-foo}) or a
     * numericoid, optionally followed by options such as {@code ;binary} (RFC 4512 §2.5).
     */
    public static boolean isAttributeDescription(String s) {
        String[] parts = s.split(";", -1);
        if (!isAttributeType(parts[0])) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            if (!parts[i].matches("[A-Za-z0-9-]+")) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code s} is a descr or a numericoid (RFC 4512 §1.4). */
    public static boolean isAttributeType(String s) {
        return s.matches("[A-Za-z][A-Za-z0-9-]*") || isNumericOid(s);
    }

    public static boolean isNumericOid(String s) {
        return s.matches("(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*))+");
    }

    private static boolean anyHex(List<List<Ava>> dn) {
        return dn.stream().flatMap(List::stream).anyMatch(Ava::hex);
    }

    private static Set<String> normalized(List<Ava> rdn) {
        Set<String> set = new HashSet<>();
        for (Ava ava : rdn) {
            String type = ALIASES.getOrDefault(ava.type(), ava.type());
            String value = ava.value().strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
            set.add(type + "=" + value);
        }
        return set;
    }

    private List<List<Ava>> parseDn() throws SyntaxException {
        List<List<Ava>> rdns = new ArrayList<>();
        skipSpaces();
        if (pos == dn.length()) {
            return rdns;
        }
        while (true) {
            List<Ava> rdn = new ArrayList<>();
            while (true) {
                rdn.add(parseAva());
                skipSpaces();
                if (pos < dn.length() && dn.charAt(pos) == '+') {
                    pos++;
                    skipSpaces();
                    continue;
                }
                break;
            }
            rdns.add(List.copyOf(rdn));
            if (pos == dn.length()) {
                return List.copyOf(rdns);
            }
            char c = dn.charAt(pos);
            if (c == ',') {
                pos++;
                skipSpaces();
                if (pos == dn.length()) {
                    throw error("the DN ends with a comma");
                }
                continue;
            }
            if (c == ';') {
                throw error("';' separates RDNs only in the obsolete RFC 1779 form; use ','");
            }
            throw error("unexpected '" + c + "'");
        }
    }

    private Ava parseAva() throws SyntaxException {
        int start = pos;
        if (pos < dn.length() && isAlpha(dn.charAt(pos))) {
            while (pos < dn.length() && (isAlpha(dn.charAt(pos)) || isDigit(dn.charAt(pos)) || dn.charAt(pos) == '-')) {
                pos++;
            }
        } else if (pos < dn.length() && isDigit(dn.charAt(pos))) {
            while (pos < dn.length() && (isDigit(dn.charAt(pos)) || dn.charAt(pos) == '.')) {
                pos++;
            }
            if (!isNumericOid(dn.substring(start, pos))) {
                pos = start;
                throw error("'" + dn.substring(start, Math.min(dn.length(), start + 20)) + "' is not an attribute type");
            }
        } else {
            throw error(pos < dn.length() ? "expected an attribute type, found '" + dn.charAt(pos) + "'"
                    : "expected an attribute type at the end");
        }
        String type = dn.substring(start, pos).toLowerCase(Locale.ROOT);
        skipSpaces();
        if (pos >= dn.length() || dn.charAt(pos) != '=') {
            throw error("expected '=' after the attribute type '" + dn.substring(start, pos) + "'");
        }
        pos++;
        skipSpaces();
        if (pos < dn.length() && dn.charAt(pos) == '#') {
            return new Ava(type, parseHexValue(), true);
        }
        return new Ava(type, parseStringValue(type), false);
    }

    private String parseHexValue() throws SyntaxException {
        int start = ++pos;
        while (pos < dn.length() && isHex(dn.charAt(pos))) {
            pos++;
        }
        int digits = pos - start;
        if (digits == 0 || digits % 2 != 0) {
            throw error("a '#' value needs an even, non-zero number of hex digits");
        }
        String hex = dn.substring(start, pos);
        skipSpaces();
        if (pos < dn.length() && dn.charAt(pos) != ',' && dn.charAt(pos) != '+') {
            throw error("unexpected '" + dn.charAt(pos) + "' after a '#' hex value");
        }
        return "#" + hex;
    }

    private String parseStringValue(String type) throws SyntaxException {
        ByteArrayOutputStream value = new ByteArrayOutputStream();
        int lastSignificant = 0;
        while (pos < dn.length()) {
            char c = dn.charAt(pos);
            if (c == ',' || c == '+') {
                break;
            }
            if (c == '\\') {
                pos++;
                if (pos >= dn.length()) {
                    throw error("the DN ends with a lone backslash");
                }
                char e = dn.charAt(pos);
                if (isHex(e) && pos + 1 < dn.length() && isHex(dn.charAt(pos + 1))) {
                    value.write(Integer.parseInt(dn.substring(pos, pos + 2), 16));
                    pos += 2;
                } else if ("\"+,;<>\\ #=".indexOf(e) >= 0) {
                    value.write(e);
                    pos++;
                } else {
                    throw error("'\\" + e + "' is not a valid escape; escape only , + \" \\ < > ; # = space, or write two hex digits");
                }
                lastSignificant = value.size();
                continue;
            }
            if (c == ';') {
                throw error("';' does not separate RDNs in RFC 4514; write ',' between RDNs (or escape it as \\; inside a value)");
            }
            if (c == '"' || c == '<' || c == '>' || c == 0) {
                throw error("'" + (c == 0 ? "NUL" : String.valueOf(c)) + "' in the value of " + type + " must be escaped with a backslash");
            }
            byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
            if (Character.isHighSurrogate(c) && pos + 1 < dn.length()) {
                b = dn.substring(pos, pos + 2).getBytes(StandardCharsets.UTF_8);
                pos++;
            }
            value.write(b, 0, b.length);
            pos++;
            if (c != ' ') {
                lastSignificant = value.size();
            }
        }
        byte[] bytes = value.toByteArray();
        String s = new String(bytes, 0, lastSignificant, StandardCharsets.UTF_8);
        if (s.isEmpty()) {
            throw error("the attribute " + type + " has an empty value");
        }
        return s;
    }

    private void skipSpaces() {
        while (pos < dn.length() && dn.charAt(pos) == ' ') {
            pos++;
        }
    }

    private SyntaxException error(String what) {
        return new SyntaxException("invalid DN '" + dn + "': " + what + " (at character " + (pos + 1) + ")", FIX);
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
