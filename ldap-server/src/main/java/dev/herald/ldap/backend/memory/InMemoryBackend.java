package dev.herald.ldap.backend.memory;

import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapAdminLimitExceededException;
import org.apache.directory.api.ldap.model.exception.LdapContextNotEmptyException;
import org.apache.directory.api.ldap.model.exception.LdapEntryAlreadyExistsException;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.exception.LdapNoSuchObjectException;
import org.apache.directory.api.ldap.model.exception.LdapOtherException;
import org.apache.directory.api.ldap.model.filter.ExprNode;
import org.apache.directory.api.ldap.model.message.SearchScope;
import org.apache.directory.api.ldap.model.name.Dn;

import dev.herald.ldap.backend.Backend;
import dev.herald.ldap.backend.ReadTxn;
import dev.herald.ldap.backend.WriteTxn;

/**
 * A backend that keeps entries in a sorted map in memory. Readers take the current map as an
 * immutable snapshot (a volatile read, never blocked); a writer, serialised by a lock, works on
 * a private copy made at its first change and publishes it in one step on commit, so readers
 * see a transaction completely or not at all. Copying costs O(n) per write transaction, which
 * suits tests and demos; the LMDB backend is the one for large directories.
 *
 * <p>It has no indexes: every search visits the entries in scope, and counts them against the
 * caller's unindexed-scan limit.
 */
public final class InMemoryBackend implements Backend {

    private final Dn suffix;
    private final DnKey suffixKey;
    private final ReentrantLock writeLock = new ReentrantLock();
    private volatile NavigableMap<DnKey, Entry> committed = Collections.unmodifiableNavigableMap(new TreeMap<>());
    private volatile boolean closed;

    /** An empty backend for the naming context {@code suffix} (a schema-aware DN). */
    public InMemoryBackend(Dn suffix) {
        this.suffix = suffix;
        this.suffixKey = DnKey.of(suffix);
    }

    @Override
    public Dn suffix() {
        return suffix;
    }

    @Override
    public ReadTxn openRead() throws LdapException {
        ensureOpen();
        return new Snapshot(committed);
    }

