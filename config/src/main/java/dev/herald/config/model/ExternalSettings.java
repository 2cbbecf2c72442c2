package dev.herald.config.model;

import java.util.List;

/** SASL EXTERNAL: the certificate mappers, tried in this order. Empty means EXTERNAL never succeeds. */
public record ExternalSettings(List<CertificateMapping> mappers) {

    public static final ExternalSettings NONE = new ExternalSettings(List.of());

    public ExternalSettings {
        mappers = List.copyOf(mappers);
    }
}
