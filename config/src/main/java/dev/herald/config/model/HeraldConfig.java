package dev.herald.config.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole, validated server configuration as loaded from one YAML file: every default
 * applied, every path resolved, every certificate and key read and checked. Nothing in it needs
 * checking again; the server maps it onto the TLS engine, the SASL mappers and its own settings.
 * {@code tls} is empty when the file has no {@code tls} section (then StartTLS answers
 * unavailable and no LDAPS listener may exist). {@code warnings} lists what was accepted but
 * looks wrong; the server logs them at start.
 */
public record HeraldConfig(
        Path source,
        Listeners listeners,
        Optional<TlsSettings> tls,
        DirectorySettings directory,
        SaslSettings sasl,
        SecuritySettings security,
        Limits limits,
        LoggingSettings logging,
        List<ConfigProblem> warnings) {

    public HeraldConfig {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(listeners, "listeners");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(sasl, "sasl");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(logging, "logging");
        warnings = List.copyOf(warnings);
    }
}
