package dev.herald.ldap.tools;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.directory.api.ldap.model.constants.SchemaConstants;
import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.Value;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.api.ldap.model.entry.DefaultEntry;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.exception.LdapOtherException;
import org.apache.directory.api.ldap.model.ldif.LdifEntry;
import org.apache.directory.api.ldap.model.ldif.LdifReader;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.SchemaManager;

import dev.herald.ldap.backend.lmdb.LmdbBackend;
import dev.herald.ldap.backend.lmdb.LmdbBulkLoader;
import dev.herald.ldap.directory.SchemaChecker;
import dev.herald.ldap.schema.GeneralizedTimes;

/**
 * Offline LDIF import into an LMDB data folder (empty or not), like slapadd: the Directory API's
 * streaming {@link LdifReader} parses, each record is made schema-aware, checked by the
 * {@link EntryValidator} hook, given operational attributes by the {@link OperationalAttributes}
 * hook and handed to the backend's {@link LmdbBulkLoader} (batched transactions, sorted index
 * writes, on a writer thread). Records that cannot be stored are skipped and reported with the
 * line of their {@code dn:}: entry exists, no parent (children must follow their parents),
 * unknown attribute type, schema violation, not an add record, outside the suffix. An LDIF
 * syntax error ends the import (what follows cannot be trusted) and is reported the same way.
 */
public final class LdifImporter {
    // The hooks run on several worker threads at once and must be thread-safe.
    /** Rejections listed individually in the report; the count covers all. */
    public static final int MAX_LISTED_REJECTIONS = 1000;

    private final SchemaManager schemaManager;
    private EntryValidator validator;
    private OperationalAttributes operational;
    private ProgressListener progress = ProgressListener.NONE;
    private int batchSize = 10_000;

    /**
     * An importer with the directory layer's hooks: its {@link SchemaChecker} and the
     * operational attributes it gives imported entries (entryUUID, creatorsName,
     * createTimestamp, modifiersName, modifyTimestamp when the LDIF lacks them), recorded as
     * created by {@code cn=import}.
     */
    public LdifImporter(SchemaManager schemaManager) throws LdapException {
        this.schemaManager = schemaManager;
        this.validator = schemaChecks(schemaManager);
        this.operational = serverOperationalAttributes(new Dn(schemaManager, "cn=import"), Clock.systemUTC());
    }

    /** The directory layer's schema check as an import hook. */
    public static EntryValidator schemaChecks(SchemaManager schemaManager) {
        return new SchemaChecker(schemaManager)::check;
    }

    /**
     * The directory layer's operational attributes for imported entries, as an import hook. It
     * fills in first, cheaply, what {@code onImport} would (a per-thread UUID generator, since
     * UUID.randomUUID() shares one locked SecureRandom; timestamp and creator values built once
     * per second and shared, as values are immutable); {@code onImport} then completes whatever
     * is still missing, so it stays the authority on what an imported entry carries.
     */
    public static OperationalAttributes serverOperationalAttributes(Dn creator, Clock clock) {
        dev.herald.ldap.directory.OperationalAttributes ops = new dev.herald.ldap.directory.OperationalAttributes(clock);
        SchemaManager sm = creator.getSchemaManager();
        AtomicReference<Object[]> stamp = new AtomicReference<>(new Object[] {Long.MIN_VALUE, null});
        return entry -> {
            if (sm != null) {
                long second = clock.millis() / 1000;
                Object[] st = stamp.get();
                if ((long) st[0] != second) {
                    AttributeType ct = sm.lookupAttributeTypeRegistry(SchemaConstants.CREATE_TIMESTAMP_AT);
                    st = new Object[] {second, new Value(ct, GeneralizedTimes.format(Instant.ofEpochSecond(second))),
                            new Value(sm.lookupAttributeTypeRegistry(SchemaConstants.CREATORS_NAME_AT), creator.getName())};
                    stamp.set(st);
                }
                Value time = (Value) st[1];
                Value who = (Value) st[2];
                addIfAbsent(entry, sm, SchemaConstants.ENTRY_UUID_AT, null);
                addIfAbsent(entry, sm, SchemaConstants.CREATORS_NAME_AT, who);
                addIfAbsent(entry, sm, SchemaConstants.CREATE_TIMESTAMP_AT, time);
                addIfAbsent(entry, sm, SchemaConstants.MODIFIERS_NAME_AT, who);
                addIfAbsent(entry, sm, SchemaConstants.MODIFY_TIMESTAMP_AT, time);
            }
            ops.onImport(entry, creator);
            return entry;
        };
    }

