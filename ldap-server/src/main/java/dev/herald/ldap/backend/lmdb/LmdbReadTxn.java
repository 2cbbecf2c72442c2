package dev.herald.ldap.backend.lmdb;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.apache.directory.api.ldap.model.entry.DefaultEntry;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapAdminLimitExceededException;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.exception.LdapOtherException;
import org.apache.directory.api.ldap.model.filter.ExprNode;
import org.apache.directory.api.ldap.model.message.SearchScope;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.name.Rdn;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.lmdbjava.Cursor;
import org.lmdbjava.GetOp;
import org.lmdbjava.LmdbException;
import org.lmdbjava.SeekOp;
import org.lmdbjava.Txn;

import dev.herald.ldap.backend.ReadTxn;
import dev.herald.ldap.backend.StoredEntry;

/**
 * A read snapshot: one LMDB read transaction. Not for concurrent use by several threads, but
 * it may be handed from one thread to another (the environment runs with MDB_NOTLS).
 */
public class LmdbReadTxn implements ReadTxn {
    final LmdbBackend b;
    final Txn<ByteBuffer> txn;
    final LmdbBackend.Scratch s;
    private final long stamp;
    private boolean closed;
    /** DNs of parents seen in this snapshot (write transactions clear it when they change names). */
    final Map<Long, Dn> dnCache = new HashMap<>();

    /** Whether this transaction may use the backend's shared name cache (not a writer: it sees its own renames). */
    private final boolean sharedNames;
    /** DNs of parents shared with other read transactions of the same names; found at first use, may be null. */
    private LmdbBackend.NameCache names;
    private boolean namesFound;
    private SearchPlanner planner;

    /** Whether {@link #close} hands the LMDB transaction back for reuse (plain read transactions). */
    private final boolean reusable;

    LmdbReadTxn(LmdbBackend b, Txn<ByteBuffer> txn, long stamp, boolean sharedNames) {
        this(b, txn, stamp, sharedNames, false);
    }

    LmdbReadTxn(LmdbBackend b, Txn<ByteBuffer> txn, long stamp, boolean sharedNames, boolean reusable) {
        this.reusable = reusable;
        this.b = b;
        this.txn = txn;
        this.stamp = stamp;
        this.s = b.scratch();
        this.sharedNames = sharedNames;
    }

    // ------------------------------------------------------------------ DN tree

    /** The last DN looked up by {@link #idOf} (the same instance) and its id in this snapshot. */
    private Dn lastDn;
    private long lastId;

    /**
     * The id of {@code dn}, or -1. A search asks for its base twice (exists, then search): in
     * a read-only snapshot the second answer is remembered (not in a write transaction, whose
     * names change as it works).
     */
    long idOf(Dn dn) throws LdapException {
        if (!reusable) {
            return idOf0(dn);
        }
        if (dn == lastDn) {
            return lastId;
        }
        long id = idOf0(dn);
        lastDn = dn;
        lastId = id;
        return id;
    }

    private long idOf0(Dn dn) throws LdapException {
        Dn n = normalise(dn);
        int below = n.size() - b.suffix.size();
        if (below < 0 || !underSuffix(n)) {
            return -1;
        }
        long id = child(0, b.suffixKey);
        List<Rdn> rdns = n.getRdns();
        for (int i = below - 1; i >= 0 && id >= 0; i--) {
            id = child(id, Keys.bounded(Keys.utf8(rdns.get(i).getNormName())));
        }
        return id;
    }

    boolean underSuffix(Dn n) {
        List<Rdn> a = n.getRdns();
        List<Rdn> sfx = b.suffix.getRdns();
        if (a.size() < sfx.size()) {
            return false;
        }
        for (int j = 1; j <= sfx.size(); j++) {
            if (!a.get(a.size() - j).getNormName().equals(sfx.get(sfx.size() - j).getNormName())) {
                return false;
            }
        }
        return true;
    }

