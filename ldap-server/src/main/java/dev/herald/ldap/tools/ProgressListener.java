package dev.herald.ldap.tools;

import java.time.Duration;

/** Told about an import's progress now and then, and once at the end. */
public interface ProgressListener {
    /**
     * @param entries records processed so far
     * @param charsRead input characters consumed
     * @param totalChars input size when known (file size in bytes, close to characters), else -1
     */
    void progress(long entries, long charsRead, long totalChars, Duration elapsed);

    default void finished(long entries, Duration elapsed) {}

    ProgressListener NONE = (e, c, t, d) -> { };
}
