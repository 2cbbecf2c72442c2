package dev.herald.config.model;

import java.nio.file.Path;
import java.util.Objects;

/** Where the access log (one line per operation result) goes: nowhere, standard output, or a file. */
public sealed interface AccessLog {

    /** No access log. */
    record Off() implements AccessLog {}

    /** Lines go to standard output ({@code "-"} in the file). */
    record Stdout() implements AccessLog {}

    /** Lines are appended to a file. */
    record ToFile(Path path) implements AccessLog {
        public ToFile {
            Objects.requireNonNull(path, "path");
        }
    }
}