    Dn normalise(Dn dn) throws LdapException {
        return dn.isSchemaAware() ? dn : new Dn(b.schemaManager, dn);
    }

    /** dn2id lookup of one child key; -1 when absent. */
    long child(long parent, byte[] rdnKey) {
        ByteBuffer v = b.dn2id.get(txn, s.key(parent, rdnKey));
        return v == null ? -1 : v.getLong(v.position());
    }

    /** The DN of entry {@code id}, rebuilt from id2rdn up to the suffix. */
    Dn dnOf(long id) throws LdapException {
        Dn cached = dnCache.get(id);
        if (cached != null) {
            return cached;
        }
        ByteBuffer v = b.id2rdn.get(txn, s.key(id, null));
        if (v == null) {
            throw new LdapOtherException("entry " + id + " has no name in " + b.dir + " (index out of step)");
        }
        long parent = v.getLong(v.position());
        String up = Keys.utf8(v, v.position() + 8, v.remaining() - 8);
        Dn dn = parent == 0 ? b.suffixDn(up) : parentDn(parent).add(b.rdn(up));
        dnCache.put(id, dn);
        return dn;
    }

    /** The DN of an entry that has children: from the shared name cache when this transaction may use it. */
    private Dn parentDn(long id) throws LdapException {
        if (!namesFound) {
            names = sharedNames ? b.namesAt(renames()) : null;
            namesFound = true;
        }
        Dn dn = names == null ? null : names.get(id);
        if (dn == null) {
            dn = dnOf(id);
            if (names != null) {
                names.put(id, dn);
            }
        }
        return dn;
    }

    /** How many write transactions renamed entries up to this snapshot ({@link LmdbBackend#META_RENAMES}). */
    long renames() {
        ByteBuffer v = b.meta.get(txn, s.key(LmdbBackend.META_RENAMES_KEY));
        return v == null ? 0 : v.getLong(v.position());
    }

    long parentOf(long id) {
        ByteBuffer v = b.id2rdn.get(txn, s.key(id, null));
        return v == null ? -1 : v.getLong(v.position());
    }

    /** Whether {@code ancestor} is {@code id} or above it. */
    boolean within(long id, long ancestor) {
        for (long cur = id; cur > 0; cur = parentOf(cur)) {
            if (cur == ancestor) {
                return true;
            }
        }
        return false;
    }

    Entry entry(long id, Dn dn) throws LdapException {
        return entry(id, dn, null);
    }

    /** The entry with only the attributes {@code wanted} accepts (null: all). */
    Entry entry(long id, Dn dn, Predicate<AttributeType> wanted) throws LdapException {
        ByteBuffer v = b.id2entry.get(txn, s.key(id, null));
        if (v == null) {
            throw new LdapOtherException("entry " + id + " (" + dn + ") missing from " + b.dir + " (index out of step)");
        }
        return b.codec.decode(v, dn, wanted);
    }

    // ------------------------------------------------------------------ ReadTxn

