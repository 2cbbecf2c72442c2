package dev.herald.ldap.cli;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code import-ldif} in a child JVM made for a short batch job: the C1 compiler only
 * ({@code -XX:TieredStopAtLevel=1}) and the Parallel collector. An import of 100,000 entries
 * lasts a few seconds, which the default JVM spends largely compiling with C2 and running G1's
 * concurrent machinery (measured: about 40 % of its CPU time on 2 cores; docs/benchmarks.md);
 * the child does the same work with far less. The child is the same {@code java} binary with
 * the same class path, main class, arguments and JVM options (debugging and recording agents
 * left out), inherits standard input, output and error, so its progress bar, summary and exit
 * code are the command's; the parent only waits and passes the exit code on. A parent that is
 * stopped (Ctrl-C, SIGTERM) stops the child; a child whose parent vanishes stops itself.
 *
 * <p>Not used when the command says {@code --in-process}, when the JVM was given compiler or
 * collector options (the user tuned it), for help and version requests, or inside the child.
 */
public final class ImportJvm {
    /** System property marking the child; its value is the parent's process id. */
    static final String CHILD_PROPERTY = "herald.import.child";
    /** The command's option that keeps the import in the JVM it was started in. */
    static final String IN_PROCESS = "--in-process";
    /** The child's JVM options for a short batch job. */
    static final List<String> TOOL_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseParallelGC");
    /** lmdbjava needs these on Java 17 (the runnable jar's manifest says so only for -jar). */
    static final List<String> OPENS = List.of("--add-opens", "java.base/java.nio=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED");

    private ImportJvm() {}

    /**
     * Runs the import in a child JVM when that pays off and returns its exit code; -1 when the
     * import should run in this JVM.
     *
     * @param mainClass the entry point the child starts (this process's)
     * @param args all of this process's arguments, passed on unchanged
     * @param commandArgs the import command's own arguments (after the subcommand name, if any)
     */
    static int runInChildIfUseful(Class<?> mainClass, String[] args, List<String> commandArgs) {
        List<String> jvmArgs = ManagementFactory.getRuntimeMXBean().getInputArguments();
        if (!useChild(commandArgs, jvmArgs, System.getProperty(CHILD_PROPERTY) != null)) {
            return -1;
        }
        List<String> command = command(javaBinary(), jvmArgs, System.getProperty("java.class.path"),
                mainClass.getName(), List.of(args), ProcessHandle.current().pid());
        ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
        // Options from these variables are among this JVM's input arguments, passed on above;
        // the child would otherwise apply them twice and print their "Picked up" notes again.
        pb.environment().remove("JDK_JAVA_OPTIONS");
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        try {
            return run(pb);
        } catch (IOException e) {
            // No child to be had (e.g. the java binary is gone): do the work here.
            return -1;
        }
    }

    /** Whether to hand the import to a child JVM. */
    static boolean useChild(List<String> commandArgs, List<String> jvmArgs, boolean insideChild) {
        if (insideChild) {
            return false;
        }
        for (String a : commandArgs) {
            if (a.equals("--")) {
                break;
            }
            if (a.equals(IN_PROCESS) || a.equals("-h") || a.equals("--help") || a.equals("-V") || a.equals("--version")) {
                return false;
            }
        }
        for (String a : jvmArgs) {
            if (a.startsWith("-XX:TieredStopAtLevel") || a.equals("-XX:-TieredCompilation") || a.equals("-Xint")
                    || a.equals("-Xcomp") || (a.startsWith("-XX:+Use") && a.endsWith("GC"))) {
                return false; // the user chose the compiler or the collector
            }
        }
        return true;
    }

    /** The child's command line. */
    static List<String> command(String java, List<String> jvmArgs, String classPath, String mainClass,
            List<String> args, long parentPid) {
        List<String> c = new ArrayList<>();
        c.add(java);
        c.addAll(TOOL_OPTIONS);
        c.addAll(OPENS);
        for (String a : jvmArgs) {
            if (!a.startsWith("-agentlib") && !a.startsWith("-agentpath") && !a.startsWith("-javaagent")
                    && !a.startsWith("-Xrun") && !a.equals("-Xdebug") && !a.startsWith("-XX:StartFlightRecording")
                    && !a.startsWith("-XX:FlightRecorderOptions")) {
                c.add(a); // heap size, -D properties, --add-opens, ...
            }
        }
        c.add("-D" + CHILD_PROPERTY + "=" + parentPid);
        c.add("-cp");
        c.add(classPath);
        c.add(mainClass);
        c.addAll(args);
        return c;
    }

    /**
     * Starts the child, stops it if this JVM is stopped first, and returns its exit code.
     * Visible for tests, which redirect the child's output instead of inheriting it.
     */
    static int run(ProcessBuilder pb) throws IOException {
        Process child = pb.start();
        Thread stopChild = new Thread(() -> stop(child), "import-ldif-stop-child");
        Runtime.getRuntime().addShutdownHook(stopChild);
        try {
            while (true) {
                try {
                    return child.waitFor();
                } catch (InterruptedException e) {
                    stop(child);
                    Thread.currentThread().interrupt();
                }
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopChild);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
    }

    /** SIGTERM, then SIGKILL if the child has not ended after a few seconds. */
    private static void stop(Process child) {
        if (!child.isAlive()) {
            return;
        }
        child.destroy();
        try {
            if (!child.waitFor(5, TimeUnit.SECONDS)) {
                child.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            child.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * In the child: ends this JVM when the parent that launched it ends first (e.g. killed with
     * SIGKILL, which leaves it no chance to stop the child). No-op outside a child.
     */
    static void stopWithParent() {
        String parent = System.getProperty(CHILD_PROPERTY);
        if (parent == null) {
            return;
        }
        Optional<ProcessHandle> p;
        try {
            p = ProcessHandle.of(Long.parseLong(parent));
        } catch (NumberFormatException e) {
            return;
        }
        if (p.isEmpty()) {
            orphaned();
        }
        p.ifPresent(h -> h.onExit().thenRun(ImportJvm::orphaned));
    }

    private static void orphaned() {
        System.err.println("import-ldif: the process that started this import ended; stopping");
        System.exit(1);
    }

    /** This JVM's java launcher. */
    private static String javaBinary() {
        Path bin = Path.of(System.getProperty("java.home"), "bin", File.separatorChar == '\\' ? "java.exe" : "java");
        if (Files.isExecutable(bin)) {
            return bin.toString();
        }
        return ProcessHandle.current().info().command().orElse("java");
    }
}
