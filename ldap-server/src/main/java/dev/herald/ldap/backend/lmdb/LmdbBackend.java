package dev.herald.ldap.backend.lmdb;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.StampedLock;

import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.exception.LdapOperationException;
import org.apache.directory.api.ldap.model.exception.LdapOtherException;
import org.apache.directory.api.ldap.model.exception.LdapUnwillingToPerformException;
import org.apache.directory.api.ldap.model.message.ResultCodeEnum;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.name.Rdn;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.lmdbjava.ByteBufferProxy;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.LmdbException;
import org.lmdbjava.Txn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.herald.ldap.backend.Backend;
import dev.herald.ldap.backend.ReadTxn;

/**
 * The persistent backend: one LMDB environment per data folder, laid out like OpenLDAP's
 * back-mdb.
 *
 * <ul>
 *   <li>{@code id2entry}: 8-byte id -> entry attributes ({@link EntryCodec});
 *   <li>{@code dn2id}: parent id + normalised RDN -> id + user-provided RDN. The suffix entry
 *       has parent 0 and its whole normalised DN as RDN. A prefix scan over one parent id lists
 *       its children, so one-level and subtree scopes walk only their own subtree, and a rename
 *       or move rewrites one key however large the subtree;
 *   <li>{@code id2rdn}: id -> parent id + user-provided RDN, to rebuild DNs of index hits;
 *   <li>{@code ix/<oid>}: one dupsort database per indexed attribute ({@link AttributeIndex});
 *   <li>{@code meta}: storage format, schema description, suffix, index list, next id.
 * </ul>
 *
 * <p>Concurrency. The environment is opened with {@code MDB_NOTLS}, so a read transaction is not
 * tied to the thread that opened it (LDAP searches may move between threads) and each open
 * {@link ReadTxn} holds its own reader slot ({@link LmdbOptions#maxReaders}). Readers never wait
 * for the writer: LMDB gives each a snapshot. Writers are serialised by a lock, and each
 * {@link #write} runs on the caller's thread in one LMDB write transaction (LMDB requires a write
 * transaction to stay on its thread). Growing the map needs no transaction open in this
 * process: every transaction holds a shared stamp of {@link #envLock}; a write that fills the
 * map aborts, takes the stamp exclusively (waiting at most {@link LmdbOptions#growTimeout} for
 * open readers), doubles the map up to {@link LmdbOptions#maxMapSize} and runs the write action
 * again. So a write action may run more than once and must keep its effects inside the
 * transaction. When growth is impossible the write fails with unwillingToPerform and a message;
 * the file is never left half-written (LMDB's copy-on-write commit).
 *
 * <p>Processes. One read-write process per folder ({@link FolderLock}), any number of read-only
 * ones beside it; a map grown by the writer is adopted by readers when LMDB reports it.
 */
public final class LmdbBackend implements Backend {
    /** Version of the on-disk layout (databases, key and record formats). */
    public static final int FORMAT_VERSION = 1;

    private static final Logger LOG = LoggerFactory.getLogger(LmdbBackend.class);
    private static final String META_FORMAT = "format";
    private static final String META_SCHEMA = "schema";
    private static final String META_SUFFIX = "suffix";
    private static final String META_INDEXES = "indexes";
    static final String META_NEXT_ID = "nextId";
    /** How many write transactions renamed entries (8 bytes; absent: none). */
    static final String META_RENAMES = "renames";
    static final byte[] META_RENAMES_KEY = Keys.utf8(META_RENAMES);

    final SchemaManager schemaManager;
    final LmdbOptions options;
    final Dn suffix;
    final byte[] suffixKey;
    final EntryCodec codec;
    final Path dir;
    private final FolderLock folderLock;
    final Env<ByteBuffer> env;
    final Dbi<ByteBuffer> meta;
    final Dbi<ByteBuffer> id2entry;
    final Dbi<ByteBuffer> dn2id;
    final Dbi<ByteBuffer> id2rdn;
    /** Indexes by attribute type OID. */
    final Map<String, AttributeIndex> indexes;