    @Override
    public Optional<Entry> get(Dn dn) throws LdapException {
        check();
        try {
            long id = idOf(dn);
            return id < 0 ? Optional.empty() : Optional.of(entry(id, dnOf(id)));
        } catch (LmdbException e) {
            throw new LdapOtherException("storage error reading " + b.dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean exists(Dn dn) throws LdapException {
        check();
        try {
            return idOf(dn) >= 0;
        } catch (LmdbException e) {
            throw new LdapOtherException("storage error reading " + b.dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean hasChildren(Dn dn) throws LdapException {
        check();
        try {
            long id = idOf(dn);
            return id >= 0 && hasChildren(id);
        } catch (LmdbException e) {
            throw new LdapOtherException("storage error reading " + b.dir + ": " + e.getMessage(), e);
        }
    }

    boolean hasChildren(long id) {
        try (Cursor<ByteBuffer> c = b.dn2id.openCursor(txn)) {
            ByteBuffer k = s.key(id, null);
            return c.get(k, GetOp.MDB_SET_RANGE) && c.key().remaining() >= 8 && c.key().getLong(c.key().position()) == id;
        }
    }

    @Override
    public void search(Dn base, SearchScope scope, ExprNode filter, long unindexedLimit, SearchSink sink)
            throws LdapException {
        search(base, scope, filter, unindexedLimit, null, sink);
    }

    @Override
    public void search(Dn base, SearchScope scope, ExprNode filter, long unindexedLimit,
            Predicate<AttributeType> wanted, SearchSink sink) throws LdapException {
        search(base, scope, filter, unindexedLimit, new Delivery() {
            @Override
            public boolean deliver(long id, Dn dn) throws LdapException {
                return sink.accept(entry(id, dn != null ? dn : dnOf(id), wanted));
            }
        });
    }

    @Override
    public void searchStored(Dn base, SearchScope scope, ExprNode filter, long unindexedLimit,
            Predicate<AttributeType> tested, StoredSink sink) throws LdapException {
        search(base, scope, filter, unindexedLimit, new Delivery() {
            @Override
            public boolean deliver(long id, Dn dn) throws LdapException {
                return sink.accept(stored(id, dn, tested));
            }
        });
    }

    private void search(Dn base, SearchScope scope, ExprNode filter, long unindexedLimit, Delivery delivery)
            throws LdapException {
        check();
        try {
            search0(base, scope, filter, unindexedLimit, delivery);
        } catch (LmdbException e) {
            throw new LdapOtherException("storage error reading " + b.dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * This snapshot's planner: it remembers the index counts a candidate bound took for the
     * plan. A writer's counts change as it writes, so it plans afresh each time.
     */
    private SearchPlanner planner() {
        if (!sharedNames) {
            return new SearchPlanner(b, this);
        }
        if (planner == null) {
            planner = new SearchPlanner(b, this);
        }
        return planner;
    }

    @Override
    public long candidateBound(ExprNode filter) throws LdapException {
        check();
        try {
            return filter == null ? -1 : planner().bound(filter);
        } catch (LmdbException e) {
            throw new LdapOtherException("storage error reading " + b.dir + ": " + e.getMessage(), e);
        }
    }

    /** Hands one candidate to the caller's sink; {@code dn} is null when not yet known. */
    private interface Delivery {
        boolean deliver(long id, Dn dn) throws LdapException;
    }

    private void search0(Dn base, SearchScope scope, ExprNode filter, long unindexedLimit, Delivery delivery)
            throws LdapException {
        long baseId = idOf(base);
        if (baseId < 0) {
            throw new org.apache.directory.api.ldap.model.exception.LdapNoSuchObjectException(
                    "no entry " + base.getName());
        }
        if (scope == SearchScope.OBJECT) {
            delivery.deliver(baseId, null);
            return;
        }
        Plan plan = filter == null ? Plan.ALL : planner().plan(filter);
        if (plan instanceof Plan.Ids ids) {
            deliverIds(ids.ids(), baseId, scope, delivery);
            return;
        }
        if (plan instanceof Plan.Unindexed) {
            long inScope = countScope(baseId, scope, unindexedLimit);
            if (inScope > unindexedLimit) {
                throw new LdapAdminLimitExceededException("unindexed search would examine more than "
                        + unindexedLimit + " entries below " + base.getName() + "; index the filter's attributes");
            }
        }
        walk(baseId, dnOf(baseId), scope, delivery);
    }

    private void deliverIds(IdSet ids, long baseId, SearchScope scope, Delivery delivery) throws LdapException {
        boolean everything = scope == SearchScope.SUBTREE && parentOf(baseId) == 0;
        for (int i = 0; i < ids.size(); i++) {
            long id = ids.get(i);
            boolean in;
            if (everything) {
                in = true;
            } else if (scope == SearchScope.ONELEVEL) {
                in = parentOf(id) == baseId;
            } else {
                in = within(id, baseId);
            }
            if (in && !delivery.deliver(id, null)) {
                return;
            }
        }
    }

    /** Entries in scope, counting at most {@code limit + 1} (whole-tree counts are free). */
    long countScope(long baseId, SearchScope scope, long limit) {
        if (scope == SearchScope.SUBTREE && parentOf(baseId) == 0) {
            return b.id2entry.stat(txn).entries;
        }
        long[] n = {scope == SearchScope.SUBTREE ? 1 : 0};
        List<Cursor<ByteBuffer>> cursors = new ArrayList<>();
        try {
            countBelow(baseId, 0, scope == SearchScope.SUBTREE, cursors, n, limit);
        } finally {
            cursors.forEach(Cursor::close);
        }
        return n[0];
    }

    private void countBelow(long id, int depth, boolean deep, List<Cursor<ByteBuffer>> cursors, long[] n,
            long limit) {
        Cursor<ByteBuffer> c = cursorAt(cursors, depth);
        boolean ok = c.get(s.key(id, null), GetOp.MDB_SET_RANGE);
        while (ok && n[0] <= limit) {
            ByteBuffer k = c.key();
            if (k.remaining() < 8 || k.getLong(k.position()) != id) {
                break;
            }
            n[0]++;
            if (deep) {
                long childId = c.val().getLong(c.val().position());
                countBelow(childId, depth + 1, true, cursors, n, limit);
            }
            ok = c.next();
        }
    }

    private Cursor<ByteBuffer> cursorAt(List<Cursor<ByteBuffer>> cursors, int depth) {
        while (cursors.size() <= depth) {
            cursors.add(b.dn2id.openCursor(txn));
        }
        return cursors.get(depth);
    }

    /**
     * Delivers the scope in tree order (parents before children), walking dn2id with one cursor
     * per depth.
     */
    private void walk(long baseId, Dn baseDn, SearchScope scope, Delivery delivery) throws LdapException {
        if (scope == SearchScope.SUBTREE && !delivery.deliver(baseId, baseDn)) {
            return;
        }
        List<Cursor<ByteBuffer>> cursors = new ArrayList<>();
        try {
            walkBelow(baseId, baseDn, 0, scope == SearchScope.SUBTREE, cursors, delivery);
        } finally {
            cursors.forEach(Cursor::close);
        }
    }

    private boolean walkBelow(long id, Dn dn, int depth, boolean deep, List<Cursor<ByteBuffer>> cursors,
            Delivery delivery) throws LdapException {
        Cursor<ByteBuffer> c = cursorAt(cursors, depth);
        boolean ok = c.get(s.key(id, null), GetOp.MDB_SET_RANGE);
        while (ok) {
            ByteBuffer k = c.key();
            if (k.remaining() < 8 || k.getLong(k.position()) != id) {
                break;
            }
            ByteBuffer v = c.val();
            long childId = v.getLong(v.position());
            Dn childDn = dn.add(b.rdn(Keys.utf8(v, v.position() + 8, v.remaining() - 8)));
            if (!delivery.deliver(childId, childDn)) {
                return false;
            }
            if (deep && !walkBelow(childId, childDn, depth + 1, true, cursors, delivery)) {
                return false;
            }
            ok = c.next();
        }
        return true;
    }

    // ------------------------------------------------------------------ stored candidates

    /** The record buffer candidates of {@link #searchStored} read from (reused: one candidate at a time). */
    private byte[] record = new byte[1024];
    private EntryCodec.RecordCursor recordCursor;

    /** A stored candidate: the record copied once, the tested attributes decoded, the DN on demand. */
    private StoredEntry stored(long id, Dn knownDn, Predicate<AttributeType> tested) throws LdapException {
        ByteBuffer v = b.id2entry.get(txn, s.key(id, null));
        if (v == null) {
            throw new LdapOtherException("entry " + id + " missing from " + b.dir + " (index out of step)");
        }
        int length = v.remaining();
        if (record.length < length) {
            record = new byte[Math.max(length, record.length * 2)];
        }
        v.get(v.position(), record, 0, length);
        Entry entry = knownDn != null ? new DefaultEntry(b.schemaManager, knownDn) : new DefaultEntry(b.schemaManager);
        Candidate c = new Candidate(id, knownDn, entry, length);
        b.codec.decodeInto(record, length, entry, tested == null ? ALL : tested, c);
        return c;
    }

    private static final Predicate<AttributeType> ALL = t -> true;

    /** One stored candidate of this transaction (valid until the next one is read). */
    private final class Candidate implements StoredEntry {
        private final long id;
        private final Entry tested;
        private final int length;
        private Dn dn;
        private String dnName;

        Candidate(long id, Dn dn, Entry tested, int length) {
            this.id = id;
            this.dn = dn;
            this.tested = tested;
            this.length = length;
        }

        @Override
        public String dnName() throws LdapException {
            if (dnName == null) {
                dnName = dn != null ? dn.getName() : dnNameOf(id);
            }
            return dnName;
        }

        @Override
        public Dn dn() throws LdapException {
            if (dn == null) {
                dn = dnOf(id);
            }
            return dn;
        }

        @Override
        public Entry tested() {
            return tested;
        }

        @Override
        public AttributeCursor attributes() throws LdapException {
            if (recordCursor == null) {
                recordCursor = b.codec.new RecordCursor();
            }
            return recordCursor.reset(record, length, this);
        }

        @Override
        public String toString() {
            return dn != null ? dn.getName() : "#" + id;
        }
    }

    /**
     * The user-provided DN of entry {@code id} without building its {@code Dn}: the stored RDN,
     * a comma, and the parent's name ({@code Dn.add} joins names the same way).
     */
    String dnNameOf(long id) throws LdapException {
        Dn cached = dnCache.get(id);
        if (cached != null) {
            return cached.getName();
        }
        ByteBuffer v = b.id2rdn.get(txn, s.key(id, null));
        if (v == null) {
            throw new LdapOtherException("entry " + id + " has no name in " + b.dir + " (index out of step)");
        }
        long parent = v.getLong(v.position());
        String up = Keys.utf8(v, v.position() + 8, v.remaining() - 8);
        if (parent == 0) {
            return b.suffixDn(up).getName();
        }
        return up + ',' + parentDn(parent).getName();
    }

    /** How many ids one index key holds (LMDB counts duplicates without reading them). */
    long indexCount(AttributeIndex ix, byte[] key) {
        try (Cursor<ByteBuffer> c = ix.dbi.openCursor(txn)) {
            return c.get(s.key(key), GetOp.MDB_SET_KEY) ? c.count() : 0;
        }
    }

    /** All ids under one index key (dupsort, fixed-size values read a page at a time). */
    IdSet indexLookup(AttributeIndex ix, byte[] key) {
        IdSet.Builder out = new IdSet.Builder();
        try (Cursor<ByteBuffer> c = ix.dbi.openCursor(txn)) {
            if (!c.get(s.key(key), GetOp.MDB_SET_KEY)) {
                return IdSet.EMPTY;
            }
            boolean ok = c.seek(SeekOp.MDB_GET_MULTIPLE);
            while (ok) {
                ByteBuffer v = c.val();
                for (int p = v.position(); p + 8 <= v.limit(); p += 8) {
                    out.add(v.getLong(p));
                }
                ok = c.seek(SeekOp.MDB_NEXT_MULTIPLE);
            }
        }
        return out.build();
    }

    void check() throws LdapException {
        if (closed) {
            throw new LdapOtherException("transaction on " + b.dir + " already closed");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (reusable) {
                b.releaseReader(txn);
            } else {
                txn.close();
            }
        } finally {
            b.recycle(s);
            if (stamp != 0) {
                b.releaseShared(stamp);
            }
        }
    }
}
