package dev.herald.ldap.backend;

import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.name.Dn;

/**
 * Where entries live. A backend holds one naming context and offers snapshot reads and atomic
 * writes; schema checks, access control, operational attributes and filter semantics live
 * above it, in the directory layer, so that every backend behaves the same. Implementations:
 * the in-memory backend (tests, demo without persistence) and the LMDB backend (default).
 */
public interface Backend extends AutoCloseable {

    /** The naming context this backend holds, e.g. {@code dc=example,dc=com}. */
    Dn suffix();

    /**
     * Opens a read transaction: a consistent snapshot that writers never block and never
     * change. The caller closes it.
     */
    ReadTxn openRead() throws LdapException;

    /**
     * Runs {@code action} in one write transaction. Either everything it did is committed and
     * durable when this returns, or (when it throws) nothing is. Writers are serialised.
     * A backend may run {@code action} again in a fresh transaction after an aborted attempt
     * (the LMDB backend does when its map must grow), so the action should have no effects
     * outside the transaction, or effects that are safe to repeat.
     */
    <T> T write(WriteAction<T> action) throws LdapException;

    @Override
    void close();

    /** Work done inside one write transaction. */
    @FunctionalInterface
    interface WriteAction<T> {
        T apply(WriteTxn txn) throws LdapException;
    }
}
