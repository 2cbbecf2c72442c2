package dev.herald.ldap.filter;

import org.apache.directory.api.ldap.model.schema.AttributeType;

/**
 * Attribute type comparisons by OID. The Directory API's {@code AttributeType.equals} compares
 * every field (names, matching rules, syntax, ...) and {@code isDescendantOf} uses it on each
 * step up the superior chain; on the search path that is called per attribute per candidate.
 * Within one schema an OID names exactly one type, so comparing OIDs gives the same answers.
 */
public final class AttributeTypes {
    /** Longer superior chains than this do not occur in a valid schema (it rejects cycles). */
    private static final int MAX_DEPTH = 64;

    private AttributeTypes() {}

    /** Whether the two are the same type. */
    public static boolean same(AttributeType a, AttributeType b) {
        return a == b || (a != null && b != null && a.getOid().equals(b.getOid()));
    }

    /**
     * Whether {@code at} is {@code type} or one of its subtypes (RFC 4512 §2.5.2), following
     * {@code at}'s superiors: {@code at.equals(type) || at.isDescendantOf(type)} by OID.
     */
    public static boolean isSameOrSubtype(AttributeType at, AttributeType type) {
        if (at == null || type == null) {
            return false;
        }
        String oid = type.getOid();
        AttributeType cur = at;
        for (int depth = 0; cur != null && depth < MAX_DEPTH; depth++) {
            if (cur == type || cur.getOid().equals(oid)) {
                return true;
            }
            cur = cur.getSuperior();
        }
        return false;
    }
}
