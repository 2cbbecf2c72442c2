package dev.herald.ldap.settings;

import java.time.Duration;

/**
 * Resource limits. PDU sizes and BER nesting depth are enforced by the framer before any
 * decoding; outstanding requests per connection by pausing reads; size, time and unindexed
 * scan limits apply to searches by everyone except the administrator (like slapd's rootdn).
 *
 * @param maxPduAnonymous largest LDAP message accepted before a successful bind (bytes)
 * @param maxPduBound largest LDAP message accepted on a bound connection (bytes)
 * @param maxBerDepth deepest nesting of constructed BER elements in one message
 * @param maxOutstandingPerConnection requests in progress on one connection before reading pauses
 * @param maxConnections open connections across all listeners
 * @param idleTimeout a connection with nothing in progress is closed after this; zero disables
 * @param sizeLimit most entries one search returns (0 = unlimited)
 * @param timeLimit longest a search may run (zero = unlimited)
 * @param unindexedSearchLimit most entries one search may examine without an index
 * @param workerThreads threads that run operations
 * @param workerQueue operations waiting for a worker before new ones get "busy"
 * @param maxPagedSearchesPerConnection paged-results searches one connection may keep open
 */
public record Limits(
        int maxPduAnonymous,
        int maxPduBound,
        int maxBerDepth,
        int maxOutstandingPerConnection,
        int maxConnections,
        Duration idleTimeout,
        int sizeLimit,
        Duration timeLimit,
        long unindexedSearchLimit,
        int workerThreads,
        int workerQueue,
        int maxPagedSearchesPerConnection) {

    public Limits {
        positive("maxPduAnonymous", maxPduAnonymous);
        positive("maxPduBound", maxPduBound);
        positive("maxBerDepth", maxBerDepth);
        positive("maxOutstandingPerConnection", maxOutstandingPerConnection);
        positive("maxConnections", maxConnections);
        positive("workerThreads", workerThreads);
        positive("workerQueue", workerQueue);
        positive("maxPagedSearchesPerConnection", maxPagedSearchesPerConnection);
        positive("unindexedSearchLimit", unindexedSearchLimit);
        if (sizeLimit < 0) {
            throw new IllegalArgumentException("sizeLimit must not be negative");
        }
        if (idleTimeout.isNegative() || timeLimit.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
        if (maxPduAnonymous > maxPduBound) {
            throw new IllegalArgumentException("maxPduAnonymous must not exceed maxPduBound");
        }
    }

    private static void positive(String name, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1");
        }
    }

    /** The defaults: 64 KiB / 2 MiB PDUs, depth 100, 64 outstanding, 500 entries, one hour. */
    public static Limits defaults() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new Limits(64 * 1024, 2 * 1024 * 1024, 100, 64, 4096, Duration.ofMinutes(15), 500,
                Duration.ofHours(1), 100_000, Math.max(4, 2 * cores), 10_000, 8);
    }

    public Limits withMaxPdu(int anonymous, int bound) {
        return new Limits(anonymous, bound, maxBerDepth, maxOutstandingPerConnection, maxConnections, idleTimeout,
                sizeLimit, timeLimit, unindexedSearchLimit, workerThreads, workerQueue, maxPagedSearchesPerConnection);
    }

    public Limits withMaxOutstandingPerConnection(int n) {
        return new Limits(maxPduAnonymous, maxPduBound, maxBerDepth, n, maxConnections, idleTimeout,
                sizeLimit, timeLimit, unindexedSearchLimit, workerThreads, workerQueue, maxPagedSearchesPerConnection);
    }

    public Limits withMaxConnections(int n) {
        return new Limits(maxPduAnonymous, maxPduBound, maxBerDepth, maxOutstandingPerConnection, n, idleTimeout,
                sizeLimit, timeLimit, unindexedSearchLimit, workerThreads, workerQueue, maxPagedSearchesPerConnection);
    }

    public Limits withIdleTimeout(Duration d) {
        return new Limits(maxPduAnonymous, maxPduBound, maxBerDepth, maxOutstandingPerConnection, maxConnections, d,
                sizeLimit, timeLimit, unindexedSearchLimit, workerThreads, workerQueue, maxPagedSearchesPerConnection);
    }

    public Limits withSearchLimits(int size, Duration time, long unindexed) {
        return new Limits(maxPduAnonymous, maxPduBound, maxBerDepth, maxOutstandingPerConnection, maxConnections,
                idleTimeout, size, time, unindexed, workerThreads, workerQueue, maxPagedSearchesPerConnection);
    }

    public Limits withWorkers(int threads, int queue) {
        return new Limits(maxPduAnonymous, maxPduBound, maxBerDepth, maxOutstandingPerConnection, maxConnections,
                idleTimeout, sizeLimit, timeLimit, unindexedSearchLimit, threads, queue, maxPagedSearchesPerConnection);
    }
}
