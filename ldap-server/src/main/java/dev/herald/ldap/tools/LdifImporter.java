package dev.herald.ldap.tools;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.exception.LdapOtherException;
import org.apache.directory.api.ldap.model.ldif.LdifEntry;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.SchemaManager;

import dev.herald.ldap.backend.lmdb.LmdbBackend;
import dev.herald.ldap.backend.lmdb.LmdbBulkLoader;
import dev.herald.ldap.directory.SchemaChecker;
import dev.herald.ldap.directory.SchemaValues;

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

    private final SchemaValues values;
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
        this.values = new SchemaValues(schemaManager);
        this.validator = schemaChecks(schemaManager);
        this.operational = serverOperationalAttributes(new Dn(schemaManager, "cn=import"), Clock.systemUTC());
    }

    /** The directory layer's schema check as an import hook. */
    public static EntryValidator schemaChecks(SchemaManager schemaManager) {
        return new SchemaChecker(schemaManager)::check;
    }

    /**
     * The directory layer's operational attributes for imported entries, as an import hook:
     * {@code OperationalAttributes.onImport} fills in entryUUID, creatorsName, createTimestamp,
     * modifiersName and modifyTimestamp where the LDIF lacks them, as {@code creator}. The
     * entries of one second share those four attribute objects ({@code onBulkImport}): the
     * importer never changes an entry after this hook.
     */
    public static OperationalAttributes serverOperationalAttributes(Dn creator, Clock clock) {
        SchemaManager sm = creator.getSchemaManager();
        dev.herald.ldap.directory.OperationalAttributes ops = sm == null
                ? new dev.herald.ldap.directory.OperationalAttributes(clock)
                : new dev.herald.ldap.directory.OperationalAttributes(clock, sm);
        return entry -> {
            ops.onBulkImport(entry, creator);
            return entry;
        };
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
        long framed = 0;
        long added;
        String suffixNorm = target.suffix().getNormName();
        LdifRecords records = new LdifRecords(new BufferedReader(in, 1 << 16));
        // Four stages: this thread cuts the input into records; a pool parses them (the API's
        // LDIF parser), makes the entries schema-aware, checks and encodes them, chunk by chunk
        // in parallel; a feeder takes the chunks in file order, stops at the first syntax
        // error and hands the entries to the bulk loader, whose writer thread stores them.
        int workers = Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "ldif-import-worker");
            t.setDaemon(true);
            return t;
        });
        BlockingQueue<Future<List<Outcome>>> ordered = new ArrayBlockingQueue<>(workers * 4);
        Future<List<Outcome>> end = CompletableFuture.completedFuture(List.of());
        Feeder feeder;
        try (LmdbBulkLoader loader = target.bulkLoader(batchSize)) {
            loader.onReject(r -> reject(rejections, rejected, r.tag(), r.dn(), r.reason().getMessage()));
            feeder = new Feeder(ordered, end, loader, rejections, rejected);
            Thread feederThread = new Thread(feeder, "ldif-import-feeder");
            feederThread.setDaemon(true);
            feederThread.start();
            try {
                List<LdifRecords.Raw> chunk = new ArrayList<>(CHUNK);
                while (!feeder.stopped()) {
                    LdifRecords.Raw raw;
                    try {
                        raw = records.next();
                    } catch (LdifRecords.FramingException e) {
                        List<LdifRecords.Raw> work = chunk;
                        Outcome stop = Outcome.syntaxError(e.line, e.getMessage());
                        putOrdered(ordered, pool.submit(() -> with(prepareAll(work, suffixNorm, loader), stop)));
                        chunk = new ArrayList<>();
                        break;
                    }
                    if (raw == null) {
                        break;
                    }
                    chunk.add(raw);
                    framed++;
                    if (chunk.size() == CHUNK) {
                        List<LdifRecords.Raw> work = chunk;
                        putOrdered(ordered, pool.submit(() -> prepareAll(work, suffixNorm, loader)));
                        chunk = new ArrayList<>(CHUNK);
                    }
                    if ((framed & 255) == 0) {
                        progress.progress(framed, records.charsRead(), totalChars, Duration.ofNanos(System.nanoTime() - start));
                    }
                }
                if (!chunk.isEmpty()) {
                    List<LdifRecords.Raw> work = chunk;
                    putOrdered(ordered, pool.submit(() -> prepareAll(work, suffixNorm, loader)));
                }
            } finally {
                putOrdered(ordered, end);
                try {
                    feederThread.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                pool.shutdownNow();
            }
            Throwable f = feeder.failure;
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
        progress.finished(feeder.read, elapsed);
        List<ImportReport.Rejection> sorted = new ArrayList<>(rejections);
        sorted.sort((a, b) -> Long.compare(a.line(), b.line()));
        return new ImportReport(feeder.read, added, rejected.get(), sorted, elapsed);
    }

    private static final int CHUNK = 256;

    /**
     * What became of one record: an entry to store, or a rejection, or a syntax error that ends
     * the import; {@code change} tells a change record from a content record (null when the
     * record did not parse).
     */
    private record Outcome(long line, Boolean change, LmdbBulkLoader.Prepared prepared, ImportReport.Rejection rejection,
            boolean stop) {
        static Outcome syntaxError(long line, String message) {
            return new Outcome(line, null, null, new ImportReport.Rejection(line, "",
                    "LDIF syntax error, import stopped here: " + message), true);
        }
    }

    private static List<Outcome> with(List<Outcome> outcomes, Outcome last) {
        outcomes.add(last);
        return outcomes;
    }

    /**
     * Takes the prepared chunks in file order and feeds the bulk loader. A syntax error ends the
     * import: what follows it is dropped, and so is a record of the other kind once the file
     * has shown whether it holds content or change records (RFC 2849 §2 allows one kind per file).
     */
    private static final class Feeder implements Runnable {
        private final BlockingQueue<Future<List<Outcome>>> ordered;
        private final Future<List<Outcome>> end;
        private final LmdbBulkLoader loader;
        private final List<ImportReport.Rejection> rejections;
        private final AtomicLong rejected;
        private volatile boolean stop;
        volatile Throwable failure;
        /** Records parsed, up to a syntax error. */
        volatile long read;
        private Boolean kind;

        Feeder(BlockingQueue<Future<List<Outcome>>> ordered, Future<List<Outcome>> end, LmdbBulkLoader loader,
                List<ImportReport.Rejection> rejections, AtomicLong rejected) {
            this.ordered = ordered;
            this.end = end;
            this.loader = loader;
            this.rejections = rejections;
            this.rejected = rejected;
        }

        /** True once nothing more will be stored (syntax error or failure): stop reading. */
        boolean stopped() {
            return stop;
        }

        @Override
        public void run() {
            try {
                while (true) {
                    Future<List<Outcome>> f = ordered.take();
                    if (f == end) {
                        return;
                    }
                    List<Outcome> chunk = f.get();
                    if (!stop) {
                        feed(chunk);
                    }
                }
            } catch (Throwable t) {
                failure = t instanceof ExecutionException ee ? ee.getCause() : t;
                stop = true;
                ordered.clear();
            }
        }

        private void feed(List<Outcome> chunk) throws LdapException {
            for (Outcome o : chunk) {
                if (o.change() != null) {
                    if (kind == null) {
                        kind = o.change();
                    } else if (!kind.equals(o.change())) {
                        o = Outcome.syntaxError(o.line(), "a file holds either content records or change records"
                                + " (this one is a " + (o.change() ? "change" : "content") + " record)");
                    }
                }
                if (!o.stop()) {
                    read++;
                }
                if (o.rejection() != null) {
                    reject(rejections, rejected, o.rejection().line(), o.rejection().dn(), o.rejection().reason());
                }
                if (o.stop()) {
                    stop = true;
                    return;
                }
                if (o.prepared() != null) {
                    loader.add(o.prepared());
                }
            }
        }
    }

    private static <T> void putOrdered(BlockingQueue<T> q, T item) throws LdapException {
        try {
            q.put(item);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LdapOtherException("import interrupted");
        }
    }

    private List<Outcome> prepareAll(List<LdifRecords.Raw> records, String suffixNorm, LmdbBulkLoader loader) {
        RecordParser parser = parser();
        List<Outcome> out = new ArrayList<>(records.size() + 1);
        for (LdifRecords.Raw r : records) {
            RecordParser.Parsed record;
            try {
                record = parser.parse(r.lines());
            } catch (RecordParser.UnknownDnTypeException e) {
                out.add(rejected(r.line(), null, "", "schema violation: " + e.getMessage()));
                continue;
            } catch (LdapException | RuntimeException e) {
                out.add(Outcome.syntaxError(r.line(), e.getMessage() == null ? e.toString() : e.getMessage()));
                break; // nothing after a syntax error is imported
            }
            out.add(prepare(record, r.line(), suffixNorm, loader));
        }
        return out;
    }

    /** One parser per worker thread (the API's parser keeps state while it parses). */
    private RecordParser parser() {
        RecordParser p = parsers.get();
        if (p == null) {
            p = new RecordParser(values.schema());
            parsers.set(p);
        }
        return p;
    }

    private final ThreadLocal<RecordParser> parsers = new ThreadLocal<>();

    /** The record as an entry ready to store, or why not. */
    private Outcome prepare(RecordParser.Parsed parsed, long line, String suffixNorm, LmdbBulkLoader loader) {
        LdifEntry record = parsed.header();
        Boolean change = record.isLdifContent() ? Boolean.FALSE : Boolean.TRUE;
        Dn dn = record.getDn();
        String dnText = dn == null ? "" : dn.getName();
        if (!(record.isEntry() || record.isChangeAdd())) {
            return rejected(line, change, dnText, "not an entry or add record (changetype: "
                    + record.getChangeType().toString().toLowerCase(Locale.ROOT) + ")");
        }
        for (String description : parsed.descriptions()) {
            try {
                values.attributeType(description);
            } catch (LdapException e) {
                return rejected(line, change, dnText, "unknown attribute type '" + description + "'");
            }
        }
        try {
            String norm = dn.getNormName();
            if (!norm.equals(suffixNorm) && !norm.endsWith("," + suffixNorm)) {
                return rejected(line, change, dnText, "outside the suffix");
            }
            // As the server makes an Add request's entry: values syntax-checked and normalised,
            // a value or attribute given twice refused.
            Entry entry = values.entry(dn, parsed.descriptions(), parsed.values());
            validator.validate(entry);
            entry = operational.apply(entry);
            return new Outcome(line, change, loader.prepare(entry, line), null, false);
        } catch (LdapException | RuntimeException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage();
            return rejected(line, change, dnText, msg.startsWith("schema violation") ? msg : "schema violation: " + msg);
        }
    }

    private static Outcome rejected(long line, Boolean change, String dn, String reason) {
        return new Outcome(line, change, null, new ImportReport.Rejection(line, dn, reason), false);
    }

    private static void reject(List<ImportReport.Rejection> rejections, AtomicLong count, long line, String dn,
            String reason) {
        if (count.incrementAndGet() <= MAX_LISTED_REJECTIONS) {
            rejections.add(new ImportReport.Rejection(line, dn, reason));
        }
    }
}
