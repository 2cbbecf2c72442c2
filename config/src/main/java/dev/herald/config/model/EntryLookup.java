package dev.herald.config.model;

import java.util.Objects;

/**
 * How a mapper finds the entry for a value taken from a certificate: an equality search for
 * {@code attribute=<value>} under {@code base} with {@code scope}. The value is escaped
 * (RFC 4515 §3) by the SASL module before it enters the filter.
 */
public record EntryLookup(String attribute, String base, SearchScope scope) {

    public EntryLookup {
        Objects.requireNonNull(attribute, "attribute");
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(scope, "scope");
    }
}
