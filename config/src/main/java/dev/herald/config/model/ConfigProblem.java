package dev.herald.config.model;

import java.util.Objects;

/**
 * One thing wrong (or worth a warning) in a configuration: where it is, what is wrong, and how
 * to fix it. The three parts are kept apart so tests and tools can look at each; {@link
 * #format()} joins them into the text an administrator reads.
 */
public record ConfigProblem(SourceLocation location, String problem, String fix) {

    public ConfigProblem {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(fix, "fix");
    }

    /**
     * {@code /etc/herald/config.yaml:12:10: tls.credentials[0].key: <problem>} and, on the
     * next line, {@code   fix: <fix>}.
     */
    public String format() {
        StringBuilder sb = new StringBuilder(location.position()).append(": ");
        if (!location.keyPath().isEmpty()) {
            sb.append(location.keyPath()).append(": ");
        }
        sb.append(problem);
        if (!fix.isEmpty()) {
            sb.append(System.lineSeparator()).append("  fix: ").append(fix);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return format();
    }
}
