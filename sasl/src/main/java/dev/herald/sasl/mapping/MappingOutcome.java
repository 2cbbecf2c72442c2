package dev.herald.sasl.mapping;

/** The decision of a mapper chain for one certificate chain. */
public sealed interface MappingOutcome {

    /** Exactly one entry, found by the mapper at {@code position}. */
    record Mapped(String dn, int position, String mapper) implements MappingOutcome {
    }

    /** No mapper found an entry (or one configured with {@code when-no-entry: fail} found none). */
    record NotMapped(String reason) implements MappingOutcome {
    }

    /** The mapper at {@code position} found several entries; later mappers are not consulted. */
    record Ambiguous(int position, String mapper) implements MappingOutcome {
    }

    /** A lookup failed, or the chain or the certificate could not be used; nothing was decided. */
    record Failed(String reason) implements MappingOutcome {
    }
}
