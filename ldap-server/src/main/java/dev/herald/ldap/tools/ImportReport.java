package dev.herald.ldap.tools;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What an LDIF import did: records read, entries added, the rejected ones (each with its LDIF
 * line and reason; the list keeps the first {@link LdifImporter#MAX_LISTED_REJECTIONS}) and the
 * time taken.
 */
public record ImportReport(long read, long added, long rejectedCount, List<Rejection> rejections, Duration elapsed) {

    /** One record that was not imported. */
    public record Rejection(long line, String dn, String reason) {
        @Override
        public String toString() {
            return "line " + line + ": " + dn + ": " + reason;
        }
    }

    public ImportReport {
        rejections = List.copyOf(rejections);
    }

    public double entriesPerSecond() {
        double s = elapsed.toNanos() / 1e9;
        return s <= 0 ? added : added / s;
    }

    /** A short human summary, rejections listed one per line. */
    public String summary() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "%d entries added, %d rejected, %d records read in %.1f s (%.0f entries/s)%n", added, rejectedCount, read,
                elapsed.toNanos() / 1e9, entriesPerSecond()));
        for (Rejection r : rejections) {
            sb.append("  rejected ").append(r).append(System.lineSeparator());
        }
        if (rejectedCount > rejections.size()) {
            sb.append("  ... and ").append(rejectedCount - rejections.size()).append(" more").append(System.lineSeparator());
        }
        return sb.toString();
    }
}
