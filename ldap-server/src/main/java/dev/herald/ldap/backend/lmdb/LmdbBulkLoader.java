package dev.herald.ldap.backend.lmdb;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapEntryAlreadyExistsException;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.exception.LdapNoSuchObjectException;
import org.apache.directory.api.ldap.model.exception.LdapOtherException;
import org.apache.directory.api.ldap.model.name.Dn;
import org.lmdbjava.Cursor;
import org.lmdbjava.PutFlags;

/**
 * Adds many entries fast, for offline import: the caller's thread prepares each entry (record
 * encoding, index keys), a writer thread stores batches, each batch in one write transaction
 * whose index keys are written in sorted order (so LMDB touches each page once per batch) and
 * whose id-keyed records are appended. Entries must come parents first. An entry whose DN
 * exists or whose parent is missing is reported to the rejection consumer (from the writer
 * thread, after its batch committed) and skipped.
 */
public final class LmdbBulkLoader implements AutoCloseable {
    /** An entry that was not added (its DN as given), with the tag the caller gave it (e.g. its LDIF line). */
    public record Rejected(long tag, String dn, LdapException reason) {}

    private static final Batch POISON = new Batch(List.of(), List.of());
    private final LmdbBackend b;
    private final int batchSize;
    private final List<AttributeIndex> indexes;
    // One batch waiting while one is written: the writer keeps up, and every entry held in a
    // queue survives young collections (copying it is most of the GC's work in an import).
    private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(1);
    private final Thread writer;
    private volatile Consumer<Rejected> onReject = r -> { };
    private volatile Throwable failure;
    private volatile long added;
    private List<Prepared> batch;
    private boolean closed;
    /** Normalised DN -> id of recent entries (writer thread only): parents of what follows. */
    private final Map<String, Long> recent = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> e) {
            return size() > 100_000;
        }
    };

    LmdbBulkLoader(LmdbBackend b, int batchSize) {
        this.b = b;
        this.batchSize = Math.max(1, batchSize);
        this.indexes = new ArrayList<>(b.indexes.values());
        this.batch = new ArrayList<>(this.batchSize);
        this.writer = new Thread(this::writeLoop, "lmdb-bulk-writer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** Where rejections go (called on the writer thread). */
    public LmdbBulkLoader onReject(Consumer<Rejected> consumer) {
        this.onReject = consumer;
        return this;
    }

    /** Entries stored so far (committed). */
    public long added() {
        return added;
    }

    /** Queues a schema-aware entry; {@code tag} comes back with a rejection. */
    public void add(Entry entry, long tag) throws LdapException {
        add(prepare(entry, tag));
    }

    /**
     * Does the CPU work for one entry (record encoding, index keys) without touching LMDB. Safe
     * to call from several threads at once; pass the results to {@link #add(Prepared)} in
     * order (parents first).
     */
    public Prepared prepare(Entry entry, long tag) throws LdapException {
        Dn dn = entry.getDn().isSchemaAware() ? entry.getDn() : new Dn(b.schemaManager, entry.getDn());
        Prepared p = new Prepared();
        p.tag = tag;
        p.name = dn.getName();
        p.normDn = dn.getNormName();
        p.isSuffix = p.normDn.equals(b.suffix.getNormName());
        if (p.isSuffix) {
            p.rdnKey = b.suffixKey;
            p.upRdn = Keys.utf8(dn.getName());
        } else {
            Dn parent = dn.getParent();
            p.parentNorm = parent.getNormName();
            p.parentName = parent.getName();
            p.rdnKey = Keys.bounded(Keys.utf8(dn.getRdn().getNormName()));
            p.upRdn = Keys.utf8(dn.getRdn().getName());
        }
        p.record = b.codec.encode(entry);
        p.keys = new AttributeIndex.EntryKeys[indexes.size()];
        for (int i = 0; i < indexes.size(); i++) {
            p.keys[i] = indexes.get(i).entryKeys(entry);
        }
        return p;
    }

    /** Queues a prepared entry; batches go to the writer thread as they fill. */
    public void add(Prepared p) throws LdapException {
        checkFailure();
        batch.add(p);
        if (batch.size() >= batchSize) {
            submit();
        }
    }

    private void submit() throws LdapException {
        if (batch.isEmpty()) {
            return;
        }
        try {
            queue.put(group(batch));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LdapOtherException("import interrupted");
        }
        batch = new ArrayList<>(batchSize);
    }

    /** Entries of one write transaction, with their index keys grouped and sorted, per index. */
    private record Batch(List<Prepared> items, List<IndexBatch> keys) {}

    /**
     * One index's keys for a batch, each part in key order: equality keys with the position
     * (in the batch) of their entry, sorted by key and then position; the positions of the
     * entries with the attribute (presence); and trigrams as {@code gram << 32 | position},
     * sorted, so equal grams are adjacent with their positions ascending.
     */
    private record IndexBatch(List<KeyAt> eq, IntList presence, long[] grams, int gramCount) {}

    private record KeyAt(byte[] key, int position) {}

    private static final java.util.Comparator<KeyAt> BY_KEY = (x, y) -> Arrays.compareUnsigned(x.key, y.key);

    /**
     * Groups the batch's index keys (on the caller's thread, so the writer thread only talks to
     * LMDB): each distinct key then costs one MDB_MULTIPLE append per batch, and LMDB visits the
     * keys in order.
     */
    private Batch group(List<Prepared> items) {
        List<IndexBatch> out = new ArrayList<>(indexes.size());
        for (int i = 0; i < indexes.size(); i++) {
            out.add(group(items, i));
        }
        for (Prepared p : items) {
            p.keys = null; // grouped now; let them go
        }
        return new Batch(items, out);
    }

    private static IndexBatch group(List<Prepared> items, int index) {
        List<KeyAt> eq = new ArrayList<>(items.size() * 2);
        IntList presence = new IntList();
        long[] grams = new long[64];
        int g = 0;
        for (int pos = 0; pos < items.size(); pos++) {
            AttributeIndex.EntryKeys k = items.get(pos).keys[index];
            if (k == null) {
                continue;
            }
            for (byte[] key : k.eq()) {
                eq.add(new KeyAt(key, pos));
            }
            if (k.presence()) {
                presence.add(pos);
            }
            int[] eg = k.grams();
            if (g + eg.length > grams.length) {
                grams = Arrays.copyOf(grams, Math.max(grams.length * 2, g + eg.length));
            }
            for (int gram : eg) {
                grams[g++] = ((long) gram << 32) | pos;
            }
        }
        eq.sort(BY_KEY); // stable: positions stay ascending within a key
        return new IndexBatch(eq, presence, sortByGram(grams, g), g);
    }

    /**
     * Sorts {@code gram << 32 | position} values by gram, keeping the order of equal grams: a
     * two-pass LSD radix sort on the 24-bit gram (12 bits a pass). The values come in position
     * order, so the result is in (gram, position) order, as a full sort would give, in linear
     * time (a comparison sort of these half a million values per batch was the feeder thread's
     * largest cost).
     */
    static long[] sortByGram(long[] values, int n) {
        long[] a = values;
        long[] b = new long[Math.max(n, 1)];
        int[] count = new int[1 << 12];
        for (int shift = 32; shift < 56; shift += 12) {
            Arrays.fill(count, 0);
            for (int i = 0; i < n; i++) {
                count[(int) (a[i] >>> shift) & 0xFFF]++;
            }
            int sum = 0;
            for (int d = 0; d < count.length; d++) {
                int c = count[d];
                count[d] = sum;
                sum += c;
            }
            for (int i = 0; i < n; i++) {
                long v = a[i];
                b[count[(int) (v >>> shift) & 0xFFF]++] = v;
            }
            long[] t = a;
            a = b;
            b = t;
        }
        return a; // after an even number of passes: the original array, sorted
    }

    /** Stores everything queued, waits for the writer and reports its failure, if any. */
    @Override
    public void close() throws LdapException {
        if (closed) {
            return;
        }
        closed = true;
        submit();
        try {
            queue.put(POISON);
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LdapOtherException("import interrupted");
        }
        checkFailure();
    }

    private void checkFailure() throws LdapException {
        Throwable f = failure;
        if (f instanceof LdapException le) {
            throw le;
        }
        if (f != null) {
            throw new LdapOtherException("bulk load failed: " + f, f);
        }
    }

    private void writeLoop() {
        try {
            while (true) {
                Batch next = queue.take();
                if (next == POISON) {
                    return;
                }
                if (failure == null) {
                    store(next);
                }
            }
        } catch (Throwable t) {
            failure = t;
            queue.clear(); // unblock the producer
            try {
                while (queue.take() != POISON) {
                    queue.clear();
                }
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void store(Batch batchToStore) throws LdapException {
        List<Prepared> items = batchToStore.items();
        List<Rejected> rejected = new ArrayList<>();
        Map<String, Long> newIds = new LinkedHashMap<>();
        long[] idAt = new long[items.size()];
        b.write0(w -> {
            rejected.clear();
            newIds.clear();
            placeAll(w, items, idAt, newIds, rejected);
            for (int i = 0; i < indexes.size(); i++) {
                try (Cursor<ByteBuffer> c = indexes.get(i).dbi.openCursor(w.txn)) {
                    writeIndex(w, c, batchToStore.keys().get(i), idAt);
                }
            }
            return null;
        });
        recent.putAll(newIds);
        added += newIds.size();
        for (Rejected r : rejected) {
            onReject.accept(r);
        }
    }

    /** Gives each entry of the batch an id and writes its records, or rejects it. */
    private void placeAll(LmdbWriteTxn w, List<Prepared> items, long[] idAt, Map<String, Long> newIds,
            List<Rejected> rejected) throws LdapException {
        for (int pos = 0; pos < items.size(); pos++) {
            Prepared p = items.get(pos);
            idAt[pos] = -1;
            long parent = 0;
            if (!p.isSuffix) {
                Long known = newIds.get(p.parentNorm);
                if (known == null) {
                    known = recent.get(p.parentNorm);
                }
                parent = known != null ? known : w.idOf(new Dn(b.schemaManager, p.parentName));
                if (parent < 0) {
                    rejected.add(new Rejected(p.tag, p.name, new LdapNoSuchObjectException("parent "
                            + p.parentName + " does not exist (entries must follow their parents)")));
                    continue;
                }
            }
            if (w.child(parent, p.rdnKey) >= 0) {
                rejected.add(new Rejected(p.tag, p.name,
                        new LdapEntryAlreadyExistsException("entry " + p.name + " already exists")));
                continue;
            }
            long id = w.allocateId();
            idAt[pos] = id;
            w.put(b.id2entry, w.s.key(id, null), w.s.val(p.record), PutFlags.MDB_APPEND);
            w.put(b.dn2id, w.s.key(parent, p.rdnKey), w.s.val(id, p.upRdn));
            w.put(b.id2rdn, w.s.key(id, null), w.s.val(parent, p.upRdn), PutFlags.MDB_APPEND);
            newIds.put(p.normDn, id);
        }
    }

    /**
     * Appends the batch's ids under each of one index's keys, keys in order ('e' equality,
     * 'p' presence, 's' trigrams). Positions ascend within a key and ids ascend with positions,
     * and every new id is above all stored ones: each key's ids go in with one call.
     */
    private void writeIndex(LmdbWriteTxn w, Cursor<ByteBuffer> c, IndexBatch k, long[] idAt) {
        List<KeyAt> eq = k.eq();
        for (int i = 0; i < eq.size(); ) {
            byte[] key = eq.get(i).key();
            ByteBuffer buf = idBuffer(eq.size() - i);
            int n = 0;
            for (; i < eq.size() && Arrays.equals(key, eq.get(i).key()); i++) {
                n += putId(buf, idAt[eq.get(i).position()]);
            }
            append(w, c, key, buf, n);
        }
        if (k.presence().n > 0) {
            ByteBuffer buf = idBuffer(k.presence().n);
            int n = 0;
            for (int i = 0; i < k.presence().n; i++) {
                n += putId(buf, idAt[k.presence().values[i]]);
            }
            append(w, c, AttributeIndex.presenceKey(), buf, n);
        }
        long[] grams = k.grams();
        for (int i = 0; i < k.gramCount(); ) {
            int gram = (int) (grams[i] >>> 32);
            ByteBuffer buf = idBuffer(k.gramCount() - i);
            int n = 0;
            for (; i < k.gramCount() && (int) (grams[i] >>> 32) == gram; i++) {
                n += putId(buf, idAt[(int) grams[i]]);
            }
            append(w, c, AttributeIndex.gramKey(gram), buf, n);
        }
    }

    /** Adds a placed entry's id; 0 for a rejected entry (id -1). */
    private static int putId(ByteBuffer buf, long id) {
        if (id <= 0) {
            return 0;
        }
        buf.putLong(id);
        return 1;
    }

    private static void append(LmdbWriteTxn w, Cursor<ByteBuffer> c, byte[] key, ByteBuffer ids, int n) {
        if (n > 0) {
            ids.flip();
            w.appendIds(c, w.s.key(key), ids, n);
        }
    }

    private ByteBuffer idBuf = ByteBuffer.allocateDirect(8 * 1024);

    private ByteBuffer idBuffer(int n) {
        if (idBuf.capacity() < n * 8) {
            idBuf = ByteBuffer.allocateDirect(Math.max(n * 8, idBuf.capacity() * 2));
        }
        idBuf.clear();
        return idBuf;
    }

    /** A growable list of batch positions. */
    private static final class IntList {
        int[] values = new int[16];
        int n;

        void add(int v) {
            if (n == values.length) {
                values = Arrays.copyOf(values, n * 2);
            }
            values[n++] = v;
        }
    }

    /** An entry ready to store: produced by {@link #prepare}, consumed by {@link #add(Prepared)}. */
    public static final class Prepared {
        long tag;
        // names as strings, not the parsed Dn: prepared entries wait in batches, and a Dn's
        // object graph would be copied by every young collection meanwhile
        String name;
        String normDn;
        boolean isSuffix;
        String parentNorm;
        String parentName;
        byte[] rdnKey;
        byte[] upRdn;
        byte[] record;
        AttributeIndex.EntryKeys[] keys;
    }
}