    private static void addIfAbsent(Entry entry, SchemaManager sm, String attribute, Value value) throws LdapException {
        AttributeType at = sm.lookupAttributeTypeRegistry(attribute);
        if (entry.containsAttribute(at)) {
            return;
        }
        if (value == null) {
            entry.add(at, randomUuid().toString());
        } else {
            entry.add(at, new Value(at, value)); // same normalised value, typed for this attribute
        }
    }

    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(() -> {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    });

    /** A version 4 (random) UUID, RFC 4122 §4.4. */
    static UUID randomUuid() {
        byte[] b = new byte[16];
        RANDOM.get().nextBytes(b);
        b[6] = (byte) ((b[6] & 0x0f) | 0x40);
        b[8] = (byte) ((b[8] & 0x3f) | 0x80);
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 8; i++) {
            hi = (hi << 8) | (b[i] & 0xff);
            lo = (lo << 8) | (b[i + 8] & 0xff);
        }
        return new UUID(hi, lo);
    }

    public LdifImporter validator(EntryValidator v) {
        this.validator = v;
        return this;
    }

    public LdifImporter operationalAttributes(OperationalAttributes o) {
        this.operational = o;
        return this;
    }

    public LdifImporter progress(ProgressListener p) {
        this.progress = p;
        return this;
    }

    /** Entries per write transaction. */
    public LdifImporter batchSize(int n) {
        this.batchSize = n;
        return this;
    }

    /** Imports a UTF-8 LDIF file. */
    public ImportReport importFile(Path ldif, LmdbBackend target) throws IOException, LdapException {
        try (Reader r = Files.newBufferedReader(ldif, StandardCharsets.UTF_8)) {
            return importFrom(r, Files.size(ldif), target);
        }
    }

    /**
     * Imports LDIF from {@code in}.
     *
     * @param totalChars the input size for the progress bar, or -1
     */
    public ImportReport importFrom(Reader in, long totalChars, LmdbBackend target) throws IOException, LdapException {
        long start = System.nanoTime();
        List<ImportReport.Rejection> rejections = Collections.synchronizedList(new ArrayList<>());
        AtomicLong rejected = new AtomicLong();
        long read = 0;
        long added;
        String suffixNorm = target.suffix().getNormName();
        DnLineTracker tracker = new DnLineTracker(new BufferedReader(in, 1 << 16));
        LdifReader ldif;
        try {
            ldif = new LdifReader(tracker);
        } catch (LdapException e) {
            throw new LdapOtherException("cannot read LDIF: " + e.getMessage(), e);
        }
        // Three stages: this thread parses LDIF; a pool makes entries schema-aware, checks them
        // and encodes them (the costly part, in parallel, chunk by chunk); a feeder hands the
        // chunks to the bulk loader in file order, whose writer thread stores them.
        int workers = Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "ldif-import-worker");
            t.setDaemon(true);
            return t;
        });
        BlockingQueue<Future<List<LmdbBulkLoader.Prepared>>> ordered = new ArrayBlockingQueue<>(workers * 4);
        Future<List<LmdbBulkLoader.Prepared>> end = CompletableFuture.completedFuture(List.of());
        try (ldif; LmdbBulkLoader loader = target.bulkLoader(batchSize)) {
            loader.onReject(r -> reject(rejections, rejected, r.tag(), r.dn().getName(), r.reason().getMessage()));
            AtomicReference<Throwable> feederFailure = new AtomicReference<>();
            Thread feeder = new Thread(() -> {
                try {
                    while (true) {
                        Future<List<LmdbBulkLoader.Prepared>> f = ordered.take();
                        if (f == end) {
                            return;
                        }
                        for (LmdbBulkLoader.Prepared p : f.get()) {
                            loader.add(p);
                        }
                    }
                } catch (Throwable t) {
                    feederFailure.set(t instanceof ExecutionException ee ? ee.getCause() : t);
                    ordered.clear();
                }
            }, "ldif-import-feeder");
            feeder.setDaemon(true);
            feeder.start();
            try {
                List<Record> chunk = new ArrayList<>(CHUNK);
                while (feederFailure.get() == null && ldif.hasNext()) {
                    LdifEntry record;
                    try {
                        record = ldif.next();
                    } catch (RuntimeException e) {
                        // The reader parses one record ahead: a broken record also loses the one
                        // before it, which was parsed but not yet handed out.
                        long lost = tracker.nextRecordLine();
                        long bad = tracker.nextRecordLine();
                        if (bad < 0) {
                            bad = lost > 0 ? lost : tracker.currentLine();
                        } else {
                            reject(rejections, rejected, lost, "", "not imported: the LDIF reader stopped at the broken record on line " + bad);
                        }
                        reject(rejections, rejected, bad, "", "LDIF syntax error, import stopped here: " + e.getMessage());
                        break;
                    }
                    chunk.add(new Record(record, tracker.nextRecordLine()));
                    read++;
                    if (chunk.size() == CHUNK) {
                        List<Record> work = chunk;
                        putOrdered(ordered, pool.submit(() -> prepareAll(work, suffixNorm, loader, rejections, rejected)));
                        chunk = new ArrayList<>(CHUNK);
                    }
                    if ((read & 255) == 0) {
                        progress.progress(read, tracker.charsRead(), totalChars, Duration.ofNanos(System.nanoTime() - start));
                    }
                }
                if (!chunk.isEmpty()) {
                    List<Record> work = chunk;
                    putOrdered(ordered, pool.submit(() -> prepareAll(work, suffixNorm, loader, rejections, rejected)));
                }
                if (ldif.hasError()) {
                    Exception e = ldif.getError();
                    long at = tracker.nextRecordLine();
                    reject(rejections, rejected, at > 0 ? at : tracker.currentLine(), "",
                            "LDIF syntax error, import stopped here: " + (e == null ? "unknown" : e.getMessage()));
                }
            } finally {
                putOrdered(ordered, end);
                try {
                    feeder.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                pool.shutdownNow();
            }
            Throwable f = feederFailure.get();
            if (f instanceof LdapException le) {
                throw le;
            }
            if (f != null) {
                throw new LdapOtherException("import failed: " + f, f);
            }
            loader.close();
            added = loader.added();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        progress.finished(read, elapsed);
        List<ImportReport.Rejection> sorted = new ArrayList<>(rejections);
        sorted.sort((a, b) -> Long.compare(a.line(), b.line()));
        return new ImportReport(read, added, rejected.get(), sorted, elapsed);
    }

    private static final int CHUNK = 256;

    private record Record(LdifEntry entry, long line) {}

    private static <T> void putOrdered(BlockingQueue<T> q, T item) throws LdapException {
        try {
            q.put(item);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LdapOtherException("import interrupted");
        }
    }

    private List<LmdbBulkLoader.Prepared> prepareAll(List<Record> records, String suffixNorm, LmdbBulkLoader loader,
            List<ImportReport.Rejection> rejections, AtomicLong rejected) throws LdapException {
        List<LmdbBulkLoader.Prepared> out = new ArrayList<>(records.size());
        for (Record r : records) {
            Entry e = prepare(r.entry(), r.line(), suffixNorm, rejections, rejected);
            if (e != null) {
                out.add(loader.prepare(e, r.line()));
            }
        }
        return out;
    }

    /** The schema-aware, checked and completed entry, or null after reporting why not. */
    private Entry prepare(LdifEntry record, long line, String suffixNorm, List<ImportReport.Rejection> rejections,
            AtomicLong rejected) {
        String dnText = record.getDn() == null ? "" : record.getDn().getName();
        if (!(record.isEntry() || record.isChangeAdd())) {
            reject(rejections, rejected, line, dnText, "not an entry or add record (changetype: "
                    + record.getChangeType().toString().toLowerCase(Locale.ROOT) + ")");
            return null;
        }
        Entry raw = record.getEntry();
        for (Attribute a : raw) {
            String id = a.getUpId();
            int semi = id.indexOf(';');
            String base = (semi < 0 ? id : id.substring(0, semi)).toLowerCase(Locale.ROOT);
            if (schemaManager.getAttributeType(base) == null) {
                reject(rejections, rejected, line, dnText, "unknown attribute type '" + id + "'");
                return null;
            }
        }
        try {
            Entry entry = new DefaultEntry(schemaManager, raw);
            String norm = entry.getDn().getNormName();
            if (!norm.equals(suffixNorm) && !norm.endsWith("," + suffixNorm)) {
                reject(rejections, rejected, line, dnText, "outside the suffix");
                return null;
            }
            validator.validate(entry);
            return operational.apply(entry);
        } catch (LdapException | RuntimeException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage();
            reject(rejections, rejected, line, dnText, msg.startsWith("schema violation") ? msg : "schema violation: " + msg);
            return null;
        }
    }

    private static void reject(List<ImportReport.Rejection> rejections, AtomicLong count, long line, String dn,
            String reason) {
        if (count.incrementAndGet() <= MAX_LISTED_REJECTIONS) {
            rejections.add(new ImportReport.Rejection(line, dn, reason));
        }
    }
}
