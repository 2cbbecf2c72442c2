package dev.herald.config.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * A secret value read from an environment variable, a file or the configuration itself. Its
 * {@link #toString()} names only where it came from, never the value, so secrets do not leak
 * into logs or error messages.
 */
public final class Secret {

    private final char[] value;
    private final String origin;

    public Secret(char[] value, String origin) {
        this.value = value.clone();
        this.origin = Objects.requireNonNull(origin, "origin");
    }

    /** A copy of the value; the caller should clear it after use. */
    public char[] reveal() {
        return value.clone();
    }

    /** Where the value came from, e.g. {@code env HERALD_KEY_PASSWORD} or {@code file /etc/x}. */
    public String origin() {
        return origin;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && Arrays.equals(value, s.value) && origin.equals(s.origin);
    }

    @Override
    public int hashCode() {
        return origin.hashCode();
    }

    @Override
    public String toString() {
        return "Secret[from " + origin + "]";
    }
}
