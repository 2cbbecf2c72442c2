package dev.herald.ldap.directory;

/**
 * A limit on the candidate entries a search may examine, set for the current thread by a caller
 * that can only afford a small search there — the server trying a search on a connection's
 * event loop. {@link DirectoryService#search} checks it before it delivers anything: a search of
 * one entry or of the root DSE is within any budget, a subtree or one-level search only when the
 * backend bounds its candidates (index counts) to the limit. Otherwise the search throws
 * {@link Exceeded} having sent nothing, and the caller runs it where it may take its time.
 * Without a budget (the default) nothing is checked.
 */
public final class CandidateBudget {

    private static final ThreadLocal<long[]> LIMIT = ThreadLocal.withInitial(() -> new long[] {-1});

    private CandidateBudget() {}

    /** Sets the limit for searches on this thread until {@link #clear}. */
    public static void limit(long maxCandidates) {
        if (maxCandidates < 0) {
            throw new IllegalArgumentException("negative budget");
        }
        LIMIT.get()[0] = maxCandidates;
    }

    /** Removes this thread's limit. */
    public static void clear() {
        LIMIT.get()[0] = -1;
    }

    /** This thread's limit, or -1 for none. */
    static long current() {
        return LIMIT.get()[0];
    }

    /** A search is over this thread's budget; nothing of it was delivered. */
    public static final class Exceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Exceeded() {
            super("search over this thread's candidate budget", null, false, false);
        }
    }
}
