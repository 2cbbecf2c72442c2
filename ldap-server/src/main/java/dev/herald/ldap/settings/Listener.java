package dev.herald.ldap.settings;

import java.util.Objects;

/**
 * One socket the server listens on: host (an address or name to bind), port, and whether
 * connections start in clear ({@link Protocol#LDAP}, may upgrade with StartTLS) or with TLS
 * ({@link Protocol#LDAPS}).
 */
public record Listener(String host, int port, Protocol protocol) {

    /** How connections on a listener begin. */
    public enum Protocol { LDAP, LDAPS }

    public Listener {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(protocol, "protocol");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** A clear-text LDAP listener. */
    public static Listener ldap(String host, int port) {
        return new Listener(host, port, Protocol.LDAP);
    }
}
