package dev.herald.ldap.settings;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the server needs to run, as one immutable value: listeners, the naming context it
 * holds, the administrator, limits, whether anonymous users may read data, and the security
 * policy. The YAML configuration maps onto this record; the demo and tests build it directly.
 *
 * @param listeners the sockets to listen on (at least one)
 * @param suffix the naming context, e.g. {@code dc=example,dc=com}
 * @param adminDn the administrator: the only identity that may write (besides users changing
 *     their own password), exempt from search limits
 * @param adminPassword optional stored password for the administrator (clear text or a
 *     {@code {SCHEME}} value), checked before the administrator's entry, like slapd's rootpw;
 *     empty means the administrator binds with the userPassword of its entry
 * @param anonymousRead whether anonymous users may read data (root DSE and schema are always
 *     readable)
 * @param limits resource limits
 * @param security authentication policy
 */
public record ServerSettings(
        List<Listener> listeners,
        String suffix,
        String adminDn,
        Optional<String> adminPassword,
        boolean anonymousRead,
        Limits limits,
        SecurityPolicy security) {

    public ServerSettings {
        listeners = List.copyOf(listeners);
        Objects.requireNonNull(suffix, "suffix");
        Objects.requireNonNull(adminDn, "adminDn");
        Objects.requireNonNull(adminPassword, "adminPassword");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(security, "security");
        if (listeners.isEmpty()) {
            throw new IllegalArgumentException("at least one listener is needed");
        }
    }

    /** Defaults for one naming context: one LDAP listener on 127.0.0.1:1389. */
    public static ServerSettings defaults(String suffix, String adminDn) {
        return new ServerSettings(List.of(Listener.ldap("127.0.0.1", 1389)), suffix, adminDn, Optional.empty(),
                false, Limits.defaults(), SecurityPolicy.defaults());
    }

    public ServerSettings withListeners(List<Listener> l) {
        return new ServerSettings(l, suffix, adminDn, adminPassword, anonymousRead, limits, security);
    }

    public ServerSettings withAdminPassword(String storedPassword) {
        return new ServerSettings(listeners, suffix, adminDn, Optional.of(storedPassword), anonymousRead, limits,
                security);
    }

    public ServerSettings withAnonymousRead(boolean allowed) {
        return new ServerSettings(listeners, suffix, adminDn, adminPassword, allowed, limits, security);
    }

    public ServerSettings withLimits(Limits l) {
        return new ServerSettings(listeners, suffix, adminDn, adminPassword, anonymousRead, l, security);
    }

    public ServerSettings withSecurity(SecurityPolicy s) {
        return new ServerSettings(listeners, suffix, adminDn, adminPassword, anonymousRead, limits, s);
    }
}
