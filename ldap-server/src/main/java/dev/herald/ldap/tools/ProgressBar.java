package dev.herald.ldap.tools;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * A one-line progress bar with entries per second, redrawn in place on a terminal
 * ({@code \r}) at most a few times a second; without a terminal, a plain line every few seconds.
 */
public final class ProgressBar implements ProgressListener {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final boolean terminal;
    private long lastDraw;

    public ProgressBar(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public void progress(long entries, long charsRead, long totalChars, Duration elapsed) {
        long now = System.nanoTime();
        long every = terminal ? 200_000_000L : 5_000_000_000L;
        if (now - lastDraw < every) {
            return;
        }
        lastDraw = now;
        out.print(line(entries, charsRead, totalChars, elapsed) + (terminal ? "\r" : System.lineSeparator()));
        out.flush();
    }

    @Override
    public void finished(long entries, Duration elapsed) {
        out.print(line(entries, 1, 1, elapsed) + System.lineSeparator());
        out.flush();
    }

    static String line(long entries, long charsRead, long totalChars, Duration elapsed) {
        double secs = Math.max(elapsed.toNanos() / 1e9, 1e-9);
        String rate = String.format(Locale.ROOT, "%,d entries  %,.0f entries/s  %.1fs", entries, entries / secs, secs);
        if (totalChars <= 0) {
            return rate;
        }
        double f = Math.min(1.0, (double) charsRead / totalChars);
        int filled = (int) Math.round(f * WIDTH);
        return String.format(Locale.ROOT, "[%s%s] %3.0f%%  %s", "#".repeat(filled), " ".repeat(WIDTH - filled), f * 100, rate);
    }
}
