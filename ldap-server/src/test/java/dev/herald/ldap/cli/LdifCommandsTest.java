package dev.herald.ldap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.herald.ldap.backend.lmdb.TestSchema;
import dev.herald.ldap.tools.TestLdif;
import picocli.CommandLine;

class LdifCommandsTest {
    @TempDir
    Path tmp;

    int run(Object command, ByteArrayOutputStream err, String... args) {
        PrintStream old = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return new CommandLine(command).execute(args);
        } finally {
            System.setErr(old);
        }
    }

    @Test
    void importThenExportThroughTheCommands() throws Exception {
        Path ldif = tmp.resolve("in.ldif");
        TestLdif.write(ldif, 300);
        Path data = tmp.resolve("data");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ImportLdifCommand imp = new ImportLdifCommand();
        assertThat(run(imp, err, "--data", data.toString(), "--suffix", "dc=example,dc=com",
                "--index", "employeeNumber:eq", "--no-progress", ldif.toString())).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains((TestLdif.entries(300)) + " entries added, 0 rejected");

        // a second import into the now existing folder finds the suffix itself and reports clashes
        Path more = tmp.resolve("more.ldif");
        Files.writeString(more, "dn: ou=people,dc=example,dc=com\nobjectClass: organizationalUnit\nou: people\n");
        err.reset();
        assertThat(run(new ImportLdifCommand(TestSchema::get, dev.herald.ldap.tools.LdifImporter::schemaChecks,
                (sm, c) -> dev.herald.ldap.tools.OperationalAttributes.none()), err,
                "-d", data.toString(), "--no-progress", more.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("line 1: ou=people,dc=example,dc=com", "already exists");

        Path out = tmp.resolve("out.ldif");
        err.reset();
        assertThat(run(new ExportLdifCommand(TestSchema::get), err, "-d", data.toString(), "-o", out.toString())).isZero();
        assertThat(Files.readString(out)).contains("dn: uid=user299,ou=people,dc=example,dc=com");
        assertThat(Files.readAllLines(out).stream().filter(l -> l.startsWith("dn: ")).count())
                .isEqualTo(TestLdif.entries(300));
    }

    @Test
    void aNewFolderNeedsASuffixAndBadIndexSpecsAreRefused() throws Exception {
        Path ldif = tmp.resolve("in.ldif");
        TestLdif.write(ldif, 1);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(run(new ImportLdifCommand(TestSchema::get, dev.herald.ldap.tools.LdifImporter::schemaChecks,
                (sm, c) -> dev.herald.ldap.tools.OperationalAttributes.none()), err,
                "-d", tmp.resolve("new").toString(), ldif.toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--suffix");
        err.reset();
        assertThat(run(new ImportLdifCommand(), err, "-d", tmp.resolve("new").toString(), "-b", "dc=example,dc=com",
                "--index", "mail:fuzzy", ldif.toString())).isNotZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown index kind 'fuzzy'");
        assertThat(run(new ExportLdifCommand(TestSchema::get), err, "-d", tmp.resolve("none").toString())).isEqualTo(1);
    }
}
