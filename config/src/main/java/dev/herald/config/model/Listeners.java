package dev.herald.config.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The configured listeners: a clear-text LDAP one, an LDAPS one, or both (at least one is
 * always present in a loaded configuration). A listener left out of the file is disabled.
 */
public record Listeners(Optional<Listener> ldap, Optional<Listener> ldaps) {

    public Listeners {
        Objects.requireNonNull(ldap, "ldap");
        Objects.requireNonNull(ldaps, "ldaps");
    }

    /** The enabled listeners, LDAP first. */
    public List<Listener> all() {
        List<Listener> all = new ArrayList<>(2);
        ldap.ifPresent(all::add);
        ldaps.ifPresent(all::add);
        return List.copyOf(all);
    }
}
