package dev.herald.ldap.cli;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import org.apache.directory.api.ldap.model.schema.SchemaManager;

import dev.herald.ldap.backend.lmdb.LmdbBackend;
import dev.herald.ldap.backend.lmdb.LmdbOptions;
import dev.herald.ldap.tools.LdifExporter;
import dev.herald.ldap.tools.StandardSchema;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code export-ldif}: writes a data folder's entries as LDIF (slapcat's job) from one consistent
 * snapshot. The folder is opened read-only, so this works while a server runs on it.
 */
@Command(name = "export-ldif", mixinStandardHelpOptions = true,
        description = "Export a Herald LMDB data folder as LDIF (a consistent snapshot; works while the server runs).")
public final class ExportLdifCommand implements Callable<Integer> {

    @Option(names = {"-d", "--data"}, required = true, description = "data folder")
    Path data;

    @Option(names = {"-o", "--output"}, description = "LDIF file to write; default: standard output")
    Path output;

    private final Supplier<SchemaManager> schema;

    /** Standalone: the bundled schema. */
    public ExportLdifCommand() {
        this(StandardSchema::load);
    }

    /** With the server's schema. */
    public ExportLdifCommand(Supplier<SchemaManager> schema) {
        this.schema = schema;
    }

    @Override
    public Integer call() throws Exception {
        String suffix = LmdbBackend.storedSuffix(data);
        if (suffix == null) {
            System.err.println("export-ldif: " + data + " holds no Herald data");
            return 1;
        }
        LmdbOptions options = LmdbOptions.builder(data, suffix).build().asReadOnly();
        long n;
        try (LmdbBackend backend = new LmdbBackend(schema.get(), options);
                Writer out = output == null
                        ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16)
                        : Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            n = LdifExporter.export(backend, out);
        }
        System.err.println(n + " entries exported");
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ExportLdifCommand()).execute(args));
    }
}
