package dev.herald.ldap.tools;

import java.util.HashMap;
import java.util.Map;

import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.name.Rdn;
import org.apache.directory.api.ldap.model.schema.SchemaManager;

/**
 * Schema-aware DNs of imported records, parsed without parsing the parent part again: the
 * parent of thousands of entries in a row is the same text, so its parsed {@link Dn} is kept by
 * its text (at most {@link #MAX_PARENTS}, the map is emptied when full) and only the first RDN
 * is parsed per entry. A DN this shortcut cannot make exactly as the full parse makes it
 * (escapes, hex values, quotes or non-ASCII text in the first RDN, {@code ;} separators, spaces
 * around a separator, a parse error, no parent) gives null, and the caller parses it in full,
 * so errors and their messages stay the full parse's. One instance per thread.
 */
final class ParentDnCache {
    /** Parent DNs kept at most. */
    static final int MAX_PARENTS = 1024;

    private final SchemaManager schema;
    private final Map<String, Dn> parents = new HashMap<>();

    ParentDnCache(SchemaManager schema) {
        this.schema = schema;
    }

    /** The DN of {@code text} as {@code new Dn(schema, text)} makes it, or null (parse it in full). */
    Dn dn(String text) {
        int comma = firstSeparator(text);
        if (comma <= 0 || comma == text.length() - 1) {
            return null;
        }
        try {
            String parentText = text.substring(comma + 1);
            Dn parent = parents.get(parentText);
            if (parent == null) {
                parent = new Dn(schema, parentText);
                if (!parent.getName().equals(parentText)) {
                    return null;
                }
                if (parents.size() >= MAX_PARENTS) {
                    parents.clear();
                }
                parents.put(parentText, parent);
            }
            Dn dn = parent.add(new Rdn(schema, text.substring(0, comma)));
            // the DN keeps the text as given (spaces, case, escapes); anything else is parsed in full
            return dn.getName().equals(text) ? dn : null;
        } catch (LdapException | RuntimeException e) {
            return null;
        }
    }

    /** Parents kept now (for tests of the bound). */
    int size() {
        return parents.size();
    }

    /**
     * Index of the first RDN separator (a comma), or -1 when there is none or the first RDN
     * uses forms left to the full parse: escapes (an RDN parsed alone and added by
     * {@code Dn.add} keeps its values in another escaped form than the full parse), hex values
     * ({@code #}: the same),
     * characters outside printable ASCII (a standalone RDN of non-ASCII text normalises
     * differently in API 2.1.8), quotes, {@code ;} separators.
     */
    private static int firstSeparator(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',') {
                return i;
            } else if (c == '\\' || c == '"' || c == ';' || c == '#' || c < 0x20 || c > 0x7e) {
                return -1;
            }
        }
        return -1;
    }
}