    @Override
    public <T> T write(WriteAction<T> action) throws LdapException {
        ensureOpen();
        writeLock.lock();
        try {
            Txn txn = new Txn(committed);
            T result = action.apply(txn);
            if (txn.copy != null) {
                committed = Collections.unmodifiableNavigableMap(txn.copy);
            }
            return result;
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void close() {
        closed = true;
    }

    private void ensureOpen() throws LdapException {
        if (closed) {
            throw new LdapOtherException("backend closed");
        }
    }

    /** A read view over one version of the map. */
    private class Snapshot implements ReadTxn {
        NavigableMap<DnKey, Entry> map;

        Snapshot(NavigableMap<DnKey, Entry> map) {
            this.map = map;
        }

        @Override
        public Optional<Entry> get(Dn dn) {
            return Optional.ofNullable(map.get(DnKey.of(dn)));
        }

        @Override
        public boolean hasChildren(Dn dn) {
            DnKey key = DnKey.of(dn);
            DnKey next = map.higherKey(key);
            return next != null && next.isWithin(key);
        }

        @Override
        public void search(Dn base, SearchScope scope, ExprNode filter, long unindexedLimit, SearchSink sink)
                throws LdapException {
            DnKey baseKey = DnKey.of(base);
            if (scope == SearchScope.OBJECT) {
                Entry e = map.get(baseKey);
                if (e != null) {
                    sink.accept(e);
                }
                return;
            }
            long scanned = 0;
            for (Map.Entry<DnKey, Entry> me : map.tailMap(baseKey, scope == SearchScope.SUBTREE).entrySet()) {
                DnKey key = me.getKey();
                if (!key.isWithin(baseKey)) {
                    break;
                }
                if (scope == SearchScope.ONELEVEL && key.depth() != baseKey.depth() + 1) {
                    continue;
                }
                if (++scanned > unindexedLimit) {
                    throw new LdapAdminLimitExceededException(
                            "search would examine more than " + unindexedLimit + " entries");
                }
                if (!sink.accept(me.getValue())) {
                    return;
                }
            }
        }

        @Override
        public void close() {
            map = null;
        }
    }

    /** A write transaction; its copy of the map exists from the first change on. */
    private final class Txn extends Snapshot implements WriteTxn {
        TreeMap<DnKey, Entry> copy;

        Txn(NavigableMap<DnKey, Entry> base) {
            super(base);
        }

        private TreeMap<DnKey, Entry> mutable() {
            if (copy == null) {
                copy = new TreeMap<>(map);
                map = copy;
            }
            return copy;
        }

        @Override
        public void add(Entry entry) throws LdapException {
            DnKey key = DnKey.of(entry.getDn());
            if (!key.isWithin(suffixKey)) {
                throw new LdapNoSuchObjectException("not within " + suffix.getName());
            }
            if (map.containsKey(key)) {
                throw new LdapEntryAlreadyExistsException(entry.getDn().getName());
            }
            if (!key.equals(suffixKey) && !map.containsKey(parent(key))) {
                throw new LdapNoSuchObjectException("no parent for " + entry.getDn().getName());
            }
            mutable().put(key, entry.clone());
        }

        @Override
        public void replace(Entry entry) throws LdapException {
            DnKey key = DnKey.of(entry.getDn());
            if (!map.containsKey(key)) {
                throw new LdapNoSuchObjectException(entry.getDn().getName());
            }
            mutable().put(key, entry.clone());
        }

        @Override
        public void delete(Dn dn) throws LdapException {
            DnKey key = DnKey.of(dn);
            if (!map.containsKey(key)) {
                throw new LdapNoSuchObjectException(dn.getName());
            }
            if (hasChildren(dn)) {
                throw new LdapContextNotEmptyException(dn.getName());
            }
            mutable().remove(key);
        }

        @Override
        public void rename(Dn oldDn, Entry newEntry) throws LdapException {
            DnKey oldKey = DnKey.of(oldDn);
            DnKey newKey = DnKey.of(newEntry.getDn());
            if (!map.containsKey(oldKey)) {
                throw new LdapNoSuchObjectException(oldDn.getName());
            }
            if (!oldKey.equals(newKey) && map.containsKey(newKey)) {
                throw new LdapEntryAlreadyExistsException(newEntry.getDn().getName());
            }
            if (!newKey.isWithin(suffixKey) || !map.containsKey(parent(newKey))) {
                throw new LdapNoSuchObjectException("no parent for " + newEntry.getDn().getName());
            }
            TreeMap<DnKey, Entry> m = mutable();
            NavigableMap<DnKey, Entry> subtree = new TreeMap<>();
            for (Map.Entry<DnKey, Entry> me : m.tailMap(oldKey, true).entrySet()) {
                if (!me.getKey().isWithin(oldKey)) {
                    break;
                }
                subtree.put(me.getKey(), me.getValue());
            }
            for (DnKey k : subtree.keySet()) {
                m.remove(k);
            }
            for (Map.Entry<DnKey, Entry> me : subtree.entrySet()) {
                if (me.getKey().equals(oldKey)) {
                    m.put(newKey, newEntry.clone());
                } else {
                    Entry moved = me.getValue().clone();
                    moved.setDn(rebase(moved.getDn(), oldDn, newEntry.getDn()));
                    m.put(me.getKey().rebase(oldKey, newKey), moved);
                }
            }
        }

        private DnKey parent(DnKey key) {
            return new DnKey(java.util.Arrays.copyOf(key.parts(), key.depth() - 1));
        }
    }

    /** {@code dn} (below {@code oldBase}) moved below {@code newBase}, keeping its own RDNs. */
    static Dn rebase(Dn dn, Dn oldBase, Dn newBase) throws LdapException {
        int own = dn.size() - oldBase.size();
        Dn result = newBase;
        for (int i = own - 1; i >= 0; i--) {
            result = result.add(dn.getRdn(i));
        }
        return result;
    }
}
