package dev.herald.ldap.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;

import dev.herald.ldap.cli.ImportLdifCommand;
import picocli.CommandLine;

/**
 * Benchmark (not a test): runs {@code import-ldif} of one LDIF several times in one JVM, into a
 * fresh folder each time, and prints wall and process CPU seconds per run: the first run pays
 * for JIT compilation, the later ones show the steady state. Usage:
 * {@code RepeatImportBench LDIF [RUNS]}.
 */
public final class RepeatImportBench {
    private RepeatImportBench() {}

    public static void main(String[] args) throws Exception {
        Path ldif = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int i = 0; i < runs; i++) {
            Path dir = Files.createTempDirectory("repeat-import");
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            int rc = new CommandLine(new ImportLdifCommand()).execute("-d", dir.toString(), "-b", "dc=example,dc=com",
                    "--no-progress", ldif.toString());
            long t1 = System.nanoTime();
            long cpu1 = os.getProcessCpuTime();
            System.out.printf(Locale.ROOT, "run %d: exit %d  wall %.2f s  cpu %.2f s%n", i, rc, (t1 - t0) / 1e9, (cpu1 - cpu0) / 1e9);
            try (var s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
