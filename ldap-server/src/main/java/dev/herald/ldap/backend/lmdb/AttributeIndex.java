package dev.herald.ldap.backend.lmdb;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.apache.directory.api.ldap.model.constants.SchemaConstants;
import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.entry.Value;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.filter.SubstringNode;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.api.ldap.model.schema.MatchingRule;
import org.apache.directory.api.ldap.model.schema.Normalizer;
import org.apache.directory.api.ldap.model.schema.ObjectClass;
import org.apache.directory.api.ldap.model.schema.registries.ObjectClassRegistry;
import org.apache.directory.api.util.Strings;
import org.lmdbjava.Dbi;

/**
 * One attribute's index, stored in its own dupsort LMDB database (as back-mdb keeps one per
 * attribute): keys are a kind byte and data, values the 8-byte ids of the entries.
 *
 * <ul>
 *   <li>{@code 'e' + normalised value} (long values shortened, see {@link Keys#bounded});
 *   <li>{@code 'p'} for presence;
 *   <li>{@code 's' + trigram} over {@code 0x01 + trimmed substring-normalised value + 0x02}, so
 *       initial and final components are anchored.
 * </ul>
 */
final class AttributeIndex {
    static final byte EQ = 'e', PRES = 'p', SUB = 's';
    static final byte START = 1, END = 2;
    private static final byte[] PRES_KEY = {PRES};

    final AttributeType type;
    final Set<IndexKind> kinds;
    final Dbi<ByteBuffer> dbi;
    /** The substring rule's normaliser when it differs from the equality one, else null. */
    private final Normalizer subNormalizer;
    private final boolean subSameAsEquality;
    /** Set for the objectClass index only. */
    private final ObjectClassRegistry objectClasses;

    AttributeIndex(AttributeType type, Set<IndexKind> kinds, Dbi<ByteBuffer> dbi, ObjectClassRegistry ocs) {
        this.type = type;
        this.objectClasses = SchemaConstants.OBJECT_CLASS_AT_OID.equals(type.getOid()) ? ocs : null;
        this.kinds = kinds;
        this.dbi = dbi;
        MatchingRule sub = type.getSubstring();
        MatchingRule eq = type.getEquality();
        Normalizer sn = sub == null ? null : sub.getNormalizer();
        Normalizer en = eq == null ? null : eq.getNormalizer();
        this.subSameAsEquality = sn == null || (en != null && sn.getClass() == en.getClass());
        this.subNormalizer = sn;
    }

    boolean has(IndexKind k) {
        return kinds.contains(k);
    }

    /** Every key of this index for {@code entry}, sorted (unsigned bytes), without duplicates. */
    List<byte[]> keys(Entry entry) {
        Attribute a = entry.get(type);
        if (a == null || a.size() == 0) {
            return List.of();
        }
        List<byte[]> out = new ArrayList<>();
        if (has(IndexKind.PRESENCE)) {
            out.add(PRES_KEY);
        }
        for (Value v : a) {
            if (has(IndexKind.EQUALITY)) {
                out.add(eqKey(v));
                if (objectClasses != null) {
                    addSuperclasses(v, out);
                }
            }
            if (has(IndexKind.SUBSTRING) && v.isHumanReadable()) {
                String s = subjectForSubstrings(v);
                if (s != null) {
                    trigrams(Keys.utf8(s.strip()), true, true, out);
                }
            }
        }
        return sortedDistinct(out);
    }

    static List<byte[]> sortedDistinct(List<byte[]> keys) {
        keys.sort(Arrays::compareUnsigned);
        int n = 0;
        for (int i = 0; i < keys.size(); i++) {
            if (n == 0 || !Arrays.equals(keys.get(n - 1), keys.get(i))) {
                keys.set(n++, keys.get(i));
            }
        }
        return keys.subList(0, n);
    }

