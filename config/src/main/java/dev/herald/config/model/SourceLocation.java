package dev.herald.config.model;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a value came from: the configuration file, the 1-based line and column of the YAML node,
 * and the key path in dotted form (for example {@code tls.credentials[0].key}). Kept on the
 * parts of the model whose problems only show up later (a listener's port already in use, a
 * mapper that never matches), so the server can still point the administrator at the line to
 * change. A line of 0 means the position is unknown (the value was a default).
 */
public record SourceLocation(Path file, int line, int column, String keyPath) {

    public SourceLocation {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(keyPath, "keyPath");
    }

    /** The same place, named by another key path (for a key that is missing under a mapping). */
    public SourceLocation withKeyPath(String otherKeyPath) {
        return new SourceLocation(file, line, column, otherKeyPath);
    }

    /** {@code file:line:column} as compilers print it, so editors can jump there. */
    public String position() {
        if (line <= 0) {
            return file.toString();
        }
        return file + ":" + line + ":" + column;
    }

    @Override
    public String toString() {
        return keyPath.isEmpty() ? position() : position() + " (" + keyPath + ")";
    }
}
