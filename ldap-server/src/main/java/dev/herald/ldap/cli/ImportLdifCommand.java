package dev.herald.ldap.cli;

import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.lmdbjava.Meta;

import dev.herald.ldap.backend.lmdb.IndexKind;
import dev.herald.ldap.backend.lmdb.IndexSpec;
import dev.herald.ldap.backend.lmdb.LmdbBackend;
import dev.herald.ldap.backend.lmdb.LmdbOptions;
import dev.herald.ldap.tools.EntryValidator;
import dev.herald.ldap.tools.ImportReport;
import dev.herald.ldap.tools.LdifImporter;
import dev.herald.ldap.tools.OperationalAttributes;
import dev.herald.ldap.tools.ProgressBar;
import dev.herald.ldap.tools.ProgressListener;
import dev.herald.ldap.tools.StandardSchema;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code import-ldif}: loads LDIF into a data folder while no server runs on it (slapadd's job).
 * Exit code 0 when every record was added, 2 when some were rejected (listed on stderr with
 * their line numbers), 1 on failure. The schema and the two hooks are injectable so the server's
 * command tree can pass the directory layer's schema, checker and operational attributes.
 * Started from a {@code main} method, the import runs in a child JVM with tool-friendly options
 * unless {@code --in-process} is given (see {@link ImportJvm}).
 */
@Command(name = "import-ldif", mixinStandardHelpOptions = true,
        description = "Import LDIF into a Herald LMDB data folder (offline; the folder may be empty or not).")
public final class ImportLdifCommand implements Callable<Integer> {

    @Option(names = {"-d", "--data"}, required = true, description = "data folder")
    Path data;

    @Option(names = {"-b", "--suffix"}, description = "naming context; default: the one stored in the folder")
    String suffix;

    @Option(names = "--index", paramLabel = "ATTR:KINDS",
            description = "extra index, e.g. employeeNumber:eq or userCertificate:eq,pres (kinds: eq, pres, sub)")
    List<String> extraIndexes = new ArrayList<>();

    @Option(names = "--batch-size", defaultValue = "10000", description = "entries per write transaction (default ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--map-size", defaultValue = "1024", description = "initial map size in MiB for a new folder (default ${DEFAULT-VALUE}); grows as needed")
    long mapSizeMib;

    @Option(names = "--creator", defaultValue = "cn=import", description = "DN recorded as creatorsName / modifiersName")
    String creator;

    @Option(names = "--no-progress", description = "no progress bar on stderr")
    boolean noProgress;

    @Option(names = ImportJvm.IN_PROCESS, description = "run in this JVM; by default the import runs in a child JVM"
            + " with -XX:TieredStopAtLevel=1 -XX:+UseParallelGC (less compilation for a short batch job), unless"
            + " the JVM was given compiler or collector options")
    boolean inProcess;

    @Parameters(index = "0", paramLabel = "LDIF", description = "LDIF file, or - for standard input")
    String ldif;

    private final Supplier<SchemaManager> schema;
    private final Function<SchemaManager, EntryValidator> validators;
    private final OperationalFactory operational;

    /** Creates operational-attribute hooks for a schema and creator DN. */
    @FunctionalInterface
    public interface OperationalFactory {
        OperationalAttributes create(SchemaManager schema, String creator) throws Exception;
    }

    /** The server's schema and the directory layer's checks and operational attributes. */
    public ImportLdifCommand() {
        this(StandardSchema::load, LdifImporter::schemaChecks,
                (sm, creator) -> LdifImporter.serverOperationalAttributes(
                        new org.apache.directory.api.ldap.model.name.Dn(sm, creator), java.time.Clock.systemUTC()));
    }

    /** With the server's schema and the directory layer's hooks. */
    public ImportLdifCommand(Supplier<SchemaManager> schema, Function<SchemaManager, EntryValidator> validators,
            OperationalFactory operational) {
        this.schema = schema;
        this.validators = validators;
        this.operational = operational;
    }

    @Override
    public Integer call() throws Exception {
        PrintStream err = System.err;
        ImportJvm.stopWithParent();
        // Start-up on both cores: the schema loads (about half a second of parsing) while this
        // thread binds LMDB's native library (jnr-ffi generates its stubs, a few tenths more).
        CompletableFuture<SchemaManager> loading = CompletableFuture.supplyAsync(schema);
        Meta.version();
        SchemaManager sm;
        try {
            sm = loading.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        }
        String sfx = suffix != null ? suffix : LmdbBackend.storedSuffix(data);
        if (sfx == null) {
            err.println("import-ldif: " + data + " is a new data folder; give its naming context with --suffix");
            return 1;
        }
        List<IndexSpec> indexes = new ArrayList<>(IndexSpec.defaults());
        for (String spec : extraIndexes) {
            indexes.add(parseIndex(spec));
        }
        LmdbOptions options = LmdbOptions.builder(data, sfx).initialMapSize(mapSizeMib << 20).indexes(indexes)
                .build().asBulk();
        ProgressListener progress = noProgress ? ProgressListener.NONE : new ProgressBar(err, System.console() != null);
        ImportReport report;
        try (LmdbBackend backend = new LmdbBackend(sm, options)) {
            LdifImporter importer = new LdifImporter(sm).validator(validators.apply(sm))
                    .operationalAttributes(operational.create(sm, creator)).progress(progress).batchSize(batchSize);
            if ("-".equals(ldif)) {
                Reader in = new InputStreamReader(System.in, StandardCharsets.UTF_8);
                report = importer.importFrom(in, -1, backend);
            } else {
                report = importer.importFile(Path.of(ldif), backend);
            }
        }
        err.print(report.summary());
        return report.rejectedCount() == 0 ? 0 : 2;
    }

    /** Parses {@code attr:eq,pres,sub}. */
    static IndexSpec parseIndex(String spec) {
        int colon = spec.indexOf(':');
        if (colon <= 0) {
            throw new CommandLine.ParameterException(new CommandLine(new ImportLdifCommand()),
                    "--index wants ATTR:KINDS, e.g. mail:eq,sub; got '" + spec + "'");
        }
        Set<IndexKind> kinds = EnumSet.noneOf(IndexKind.class);
        for (String k : spec.substring(colon + 1).split(",")) {
            switch (k.trim().toLowerCase(Locale.ROOT)) {
                case "eq" -> kinds.add(IndexKind.EQUALITY);
                case "pres" -> kinds.add(IndexKind.PRESENCE);
                case "sub" -> kinds.add(IndexKind.SUBSTRING);
                default -> throw new CommandLine.ParameterException(new CommandLine(new ImportLdifCommand()),
                        "unknown index kind '" + k + "' in '" + spec + "' (use eq, pres, sub)");
            }
        }
        return new IndexSpec(spec.substring(0, colon), kinds);
    }

    public static void main(String[] args) {
        int code = ImportJvm.runInChildIfUseful(ImportLdifCommand.class, args, List.of(args));
        System.exit(code >= 0 ? code : new CommandLine(new ImportLdifCommand()).execute(args));
    }
}
