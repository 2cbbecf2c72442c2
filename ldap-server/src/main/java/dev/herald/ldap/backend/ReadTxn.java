package dev.herald.ldap.backend;

import java.util.Optional;
import java.util.function.Predicate;

import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.filter.ExprNode;
import org.apache.directory.api.ldap.model.message.SearchScope;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.AttributeType;

/**
 * A consistent, read-only view of a backend. Entries handed out are the stored user and
 * operational attributes (no virtual attributes such as hasSubordinates); callers must not
 * modify them.
 */
public interface ReadTxn extends AutoCloseable {

    /** The entry with this DN (compared by its normalised form), if present. */
    Optional<Entry> get(Dn dn) throws LdapException;

    /** Whether an entry with this DN exists (backends answer without reading the entry). */
    default boolean exists(Dn dn) throws LdapException {
        return get(dn).isPresent();
    }

    /** Whether the entry has at least one child. */
    boolean hasChildren(Dn dn) throws LdapException;

    /**
     * Streams candidate entries below {@code base} in {@code scope} for {@code filter}: every
     * entry in scope that matches the filter is delivered (more may be; the caller evaluates
     * the filter). Stops early when the sink returns false.
     *
     * @param unindexedLimit the most entries a search may scan when the backend cannot narrow
     *     the candidates with an index; over it, an {@code LdapAdminLimitExceededException}.
     *     {@code Long.MAX_VALUE} for identities allowed to scan.
     */
    void search(Dn base, SearchScope scope, ExprNode filter, long unindexedLimit, SearchSink sink)
            throws LdapException;

    /**
     * As {@link #search(Dn, SearchScope, ExprNode, long, SearchSink)}, but the delivered entries
     * need to hold only the attributes {@code wanted} accepts (null: all); a backend may leave
     * the others out to save decoding them. Such entries are only for reading the accepted
     * attributes.
     */
    default void search(Dn base, SearchScope scope, ExprNode filter, long unindexedLimit,
            Predicate<AttributeType> wanted, SearchSink sink) throws LdapException {
        search(base, scope, filter, unindexedLimit, sink);
    }

    /**
     * As {@link #search(Dn, SearchScope, ExprNode, long, Predicate, SearchSink)}, but each
     * candidate is delivered as stored ({@link StoredEntry}): decoded into schema-aware values
     * only for the attributes {@code tested} accepts (null: all), the others readable as stored
     * bytes. Candidates are only valid inside the sink call. The default wraps whole entries.
     */
    default void searchStored(Dn base, SearchScope scope, ExprNode filter, long unindexedLimit,
            Predicate<AttributeType> tested, StoredSink sink) throws LdapException {
        search(base, scope, filter, unindexedLimit, null, e -> sink.accept(new EntryCandidate(e)));
    }

    /**
     * An upper bound on how many candidates {@link #search} would deliver for {@code filter}
     * below any base, when the backend can tell from a few index counts without reading ids or
     * entries; -1 when it cannot (an unindexed filter, or a backend without indexes). The
     * server uses it to run small searches on the connection's own thread.
     */
    default long candidateBound(ExprNode filter) throws LdapException {
        return -1;
    }

    @Override
    void close();

    /** Receives stored candidates; returns false to stop. */
    @FunctionalInterface
    interface StoredSink {
        boolean accept(StoredEntry entry) throws LdapException;
    }

    /** Receives search candidates; returns false to stop (size limit reached, abandoned). */
    @FunctionalInterface
    interface SearchSink {
        boolean accept(Entry entry) throws LdapException;
    }
}