    private final StampedLock envLock = new StampedLock();
    private final ReentrantLock writerLock = new ReentrantLock();
    private final ConcurrentLinkedQueue<Scratch> scratchPool = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    /**
     * Opens (creating when needed) the data folder in {@code options}. Fails with a message naming
     * the folder when it was written by another storage format, under another schema or for
     * another suffix, or when another process has it open read-write.
     */
    public LmdbBackend(SchemaManager schemaManager, LmdbOptions options) throws LdapException {
        this.schemaManager = schemaManager;
        this.options = options;
        this.codec = new EntryCodec(schemaManager);
        this.suffix = new Dn(schemaManager, options.suffix());
        this.suffixKey = Keys.utf8(suffix.getNormName());
        this.dir = prepareDir(options);
        this.folderLock = FolderLock.acquire(dir, options.readOnly());
        Env<ByteBuffer> e = null;
        try {
            e = openEnv(options, dir);
            this.env = e;
            this.meta = openDbi("meta", false);
            this.id2entry = openDbi("id2entry", false);
            this.dn2id = openDbi("dn2id", false);
            this.id2rdn = openDbi("id2rdn", false);
            this.indexes = checkMetaAndOpenIndexes();
        } catch (LdapException | RuntimeException ex) {
            if (e != null) {
                e.close();
            }
            folderLock.close();
            if (ex instanceof LmdbException le) {
                throw new LdapOtherException("cannot open data folder " + dir + ": " + le.getMessage(), le);
            }
            throw ex;
        }
    }

    private static Path prepareDir(LmdbOptions o) throws LdapException {
        Path d = o.dataDir().toAbsolutePath().normalize();
        try {
            if (o.readOnly()) {
                if (!Files.isRegularFile(d.resolve("data.mdb"))) {
                    throw new LdapOtherException("data folder " + d + " holds no Herald data (no data.mdb)");
                }
            } else {
                Files.createDirectories(d);
            }
            return d.toRealPath();
        } catch (IOException e) {
            throw new LdapOtherException("cannot use data folder " + d + ": " + e, e);
        }
    }

    private static Env<ByteBuffer> openEnv(LmdbOptions o, Path dir) {
        Set<EnvFlags> flags = EnumSet.of(EnvFlags.MDB_NOTLS, EnvFlags.MDB_NORDAHEAD);
        if (o.readOnly()) {
            flags.add(EnvFlags.MDB_RDONLY_ENV);
        }
        if (!o.durable()) {
            flags.add(EnvFlags.MDB_NOSYNC);
        }
        if (o.writeMap() && !o.readOnly()) {
            flags.add(EnvFlags.MDB_WRITEMAP);
        }
        Env<ByteBuffer> env = Env.create(ByteBufferProxy.PROXY_OPTIMAL)
                .setMapSize(o.initialMapSize())
                .setMaxDbs(8 + o.indexes().size() + 64)
                .setMaxReaders(o.maxReaders())
                .open(dir.toFile(), flags.toArray(new EnvFlags[0]));
        try {
            int stale = env.readerCheck();
            if (stale > 0) {
                LOG.info("cleared {} reader slots left by ended processes in {}", stale, dir);
            }
        } catch (LmdbException ignored) {
            // read-only environments on some systems cannot clean the reader table; harmless
        }
        return env;
    }

    private Dbi<ByteBuffer> openDbi(String name, boolean dupsort) {
        List<DbiFlags> f = new ArrayList<>();
        if (!options.readOnly()) {
            f.add(DbiFlags.MDB_CREATE);
        }
        if (dupsort) {
            f.add(DbiFlags.MDB_DUPSORT);
            f.add(DbiFlags.MDB_DUPFIXED);
        }
        return resizeSafe(env, () -> env.openDbi(name, f.toArray(new DbiFlags[0])));
    }

    /**
     * Runs a step of opening that starts its own LMDB transaction; when the writer process has
     * grown the map meanwhile (MDB_MAP_RESIZED), adopts the new size and runs it again. Nothing
     * else uses the environment while it opens, so no lock is needed.
     */
    private static <T> T resizeSafe(Env<ByteBuffer> env, java.util.function.Supplier<T> step) {
        for (int attempt = 0; ; attempt++) {
            try {
                return step.get();
            } catch (Dbi.MapResizedException e) {
                if (attempt == 20) {
                    throw e;
                }
                env.setMapSize(0);
            }
        }
    }

    // ---------------------------------------------------------------- meta and indexes

