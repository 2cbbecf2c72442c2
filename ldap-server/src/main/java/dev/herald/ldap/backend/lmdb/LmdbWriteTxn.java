package dev.herald.ldap.backend.lmdb;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapContextNotEmptyException;
import org.apache.directory.api.ldap.model.exception.LdapEntryAlreadyExistsException;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.exception.LdapNoSuchObjectException;
import org.apache.directory.api.ldap.model.exception.LdapOtherException;
import org.apache.directory.api.ldap.model.exception.LdapUnwillingToPerformException;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.name.Rdn;
import org.lmdbjava.Cursor;
import org.lmdbjava.Dbi;
import org.lmdbjava.Env;
import org.lmdbjava.PutFlags;
import org.lmdbjava.Txn;

import dev.herald.ldap.backend.WriteTxn;

/**
 * One LMDB write transaction. Reads see its own writes. Every LMDB mutation goes through
 * {@link #put} / {@link #del} so that a full map is noticed even if the caller's action
 * swallows the exception: the backend then grows the map and runs the action again.
 */
public final class LmdbWriteTxn extends LmdbReadTxn implements WriteTxn {
    boolean mapFull;
    private long nextId = -1;
    private boolean nextIdDirty;

    LmdbWriteTxn(LmdbBackend b, Txn<ByteBuffer> txn, long stampOwnedByCaller) {
        super(b, txn, 0);
    }

    // ------------------------------------------------------------------ WriteTxn

    @Override
    public void add(Entry entry) throws LdapException {
        check();
        Dn dn = normalise(entry.getDn());
        Placement p = place(dn);
        ByteBuffer existing = b.dn2id.get(txn, s.key(p.parent, p.rdnKey));
        if (existing != null) {
            throw new LdapEntryAlreadyExistsException("entry " + dn.getName() + " already exists");
        }
        long id = allocateId();
        store(id, p, entry);
        indexAdd(id, entry, b.indexes.values());
    }

    /** Writes the records of a new entry (no index keys). */
    void store(long id, Placement p, Entry entry) {
        put(b.id2entry, s.key(id, null), s.val(b.codec.encode(entry)), PutFlags.MDB_APPEND);
        put(b.dn2id, s.key(p.parent, p.rdnKey), s.val(id, p.upRdn));
        put(b.id2rdn, s.key(id, null), s.val(p.parent, p.upRdn), PutFlags.MDB_APPEND);
    }

    @Override
    public void replace(Entry entry) throws LdapException {
        check();
        Dn dn = normalise(entry.getDn());
        long id = idOf(dn);
        if (id < 0) {
            throw new LdapNoSuchObjectException("no entry " + dn.getName());
        }
        Entry old = entry(id, dn);
        reindexEntry(id, old, entry);
        put(b.id2entry, s.key(id, null), s.val(b.codec.encode(entry)));
    }

    @Override
    public void delete(Dn dn) throws LdapException {
        check();
        Dn n = normalise(dn);
        long id = idOf(n);
        if (id < 0) {
            throw new LdapNoSuchObjectException("no entry " + n.getName());
        }
        if (hasChildren(id)) {
            throw new LdapContextNotEmptyException("entry " + n.getName() + " has children");
        }
        Entry old = entry(id, n);
        for (AttributeIndex ix : b.indexes.values()) {
            for (byte[] k : ix.keys(old)) {
                delDup(ix.dbi, k, id);
            }
        }
        Placement p = place(n);
        del(b.dn2id, s.key(p.parent, p.rdnKey));
        del(b.id2rdn, s.key(id, null));
        del(b.id2entry, s.key(id, null));
        dnCache.remove(id);
    }

    @Override
    public void rename(Dn oldDn, Entry newEntry) throws LdapException {
        check();
        Dn from = normalise(oldDn);
        Dn to = normalise(newEntry.getDn());
        long id = idOf(from);
        if (id < 0) {
            throw new LdapNoSuchObjectException("no entry " + from.getName());
        }
        if (from.getNormName().equals(b.suffix.getNormName())) {
            throw new LdapUnwillingToPerformException("the suffix " + b.suffix.getName() + " cannot be renamed");
        }
        Placement oldP = place(from);
        Placement newP = place(to);
        boolean sameKey = oldP.parent == newP.parent && java.util.Arrays.equals(oldP.rdnKey, newP.rdnKey);
        if (!sameKey) {
            if (b.dn2id.get(txn, s.key(newP.parent, newP.rdnKey)) != null) {
                throw new LdapEntryAlreadyExistsException("entry " + to.getName() + " already exists");
            }
            if (within(newP.parent, id)) {
                throw new LdapUnwillingToPerformException("cannot move " + from.getName() + " below itself");
            }
        }
        Entry old = entry(id, from);
        reindexEntry(id, old, newEntry);
        put(b.id2entry, s.key(id, null), s.val(b.codec.encode(newEntry)));
        del(b.dn2id, s.key(oldP.parent, oldP.rdnKey));
        put(b.dn2id, s.key(newP.parent, newP.rdnKey), s.val(id, newP.upRdn));
        put(b.id2rdn, s.key(id, null), s.val(newP.parent, newP.upRdn));
        dnCache.clear(); // every DN below the renamed entry changed
    }

