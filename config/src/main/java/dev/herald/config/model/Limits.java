package dev.herald.config.model;

import java.time.Duration;
import java.util.Objects;

/**
 * Resource limits. PDU sizes are in bytes (the framer rejects a longer LDAP message before
 * decoding it; the anonymous limit applies until a bind succeeds). {@code sizeLimit} and
 * {@code timeLimit} cap every search (0 / zero = no server cap, as in RFC 4511 §4.5.1).
 * {@code idleTimeout} zero means connections never time out.
 */
public record Limits(
        int maxPduBytes,
        int maxPduBytesAnonymous,
        int sizeLimit,
        Duration timeLimit,
        int maxConnections,
        Duration idleTimeout,
        int maxOutstandingPerConnection) {

    public static final Limits DEFAULTS = new Limits(
            2 * 1024 * 1024, 64 * 1024, 1000, Duration.ofSeconds(60), 10_000, Duration.ofMinutes(15), 10_000);

    public Limits {
        Objects.requireNonNull(timeLimit, "timeLimit");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
    }
}