    private Map<String, AttributeIndex> checkMetaAndOpenIndexes() throws LdapException {
        Map<String, String> stored = readMeta();
        SchemaFingerprint running = SchemaFingerprint.of(schemaManager);
        Map<String, Set<IndexKind>> wanted = resolveIndexConfig(options.indexes());
        if (stored.isEmpty()) {
            if (options.readOnly()) {
                throw new LdapOtherException("data folder " + dir + " was never initialised");
            }
            Map<String, String> m = new LinkedHashMap<>();
            m.put(META_FORMAT, String.valueOf(FORMAT_VERSION));
            m.put(META_SUFFIX, suffix.getNormName() + "\n" + suffix.getName());
            m.put(META_SCHEMA, running.serialise());
            m.put(META_INDEXES, serialiseIndexes(wanted));
            writeMeta(m);
            return openIndexes(wanted);
        }
        String format = stored.get(META_FORMAT);
        if (!String.valueOf(FORMAT_VERSION).equals(format)) {
            throw new LdapOtherException("data folder " + dir + " was written with storage format " + format
                    + "; this Herald reads format " + FORMAT_VERSION
                    + ". Export it with the Herald that wrote it and import the LDIF here");
        }
        String storedSuffix = stored.getOrDefault(META_SUFFIX, "").split("\n", 2)[0];
        if (!storedSuffix.equals(suffix.getNormName())) {
            String up = stored.getOrDefault(META_SUFFIX, "\n?").split("\n", 2)[1];
            throw new LdapOtherException("data folder " + dir + " holds suffix '" + up
                    + "', not the configured '" + suffix.getName() + "'");
        }
        SchemaFingerprint written = SchemaFingerprint.parse(stored.getOrDefault(META_SCHEMA, ""));
        List<String> problems = written.incompatibilities(running);
        if (!problems.isEmpty()) {
            throw new LdapOtherException("data folder " + dir + " was written under a different schema: "
                    + String.join("; ", problems)
                    + ". Load the schema it was written with, or export and re-import the data");
        }
        Map<String, Set<IndexKind>> have = parseIndexes(stored.getOrDefault(META_INDEXES, ""));
        if (options.readOnly()) {
            return openIndexes(have); // what is on disk; a read-only process cannot rebuild
        }
        Map<String, String> updates = new LinkedHashMap<>();
        if (!written.sameAs(running)) {
            updates.put(META_SCHEMA, running.serialise()); // only additions reach here
        }
        Map<String, AttributeIndex> opened = openIndexes(wanted);
        if (!have.equals(wanted)) {
            reindex(have, wanted, opened);
            updates.put(META_INDEXES, serialiseIndexes(wanted));
        }
        if (!updates.isEmpty()) {
            writeMeta(updates);
        }
        return opened;
    }

    private Map<String, Set<IndexKind>> resolveIndexConfig(List<IndexSpec> specs) throws LdapException {
        Map<String, Set<IndexKind>> out = new LinkedHashMap<>();
        for (IndexSpec s : specs) {
            AttributeType at;
            try {
                at = schemaManager.lookupAttributeTypeRegistry(s.attribute());
            } catch (LdapException e) {
                throw new LdapOtherException("index on unknown attribute type '" + s.attribute()
                        + "' for data folder " + dir);
            }
            out.computeIfAbsent(at.getOid(), k -> EnumSet.noneOf(IndexKind.class)).addAll(s.kinds());
        }
        return out;
    }

    private Map<String, AttributeIndex> openIndexes(Map<String, Set<IndexKind>> spec) throws LdapException {
        Map<String, AttributeIndex> out = new HashMap<>();
        for (Map.Entry<String, Set<IndexKind>> e : spec.entrySet()) {
            AttributeType at = schemaManager.lookupAttributeTypeRegistry(e.getKey());
            out.put(at.getOid(), new AttributeIndex(at, Set.copyOf(e.getValue()), openDbi("ix/" + at.getOid(), true),
                    schemaManager.getObjectClassRegistry()));
        }
        return Map.copyOf(out);
    }

    private static String serialiseIndexes(Map<String, Set<IndexKind>> m) {
        StringBuilder sb = new StringBuilder();
        new java.util.TreeMap<>(m).forEach((oid, kinds) -> {
            sb.append(oid);
            kinds.stream().sorted().forEach(k -> sb.append(' ').append(k.name()));
            sb.append('\n');
        });
        return sb.toString();
    }

