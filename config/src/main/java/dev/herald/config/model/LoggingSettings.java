package dev.herald.config.model;

import java.util.Objects;

/** Logging: the access log's destination. */
public record LoggingSettings(AccessLog accessLog) {

    public static final LoggingSettings DEFAULTS = new LoggingSettings(new AccessLog.Stdout());

    public LoggingSettings {
        Objects.requireNonNull(accessLog, "accessLog");
    }
}
