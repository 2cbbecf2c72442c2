package dev.herald.sasl.support;

import dev.herald.sasl.directory.DirectoryException;
import dev.herald.sasl.directory.DirectoryLookup;
import dev.herald.sasl.directory.Scope;
import dev.herald.sasl.syntax.Dn;
import dev.herald.sasl.syntax.SyntaxException;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An in-memory directory for tests. It records every call, and its filter evaluator is its own
 * (not the production parser): it understands {@code & | !}, equality, presence and, on purpose,
 * substring wildcards, so a filter whose values were not escaped would visibly match more
 * entries. String values compare case-insensitively; attributes with {@code ;binary} compare
 * octets.
 */
public final class FakeDirectory implements DirectoryLookup {

    private static final class Entry {
        final String dn;
        final Map<String, List<byte[]>> attrs = new LinkedHashMap<>();

        Entry(String dn) {
            this.dn = dn;
        }
    }

    private final Map<Dn, Entry> entries = new LinkedHashMap<>();
    public final List<String> calls = new ArrayList<>();
    private DirectoryException failure;

    /** Adds an entry with string attributes given as name, value, name, value, ... (RDN values added too). */
    public FakeDirectory add(String dn, String... attrValuePairs) {
        Entry e = new Entry(dn);
        try {
            for (Dn.Rdn r : Dn.parse(dn).rdns().subList(0, 1)) {
                for (Dn.Ava a : r.avas()) {
                    put(e, a.type(), a.value().getBytes(StandardCharsets.UTF_8));
                }
            }
            entries.put(Dn.parse(dn), e);
        } catch (SyntaxException ex) {
            throw new IllegalArgumentException(ex);
        }
        for (int i = 0; i < attrValuePairs.length; i += 2) {
            put(e, attrValuePairs[i], attrValuePairs[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return this;
    }

    /** Adds a binary value to an existing entry. */
    public FakeDirectory addBinary(String dn, String attribute, byte[] value) {
        put(entry(dn), attribute, value);
        return this;
    }

    /** Makes every later call fail. */
    public void failWith(DirectoryException e) {
        this.failure = e;
    }

    private static void put(Entry e, String attr, byte[] value) {
        e.attrs.computeIfAbsent(attr.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(value);
    }

    private Entry entry(String dn) {
        try {
            return entries.get(Dn.parse(dn));
        } catch (SyntaxException e) {
            return null;
        }
    }

    /** The recorded search filters, in call order. */
    public List<String> filters() {
        List<String> out = new ArrayList<>();
        for (String c : calls) {
            if (c.startsWith("search ")) {
                out.add(c.substring(c.lastIndexOf(" filter=") + 8, c.lastIndexOf(" limit=")));
            }
        }
        return out;
    }

    @Override
    public Optional<String> exists(String dn) throws DirectoryException {
        calls.add("exists " + dn);
        if (failure != null) {
            throw failure;
        }
        Entry e = entry(dn);
        return e == null ? Optional.empty() : Optional.of(e.dn);
    }

    @Override
    public List<String> search(String baseDn, Scope scope, String filter, int limit) throws DirectoryException {
        calls.add("search base=" + baseDn + " scope=" + scope + " filter=" + filter + " limit=" + limit);
        if (failure != null) {
            throw failure;
        }
        Dn base;
        try {
            base = Dn.parse(baseDn);
        } catch (SyntaxException e) {
            throw new DirectoryException("invalid base: " + e.getMessage());
        }
        Node f = new FilterReader(filter).read();
        List<String> out = new ArrayList<>();
        for (Map.Entry<Dn, Entry> me : entries.entrySet()) {
            if (me.getKey().isWithin(base, scope) && f.test(me.getValue())) {
                if (out.size() == limit) {
                    break;
                }
                out.add(me.getValue().dn);
            }
        }
        return out;
    }

    @Override
    public List<byte[]> values(String dn, String attribute) throws DirectoryException {
        calls.add("values " + dn + " " + attribute);
        if (failure != null) {
            throw failure;
        }
        Entry e = entry(dn);
        if (e == null) {
            return List.of();
        }
        return e.attrs.getOrDefault(attribute.toLowerCase(Locale.ROOT), List.of());
    }

    private interface Node {
        boolean test(Entry e);
    }

    /** A deliberately independent, permissive RFC 4515 reader (with substrings). */
    private static final class FilterReader {
        private final String s;
        private int pos;

        FilterReader(String s) {
            this.s = s;
        }

        Node read() throws DirectoryException {
            Node n = node();
            if (pos != s.length()) {
                throw new DirectoryException("trailing text in filter: " + s);
            }
            return n;
        }

        private Node node() throws DirectoryException {
            expect('(');
            char c = s.charAt(pos);
            Node n;
            if (c == '&' || c == '|') {
                pos++;
                List<Node> parts = new ArrayList<>();
                while (s.charAt(pos) == '(') {
                    parts.add(node());
                }
                n = c == '&' ? e -> parts.stream().allMatch(p -> p.test(e)) : e -> parts.stream().anyMatch(p -> p.test(e));
            } else if (c == '!') {
                pos++;
                Node inner = node();
                n = e -> !inner.test(e);
            } else {
                int eq = s.indexOf('=', pos);
                String attr = s.substring(pos, eq).toLowerCase(Locale.ROOT);
                pos = eq + 1;
                List<byte[]> pieces = new ArrayList<>();
                ByteArrayOutputStream cur = new ByteArrayOutputStream();
                while (s.charAt(pos) != ')') {
                    char ch = s.charAt(pos);
                    if (ch == '\\') {
                        cur.write(Integer.parseInt(s.substring(pos + 1, pos + 3), 16));
                        pos += 3;
                    } else if (ch == '*') {
                        pieces.add(cur.toByteArray());
                        cur.reset();
                        pos++;
                    } else if (ch == '(') {
                        throw new DirectoryException("unbalanced filter: " + s);
                    } else {
                        int cp = s.codePointAt(pos);
                        cur.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                        pos += Character.charCount(cp);
                    }
                }
                pieces.add(cur.toByteArray());
                boolean binary = attr.contains(";binary");
                n = e -> e.attrs.getOrDefault(attr, List.of()).stream().anyMatch(v -> match(v, pieces, binary));
            }
            expect(')');
            return n;
        }

        private static boolean match(byte[] value, List<byte[]> pieces, boolean binary) {
            if (pieces.size() == 1) {
                return binary ? Arrays.equals(value, pieces.get(0))
                        : new String(value, StandardCharsets.UTF_8).equalsIgnoreCase(new String(pieces.get(0), StandardCharsets.UTF_8));
            }
            String v = new String(value, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
            int at = 0;
            for (int i = 0; i < pieces.size(); i++) {
                String p = new String(pieces.get(i), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
                if (i == 0) {
                    if (!v.startsWith(p)) {
                        return false;
                    }
                    at = p.length();
                } else if (i == pieces.size() - 1) {
                    return v.length() - p.length() >= at && v.endsWith(p);
                } else {
                    int k = v.indexOf(p, at);
                    if (k < 0) {
                        return false;
                    }
                    at = k + p.length();
                }
            }
            return true;
        }

        private void expect(char c) throws DirectoryException {
            if (pos >= s.length() || s.charAt(pos) != c) {
                throw new DirectoryException("malformed filter (expected '" + c + "' at " + pos + "): " + s);
            }
            pos++;
        }
    }
}