    private static Map<String, Set<IndexKind>> parseIndexes(String s) {
        Map<String, Set<IndexKind>> m = new LinkedHashMap<>();
        for (String line : s.split("\n")) {
            String[] parts = line.trim().split(" ");
            if (parts.length < 2) {
                continue;
            }
            Set<IndexKind> kinds = EnumSet.noneOf(IndexKind.class);
            for (int i = 1; i < parts.length; i++) {
                kinds.add(IndexKind.valueOf(parts[i]));
            }
            m.put(parts[0], kinds);
        }
        return m;
    }

    /** Rebuilds every index whose kinds changed and empties those no longer configured. */
    private void reindex(Map<String, Set<IndexKind>> have, Map<String, Set<IndexKind>> wanted,
            Map<String, AttributeIndex> opened) throws LdapException {
        List<AttributeIndex> rebuild = new ArrayList<>();
        for (AttributeIndex ix : opened.values()) {
            if (!ix.kinds.equals(have.get(ix.type.getOid()))) {
                rebuild.add(ix);
            }
        }
        List<String> dropped = new ArrayList<>();
        for (String oid : have.keySet()) {
            if (!wanted.containsKey(oid)) {
                dropped.add(oid);
            }
        }
        LOG.info("re-indexing {} attribute(s) in {}; dropping {}", rebuild.size(), dir, dropped.size());
        List<Dbi<ByteBuffer>> droppedDbis = new ArrayList<>();
        for (String oid : dropped) {
            droppedDbis.add(openDbi("ix/" + oid, true)); // outside the write: openDbi runs its own txn
        }
        write0(w -> {
            for (Dbi<ByteBuffer> d : droppedDbis) {
                d.drop(w.txn, true);
            }
            for (AttributeIndex ix : rebuild) {
                ix.dbi.drop(w.txn, false);
            }
            return null;
        });
        if (rebuild.isEmpty()) {
            return;
        }
        long[] next = {1};
        while (next[0] > 0) {
            next[0] = write0(w -> w.reindexBatch(next[0], 5000, rebuild));
        }
    }

    private Map<String, String> readMeta() {
        return resizeSafe(env, this::readMeta0);
    }

    private Map<String, String> readMeta0() {
        Map<String, String> m = new HashMap<>();
        try (Txn<ByteBuffer> t = env.txnRead(); var it = meta.iterate(t)) {
            for (var kv : it) {
                String k = StandardCharsets.UTF_8.decode(kv.key()).toString();
                if (!k.equals(META_NEXT_ID) && !k.equals(META_RENAMES)) {
                    m.put(k, StandardCharsets.UTF_8.decode(kv.val()).toString());
                }
            }
        }
        return m;
    }

    private void writeMeta(Map<String, String> values) throws LdapException {
        write0(w -> {
            for (Map.Entry<String, String> e : values.entrySet()) {
                w.putMeta(e.getKey(), Keys.utf8(e.getValue()));
            }
            return null;
        });
    }

