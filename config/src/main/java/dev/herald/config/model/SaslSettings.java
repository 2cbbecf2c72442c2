package dev.herald.config.model;

import java.util.Objects;
import java.util.Optional;

/**
 * SASL: the EXTERNAL mechanism's mappers, the authorization-identity policy, and how a
 * {@code u:} authorization identity (RFC 4513 §5.2.1.8) names an entry: the single entry under
 * {@code usernames.base()} whose {@code usernames.attribute()} equals the user id. Without
 * {@code usernames}, {@code u:} authzIds are refused.
 */
public record SaslSettings(ExternalSettings external, AuthzSettings authz, Optional<EntryLookup> usernames) {

    public static final SaslSettings DEFAULTS = new SaslSettings(ExternalSettings.NONE, AuthzSettings.NONE, Optional.empty());

    public SaslSettings {
        Objects.requireNonNull(external, "external");
        Objects.requireNonNull(authz, "authz");
        Objects.requireNonNull(usernames, "usernames");
    }

    /** Without a username mapping. */
    public SaslSettings(ExternalSettings external, AuthzSettings authz) {
        this(external, authz, Optional.empty());
    }
}
