package dev.herald.config.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * When a SASL bind may carry an authorization identity other than the authenticated one
 * (RFC 4513 §5.2.1.8). {@code entryAttribute} names an attribute (typically {@code authzTo}) on
 * the authenticating entry whose values are rules of the {@link AuthzRule} {@code to} syntax;
 * {@code rules} are rules from the configuration. With neither, only the mapped identity itself
 * may be asserted.
 */
public record AuthzSettings(Optional<String> entryAttribute, List<AuthzRule> rules) {

    public static final AuthzSettings NONE = new AuthzSettings(Optional.empty(), List.of());

    public AuthzSettings {
        Objects.requireNonNull(entryAttribute, "entryAttribute");
        rules = List.copyOf(rules);
    }
}