    /**
     * The naming context stored in a data folder, or null when the folder holds no Herald data.
     * Opens the folder read-only for a moment (so it works beside a running server).
     */
    public static String storedSuffix(Path dataDir) throws LdapException {
        Path d = dataDir.toAbsolutePath().normalize();
        if (!Files.isRegularFile(d.resolve("data.mdb"))) {
            return null;
        }
        try {
            d = d.toRealPath();
        } catch (IOException e) {
            throw new LdapOtherException("cannot use data folder " + d + ": " + e, e);
        }
        try (FolderLock lock = FolderLock.acquire(d, true);
                Env<ByteBuffer> env = Env.create(ByteBufferProxy.PROXY_OPTIMAL).setMaxDbs(8).setMaxReaders(8)
                        .open(d.toFile(), EnvFlags.MDB_RDONLY_ENV, EnvFlags.MDB_NOTLS)) {
            Dbi<ByteBuffer> meta = resizeSafe(env, () -> env.openDbi("meta"));
            return resizeSafe(env, () -> {
                try (Txn<ByteBuffer> t = env.txnRead()) {
                    ByteBuffer k = ByteBuffer.allocateDirect(16).put(Keys.utf8(META_SUFFIX)).flip();
                    ByteBuffer v = meta.get(t, k);
                    return v == null ? null : StandardCharsets.UTF_8.decode(v).toString().split("\n", 2)[1];
                }
            });
        } catch (LmdbException e) {
            throw new LdapOtherException("cannot read data folder " + d + ": " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- Backend

    @Override
    public Dn suffix() {
        return suffix;
    }

    /** The data folder (absolute, real path). */
    public Path dataDir() {
        return dir;
    }

    /** The LMDB map size now in force, in bytes. */
    public long mapSize() {
        return env.info().mapSize;
    }

    @Override
    public LmdbReadTxn openRead() throws LdapException {
        checkOpen();
        while (true) {
            long stamp = envLock.readLock();
            try {
                Txn<ByteBuffer> t = idleReader();
                if (t == null) {
                    t = env.txnRead();
                }
                return new LmdbReadTxn(this, t, stamp, true, true);
            } catch (Dbi.MapResizedException e) {
                envLock.unlockRead(stamp);
                adoptMapSize();
            } catch (Env.ReadersFullException e) {
                envLock.unlockRead(stamp);
                throw new LdapOperationException(ResultCodeEnum.BUSY,
                        "too many concurrent readers on " + dir + " (maxReaders " + options.maxReaders() + ")");
            } catch (RuntimeException e) {
                envLock.unlockRead(stamp);
                throw new LdapOtherException("cannot read " + dir + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public <T> T write(WriteAction<T> action) throws LdapException {
        return write0(w -> action.apply(w));
    }

    /** Like {@link #write} with the LMDB-specific transaction (bulk loading, re-indexing). */
    <T> T write0(InternalWrite<T> action) throws LdapException {
        checkOpen();
        if (options.readOnly()) {
            throw new LdapUnwillingToPerformException("data folder " + dir + " is open read-only");
        }
        if (writerLock.isHeldByCurrentThread()) {
            throw new IllegalStateException("nested write transaction on " + dir);
        }
        writerLock.lock();
        try {
            while (true) {
                long sizeBefore = env.info().mapSize;
                long stamp = envLock.readLock();
                Txn<ByteBuffer> txn = null;
                LmdbWriteTxn w = null;
                boolean full = false;
                try {
                    txn = env.txnWrite();
                    w = new LmdbWriteTxn(this, txn, stamp);
                    T result = action.apply(w);
                    w.finish();
                    txn.commit();
                    return result;
                } catch (Env.MapFullException e) {
                    full = true;
                } catch (Dbi.MapResizedException e) {
                    // another process grew the map: adopt its size and run again
                } catch (LdapException | RuntimeException e) {
                    if (w != null && w.mapFull) {
                        full = true;
                    } else if (e instanceof LdapException le) {
                        throw le;
                    } else if (e instanceof Txn.TxFullException) {
                        throw new LdapUnwillingToPerformException("write too large for one transaction on " + dir);
                    } else if (e instanceof LmdbException) {
                        throw new LdapOtherException("storage error in " + dir + ": " + e.getMessage(), e);
                    } else {
                        throw e;
                    }
                } finally {
                    if (w != null) {
                        w.release();
                    }
                    if (txn != null) {
                        txn.close(); // aborts unless committed
                    }
                    envLock.unlockRead(stamp);
                }
                if (full) {
                    grow(sizeBefore);
                } else {
                    adoptMapSize();
                }
            }
        } finally {
            writerLock.unlock();
        }
    }

    /** Work inside one LMDB write transaction. */
    @FunctionalInterface
    interface InternalWrite<T> {
        T apply(LmdbWriteTxn txn) throws LdapException;
    }

    /** Doubles the map (up to the maximum) once no transaction of this process is open. */
    private void grow(long sizeSeen) throws LdapException {
        long stamp = exclusive();
        if (stamp == 0) {
            throw new LdapUnwillingToPerformException("data folder " + dir + " is full (map size "
                    + mib(sizeSeen) + ") and could not grow: read transactions stayed open for "
                    + options.growTimeout().toSeconds() + "s");
        }
        try {
            long now = env.info().mapSize;
            if (now > sizeSeen) {
                return; // grown meanwhile (by another process)
            }
            if (now >= options.maxMapSize()) {
                throw new LdapUnwillingToPerformException("data folder " + dir + " is full: it reached its maximum map size "
                        + mib(options.maxMapSize()) + "; raise maxMapSize or free space");
            }
            long next = Math.min(options.maxMapSize(), Math.max(now * 2, now + (1L << 20)));
            env.setMapSize(next);
            LOG.info("grew the map of {} from {} to {}", dir, mib(now), mib(next));
        } finally {
            envLock.unlockWrite(stamp);
        }
    }

    /** Takes the size another process gave the map (LMDB's MDB_MAP_RESIZED). */
    private void adoptMapSize() throws LdapException {
        long stamp = exclusive();
        if (stamp == 0) {
            throw new LdapOperationException(ResultCodeEnum.BUSY, "data folder " + dir
                    + " was resized by another process and read transactions stayed open");
        }
        try {
            env.setMapSize(0);
        } finally {
            envLock.unlockWrite(stamp);
        }
    }

    private long exclusive() {
        try {
            return envLock.tryWriteLock(options.growTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    /** The stored suffix DN, parsed once: every search that rebuilds a DN ends at the suffix. */
    private volatile Dn storedSuffix;

    /**
     * A stored user-provided RDN made schema-aware. Through the DN parser, as SchemaValues
     * parses names: the API's RDN parser ({@code new Rdn(schema, String)}, {@code Dn.add(String)})
     * normalises some non-ASCII values differently (2.1.8: {@code cn=Zoë Ünicode} came back as
     * {@code zoëü  nicode}), which gave entries read back a DN unequal to the one they were
     * stored under.
     */
    Rdn rdn(String up) throws LdapException {
        Dn one = new Dn(schemaManager, up);
        if (one.size() != 1) {
            throw new LdapOtherException("stored RDN \"" + up + "\" in " + dir + " is not one RDN");
        }
        return one.getRdn();
    }

    /**
     * DNs of entries that have children, by id, shared by the read transactions whose snapshot
     * holds the same names (bounded). Ids are never reused, so only a rename changes the DN of
     * an id; every write transaction that renames counts itself in {@code meta} ({@link
     * #META_RENAMES}, in the same commit), and a cache is tagged with that count: a reader uses
     * the cache of the count its own snapshot holds. This is exact for any snapshot, old or new,
     * and for renames committed by another process (a read-only export while the server runs).
     */
    static final class NameCache {
        private static final int LIMIT = 50_000;
        final long renames;
        private final ConcurrentHashMap<Long, Dn> dns = new ConcurrentHashMap<>();

        NameCache(long renames) {
            this.renames = renames;
        }

        Dn get(long id) {
            return dns.get(id);
        }

        void put(long id, Dn dn) {
            if (dns.size() < LIMIT) {
                dns.put(id, dn);
            }
        }
    }

    private final AtomicReference<NameCache> names = new AtomicReference<>(new NameCache(0));

    /**
     * The shared name cache for snapshots whose rename count is {@code renames}: the current one,
     * or a new one when the snapshot is newer than it; null for a snapshot older than the
     * cache (that reader works without it).
     */
    NameCache namesAt(long renames) {
        while (true) {
            NameCache c = names.get();
            if (c.renames == renames) {
                return c;
            }
            if (c.renames > renames) {
                return null;
            }
            NameCache fresh = new NameCache(renames);
            if (names.compareAndSet(c, fresh)) {
                return fresh;
            }
        }
    }

    Dn suffixDn(String up) throws LdapException {
        Dn d = storedSuffix;
        if (d == null || !d.getName().equals(up)) {
            d = new Dn(schemaManager, up);
            storedSuffix = d;
        }
        return d;
    }

    /**
     * A reset read transaction renewed onto the newest snapshot (LMDB's {@code mdb_txn_renew}:
     * no allocation, and with MDB_NOTLS the reader slot is kept, so no reader-table lock), or
     * null when none is idle. Called under the shared environment lock.
     */
    private Txn<ByteBuffer> idleReader() {
        Txn<ByteBuffer> t;
        while ((t = idleReaders.poll()) != null) {
            idleCount.decrementAndGet();
            try {
                t.renew();
                return t;
            } catch (RuntimeException e) {
                // e.g. the map was grown by another process: drop it (its slot is ended) and
                // let txnRead report that as usual
                t.close();
            }
        }
        return null;
    }

    /**
     * Takes back a read transaction whose snapshot is no longer needed: reset (it releases the
     * snapshot at once, so writers never wait on it) and kept for the next reader, or closed
     * when enough are idle. Called under the shared environment lock, before it is released.
     */
    void releaseReader(Txn<ByteBuffer> t) {
        if (!closed && idleCount.incrementAndGet() <= IDLE_READERS) {
            try {
                t.reset();
                idleReaders.offer(t);
                return;
            } catch (RuntimeException e) {
                idleCount.decrementAndGet();
                t.close();
                return;
            }
        }
        idleCount.decrementAndGet();
        t.close();
    }

    /** Ends the idle read transactions (renewed first: lmdbjava frees only a ready transaction). */
    private void closeIdleReaders() {
        Txn<ByteBuffer> t;
        while ((t = idleReaders.poll()) != null) {
            idleCount.decrementAndGet();
            try {
                t.renew();
            } catch (RuntimeException e) {
                // already ended by LMDB
            }
            t.close();
        }
    }

    /** Read transactions kept reset for reuse, at most {@link #IDLE_READERS}. */
    private final ConcurrentLinkedQueue<Txn<ByteBuffer>> idleReaders = new ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicInteger idleCount = new java.util.concurrent.atomic.AtomicInteger();
    /** More than the worker threads that read at once on a 2-core machine; each holds a reader slot. */
    static final int IDLE_READERS = 16;

    /** How many reset read transactions wait for reuse (tests). */
    int idleReaders() {
        return idleCount.get();
    }

    void releaseShared(long stamp) {
        envLock.unlockRead(stamp);
    }

    Scratch scratch() {
        Scratch s = scratchPool.poll();
        return s != null ? s : new Scratch();
    }

    void recycle(Scratch s) {
        if (scratchPool.size() < 64) {
            scratchPool.offer(s);
        }
    }

    private void checkOpen() throws LdapException {
        if (closed) {
            throw new LdapUnwillingToPerformException("data folder " + dir + " is closed");
        }
    }

    /** Checks every index and the DN tree against the stored entries; returns the problems. */
    public List<String> verify() throws LdapException {
        try (LmdbReadTxn r = openRead()) {
            return new ConsistencyCheck(this, r).run();
        }
    }

    /** A loader for bulk imports: batched write transactions with sorted index writes. */
    public LmdbBulkLoader bulkLoader(int batchSize) {
        return new LmdbBulkLoader(this, batchSize);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        long stamp = 0;
        try {
            stamp = envLock.tryWriteLock(Math.max(options.growTimeout().toMillis(), 30_000), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stamp == 0) {
            LOG.warn("closing {} while transactions are still open; leaving the environment mapped", dir);
            folderLock.close();
            return;
        }
        try {
            closeIdleReaders();
            if (!options.readOnly() && !options.durable()) {
                env.sync(true);
            }
            env.close();
        } finally {
            folderLock.close();
            envLock.unlockWrite(stamp);
        }
    }

    /** Reusable direct buffers for keys and values (lmdbjava needs direct buffers). */
    static final class Scratch {
        ByteBuffer key = ByteBuffer.allocateDirect(1024);
        ByteBuffer val = ByteBuffer.allocateDirect(4096);
        ByteBuffer val2 = ByteBuffer.allocateDirect(16);

        ByteBuffer key(byte[] a) {
            key.clear();
            key.put(a).flip();
            return key;
        }

        ByteBuffer key(byte[] a, byte[] b) {
            key.clear();
            key.put(a).put(b).flip();
            return key;
        }

        ByteBuffer key(long id, byte[] b) {
            key.clear();
            key.putLong(id);
            if (b != null) {
                key.put(b);
            }
            key.flip();
            return key;
        }

        ByteBuffer val(byte[] a) {
            if (val.capacity() < a.length) {
                val = ByteBuffer.allocateDirect(Math.max(a.length, val.capacity() * 2));
            }
            val.clear();
            val.put(a).flip();
            return val;
        }

        ByteBuffer val(long id, byte[] b) {
            int len = 8 + (b == null ? 0 : b.length);
            if (val.capacity() < len) {
                val = ByteBuffer.allocateDirect(Math.max(len, val.capacity() * 2));
            }
            val.clear();
            val.putLong(id);
            if (b != null) {
                val.put(b);
            }
            val.flip();
            return val;
        }

        ByteBuffer id(long id) {
            val2.clear();
            val2.putLong(id).flip();
            return val2;
        }
    }
}
