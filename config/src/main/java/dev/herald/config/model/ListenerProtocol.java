package dev.herald.config.model;

/**
 * The two kinds of listener: {@code ldap} (clear text, upgraded with StartTLS) and {@code ldaps}
 * (TLS from the first byte).
 */
public enum ListenerProtocol {
    LDAP("ldap", 389),
    LDAPS("ldaps", 636);

    private final String scheme;
    private final int defaultPort;

    ListenerProtocol(String scheme, int defaultPort) {
        this.scheme = scheme;
        this.defaultPort = defaultPort;
    }

    /** The URL scheme, which is also the listener's key under {@code listeners}. */
    public String scheme() {
        return scheme;
    }

    /** The IANA port, used when the listener gives none. */
    public int defaultPort() {
        return defaultPort;
    }
}
