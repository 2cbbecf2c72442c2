package dev.herald.config.model;

import java.util.Objects;

/** SASL: the EXTERNAL mechanism's mappers and the authorization-identity policy. */
public record SaslSettings(ExternalSettings external, AuthzSettings authz) {

    public static final SaslSettings DEFAULTS = new SaslSettings(ExternalSettings.NONE, AuthzSettings.NONE);

    public SaslSettings {
        Objects.requireNonNull(external, "external");
        Objects.requireNonNull(authz, "authz");
    }
}
