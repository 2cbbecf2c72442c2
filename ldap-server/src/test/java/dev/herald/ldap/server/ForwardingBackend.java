package dev.herald.ldap.server;

import java.util.Optional;

import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.filter.ExprNode;
import org.apache.directory.api.ldap.model.message.SearchScope;
import org.apache.directory.api.ldap.model.name.Dn;

import dev.herald.ldap.backend.Backend;
import dev.herald.ldap.backend.ReadTxn;

/**
 * A test backend that passes everything to another one and lets a subclass wrap each read
 * transaction ({@link #wrap}, usually a {@link Txn}) to watch or hold the reads.
 */
abstract class ForwardingBackend implements Backend {

    private final Backend inner;

    ForwardingBackend(Backend inner) {
        this.inner = inner;
    }

    /** The read transaction the server gets for {@code txn}, one of the inner backend's. */
    abstract ReadTxn wrap(ReadTxn txn);

    @Override
    public Dn suffix() {
        return inner.suffix();
    }

    @Override
    public ReadTxn openRead() throws LdapException {
        return wrap(inner.openRead());
    }

    @Override
    public <T> T write(WriteAction<T> action) throws LdapException {
        return inner.write(action);
    }

    @Override
    public void close() {
        inner.close();
    }

    /**
     * A read transaction passing the interface's abstract methods to another one. The default
     * methods ({@code exists}, {@code candidateBound}, the projected and stored searches) stay
     * the interface's, so every search reaches {@link #search(Dn, SearchScope, ExprNode, long,
     * ReadTxn.SearchSink)} and no search is bounded (none runs on an event loop) unless a
     * subclass passes those on too.
     */
    static class Txn implements ReadTxn {
        final ReadTxn txn;

        Txn(ReadTxn txn) {
            this.txn = txn;
        }

        @Override
        public Optional<Entry> get(Dn dn) throws LdapException {
            return txn.get(dn);
        }

        @Override
        public boolean hasChildren(Dn dn) throws LdapException {
            return txn.hasChildren(dn);
        }

        @Override
        public void search(Dn base, SearchScope scope, ExprNode filter, long limit, SearchSink sink)
                throws LdapException {
            txn.search(base, scope, filter, limit, sink);
        }

        @Override
        public void close() {
            txn.close();
        }
    }
}
