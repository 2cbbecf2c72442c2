package dev.herald.sasl.mapping;

import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * Settings every mapper has.
 *
 * @param name        a label for logs and the explain command (letters, digits, {@code . _ -},
 *                    at most 64 characters)
 * @param issuer      when present, the mapper only applies to chains in which this CA
 *                    certificate appears above the leaf (see {@link dev.herald.sasl.cert.IssuerCa})
 * @param whenNoEntry what to do when the mapper applies but finds no entry
 */
public record MapperOptions(String name, Optional<X509Certificate> issuer, WhenNoEntry whenNoEntry) {
    public MapperOptions {
        if (name == null || !name.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("mapper name '" + name
                    + "' must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
        if (issuer == null || whenNoEntry == null) {
            throw new IllegalArgumentException("mapper " + name + ": issuer and whenNoEntry must not be null");
        }
    }

    /** A mapper for any issuer that tries the next mapper when it finds nothing. */
    public static MapperOptions named(String name) {
        return new MapperOptions(name, Optional.empty(), WhenNoEntry.TRY_NEXT);
    }

    /** The same options restricted to chains through {@code ca}. */
    public MapperOptions issuedBy(X509Certificate ca) {
        return new MapperOptions(name, Optional.of(ca), whenNoEntry);
    }

    /** The same options with another no-entry behaviour. */
    public MapperOptions whenNoEntry(WhenNoEntry w) {
        return new MapperOptions(name, issuer, w);
    }
}