    /**
     * An entry of class inetOrgPerson is also a person (RFC 4512 §2.4.1) and OpenLDAP's
     * objectClass matching says so; indexing the superclasses keeps {@code (objectClass=person)}
     * a superset whether or not the entry lists them.
     */
    private void addSuperclasses(Value v, List<byte[]> out) {
        ObjectClass oc = objectClasses.get(v.getNormalized() != null ? v.getNormalized() : v.getString());
        if (oc == null) {
            return;
        }
        for (ObjectClass sup : oc.getSuperiors()) {
            out.add(Keys.concat(EQ, Keys.utf8(sup.getOid())));
            addSuperclasses(sup, out);
        }
    }

    private void addSuperclasses(ObjectClass oc, List<byte[]> out) {
        for (ObjectClass sup : oc.getSuperiors()) {
            out.add(Keys.concat(EQ, Keys.utf8(sup.getOid())));
            addSuperclasses(sup, out);
        }
    }

    static byte[] presenceKey() {
        return PRES_KEY;
    }

    /** The equality key of a schema-aware value of this attribute. */
    static byte[] eqKey(Value v) {
        byte[] data;
        if (v.isHumanReadable()) {
            String norm = v.getNormalized();
            data = Keys.utf8(norm != null ? norm : v.getString());
        } else {
            data = v.getBytes();
        }
        return Keys.concat(EQ, Keys.bounded(data == null ? new byte[0] : data));
    }

    /** Equality key for a filter's assertion value, normalising it when the filter was not. */
    byte[] eqKeyForAssertion(Value assertion) throws LdapException {
        Value v = assertion;
        if (!v.isSchemaAware() || !type.equals(v.getAttributeType())) {
            boolean textType = type.getSyntax() == null || type.getSyntax().isHumanReadable();
            // A filter parsed without a schema carries its assertion as bytes.
            v = textType ? new Value(type, v.isHumanReadable() ? v.getString() : Strings.utf8ToString(v.getBytes()))
                    : new Value(type, v.getBytes());
        }
        return eqKey(v);
    }

    /**
     * The trigram keys that every value matching {@code node} must have, or null when the
     * components are too short to narrow anything.
     */
    List<byte[]> subKeysForAssertion(SubstringNode node) throws LdapException {
        List<byte[]> grams = new ArrayList<>();
        if (node.getInitial() != null) {
            trigrams(Keys.utf8(normaliseComponent(node.getInitial())), true, false, grams);
        }
        if (node.getAny() != null) {
            for (String any : node.getAny()) {
                trigrams(Keys.utf8(normaliseComponent(any)), false, false, grams);
            }
        }
        if (node.getFinal() != null) {
            trigrams(Keys.utf8(normaliseComponent(node.getFinal())), false, true, grams);
        }
        return grams.isEmpty() ? null : sortedDistinct(grams);
    }

    private String normaliseComponent(String c) throws LdapException {
        Normalizer n = subNormalizer != null ? subNormalizer
                : type.getEquality() != null ? type.getEquality().getNormalizer() : null;
        String s = n == null ? c : n.normalize(c);
        // Insignificant-space handling (RFC 4518 §2.6.1) may pad a component; the indexed values
        // are stripped the same way, so a matching value still contains the stripped component.
        return s.strip();
    }

    private String subjectForSubstrings(Value v) {
        if (subSameAsEquality) {
            return v.getNormalized() != null ? v.getNormalized() : v.getString();
        }
        try {
            return subNormalizer.normalize(v.getString());
        } catch (LdapException e) {
            return null;
        }
    }

    /** Adds the 3-byte grams of {@code data}, optionally anchored at the start and end. */
    static void trigrams(byte[] data, boolean anchorStart, boolean anchorEnd, List<byte[]> out) {
        int len = data.length + (anchorStart ? 1 : 0) + (anchorEnd ? 1 : 0);
        if (len < 3) {
            return;
        }
        byte[] s = new byte[len];
        int p = 0;
        if (anchorStart) {
            s[p++] = START;
        }
        System.arraycopy(data, 0, s, p, data.length);
        if (anchorEnd) {
            s[len - 1] = END;
        }
        for (int i = 0; i + 3 <= len; i++) {
            out.add(new byte[] {SUB, s[i], s[i + 1], s[i + 2]});
        }
    }
}
