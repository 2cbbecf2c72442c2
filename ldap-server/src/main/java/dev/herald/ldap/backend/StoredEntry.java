package dev.herald.ldap.backend;

import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.AttributeType;

/**
 * A search candidate as stored, read lazily: a schema-aware entry with only the attributes the
 * search tests (for filter evaluation), and a cursor over all stored attributes that hands out
 * each value's stored bytes without building schema-aware values. Returned attributes that a
 * search never tests need no normalisation: their user-provided bytes go straight into the
 * response. Valid only inside the sink call that delivered it (the bytes may live in a buffer
 * the backend reuses for the next candidate).
 */
public interface StoredEntry {

    /** The entry's DN as stored (user-provided form): what {@code dn().getName()} gives. */
    String dnName() throws LdapException;

    /** The schema-aware DN; a backend may build it on demand, so ask only when needed. */
    Dn dn() throws LdapException;

    /**
     * A read-only schema-aware entry holding at least the attributes the search's {@code tested}
     * predicate accepted. Its DN may be {@link Dn#EMPTY_DN}: use {@link #dn()}.
     */
    Entry tested();

    /** A cursor over every stored attribute, in stored order. */
    AttributeCursor attributes() throws LdapException;

    /**
     * Walks the stored attributes of one entry. {@link #next()} moves to the next attribute;
     * then {@link #nextValue()} moves through its values, each exposed as a byte range (the
     * user-provided form: UTF-8 for strings, the bytes for binary values).
     */
    interface AttributeCursor {
        /** Moves to the next attribute; false after the last. */
        boolean next() throws LdapException;

        AttributeType type();

        /**
         * {@code p.test(type())}; a backend may remember the answer per predicate instance, so
         * {@code p} must answer by the type alone.
         */
        default boolean typeIs(java.util.function.Predicate<AttributeType> p) {
            return p.test(type());
        }

        /** The attribute description as {@code Attribute.getUpId()} gives it, as UTF-8. */
        byte[] upIdUtf8();

        /** Moves to the current attribute's next value; false after the last. */
        boolean nextValue() throws LdapException;

        byte[] valueBuffer();

        int valueOffset();

        int valueLength();
    }
}