    // ------------------------------------------------------------------ helpers

    /** Where a DN goes in dn2id: its parent's id and its own normalised RDN key. */
    record Placement(long parent, byte[] rdnKey, byte[] upRdn) {}

    Placement place(Dn dn) throws LdapException {
        if (dn.getNormName().equals(b.suffix.getNormName())) {
            return new Placement(0, b.suffixKey, Keys.utf8(dn.getName()));
        }
        if (dn.size() <= b.suffix.size() || !underSuffix(dn)) {
            throw new LdapNoSuchObjectException(dn.getName() + " is not below the suffix " + b.suffix.getName());
        }
        long parent = idOf(dn.getParent());
        if (parent < 0) {
            throw new LdapNoSuchObjectException("parent " + dn.getParent().getName() + " does not exist");
        }
        Rdn rdn = dn.getRdn();
        return new Placement(parent, Keys.bounded(Keys.utf8(rdn.getNormName())), Keys.utf8(rdn.getName()));
    }

    long allocateId() {
        if (nextId < 0) {
            ByteBuffer v = b.meta.get(txn, s.key(Keys.utf8(LmdbBackend.META_NEXT_ID)));
            nextId = v == null ? 1 : v.getLong(v.position());
        }
        nextIdDirty = true;
        return nextId++;
    }

    /** Persists what the transaction kept in memory; called just before commit. */
    void finish() {
        if (nextIdDirty) {
            put(b.meta, s.key(Keys.utf8(LmdbBackend.META_NEXT_ID)), s.val(nextId, null));
        }
    }

    void putMeta(String key, byte[] value) {
        put(b.meta, s.key(Keys.utf8(key)), s.val(value));
    }

    void indexAdd(long id, Entry entry, Collection<AttributeIndex> which) {
        for (AttributeIndex ix : which) {
            for (byte[] k : ix.keys(entry)) {
                put(ix.dbi, s.key(k), s.id(id), PutFlags.MDB_NODUPDATA);
            }
        }
    }

    private void reindexEntry(long id, Entry old, Entry now) {
        for (AttributeIndex ix : b.indexes.values()) {
            Set<ByteBuffer> before = wrap(ix.keys(old));
            Set<ByteBuffer> after = wrap(ix.keys(now));
            Set<ByteBuffer> gone = new HashSet<>(before);
            gone.removeAll(after);
            after.removeAll(before);
            for (ByteBuffer k : gone) {
                delDup(ix.dbi, k.array(), id);
            }
            for (ByteBuffer k : after) {
                put(ix.dbi, s.key(k.array()), s.id(id), PutFlags.MDB_NODUPDATA);
            }
        }
    }

    private static Set<ByteBuffer> wrap(List<byte[]> keys) {
        Set<ByteBuffer> out = new HashSet<>();
        for (byte[] k : keys) {
            out.add(ByteBuffer.wrap(k));
        }
        return out;
    }

    /** Re-indexes entries with ids from {@code fromId}; returns the next id to do, or 0 at the end. */
    long reindexBatch(long fromId, int max, List<AttributeIndex> which) throws LdapException {
        int done = 0;
        try (Cursor<ByteBuffer> c = b.id2entry.openCursor(txn)) {
            boolean ok = c.get(s.key(fromId, null), org.lmdbjava.GetOp.MDB_SET_RANGE);
            while (ok) {
                long id = c.key().getLong(c.key().position());
                if (done == max) {
                    return id;
                }
                Entry e = b.codec.decode(c.val(), b.suffix); // DN unused by key building
                indexAdd(id, e, which);
                done++;
                ok = c.next();
            }
        }
        return 0;
    }

    boolean put(Dbi<ByteBuffer> dbi, ByteBuffer k, ByteBuffer v, PutFlags... flags) {
        try {
            return dbi.put(txn, k, v, flags);
        } catch (Env.MapFullException e) {
            mapFull = true;
            throw e;
        }
    }

    /**
     * Appends {@code count} ascending ids, all above any id stored under {@code key}, to the key's
     * duplicates (MDB_MULTIPLE | MDB_APPENDDUP: no search per item).
     */
    void appendIds(Cursor<ByteBuffer> c, ByteBuffer key, ByteBuffer ids, int count) {
        try {
            c.putMultiple(key, ids, count, PutFlags.MDB_MULTIPLE, PutFlags.MDB_APPENDDUP);
        } catch (Env.MapFullException e) {
            mapFull = true;
            throw e;
        }
    }

    void del(Dbi<ByteBuffer> dbi, ByteBuffer k) {
        try {
            dbi.delete(txn, k);
        } catch (Env.MapFullException e) {
            mapFull = true;
            throw e;
        }
    }

    void delDup(Dbi<ByteBuffer> dbi, byte[] key, long id) {
        try {
            dbi.delete(txn, s.key(key), s.id(id));
        } catch (Env.MapFullException e) {
            mapFull = true;
            throw e;
        }
    }

    /** Releases buffers; the backend commits or aborts the LMDB transaction itself. */
    void release() {
        b.recycle(s);
    }

    @Override
    public void close() {
        // The backend owns the transaction's life; closing the view does nothing.
    }
}
