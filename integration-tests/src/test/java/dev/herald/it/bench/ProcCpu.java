package dev.herald.it.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process's CPU time from {@code /proc/PID/stat}: utime + stime (fields 14 and 15, all threads),
 * in clock ticks. Linux's USER_HZ is 100 on every common build (getconf CLK_TCK).
 */
final class ProcCpu {
    static final int TICKS_PER_SECOND = 100;

    private ProcCpu() {}

    /** utime + stime of {@code pid} in ticks; 0 for pid 0 (no server to watch). */
    static long ticks(long pid) {
        if (pid == 0) {
            return 0;
        }
        try {
            return parse(Files.readString(Path.of("/proc", String.valueOf(pid), "stat")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CPU time of process " + pid, e);
        }
    }

    /** utime + stime from the text of a {@code /proc/PID/stat} file (proc(5)). */
    static long parse(String stat) {
        // the command name (field 2) is in parentheses and may hold spaces and ')': count after the last ')'
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    static double seconds(long ticks) {
        return ticks / (double) TICKS_PER_SECOND;
    }
}
