package dev.herald.ldap.schema;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Formats instants in the Generalized Time syntax (RFC 4517 §3.3.13) the way directory
 * servers write createTimestamp and modifyTimestamp: UTC, second precision, {@code Z} suffix.
 */
public final class GeneralizedTimes {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

    private GeneralizedTimes() {}

    /** {@code 20240131235959Z} for the given instant. */
    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }
}
