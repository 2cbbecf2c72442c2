package dev.herald.ldap.backend.lmdb;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One configured attribute index: the attribute (a name or OID the schema knows) and the kinds
 * kept for it. The backend resolves the attribute against its schema when it opens.
 */
public record IndexSpec(String attribute, Set<IndexKind> kinds) {

    public IndexSpec {
        if (attribute == null || attribute.isBlank()) {
            throw new IllegalArgumentException("index attribute must not be empty");
        }
        if (kinds == null || kinds.isEmpty()) {
            throw new IllegalArgumentException("index on " + attribute + " names no kind");
        }
        kinds = Collections.unmodifiableSet(EnumSet.copyOf(kinds));
    }

    /** An index of the given kinds on {@code attribute}. */
    public static IndexSpec of(String attribute, IndexKind first, IndexKind... rest) {
        return new IndexSpec(attribute, EnumSet.of(first, rest));
    }

    /**
     * The defaults: {@code objectClass eq}; {@code uid, cn, mail eq,pres,sub}; {@code member
     * eq,pres}. Certificate mappers add the attributes they search.
     */
    public static List<IndexSpec> defaults() {
        return List.of(
                of("objectClass", IndexKind.EQUALITY),
                of("uid", IndexKind.EQUALITY, IndexKind.PRESENCE, IndexKind.SUBSTRING),
                of("cn", IndexKind.EQUALITY, IndexKind.PRESENCE, IndexKind.SUBSTRING),
                of("mail", IndexKind.EQUALITY, IndexKind.PRESENCE, IndexKind.SUBSTRING),
                of("member", IndexKind.EQUALITY, IndexKind.PRESENCE));
    }
}
