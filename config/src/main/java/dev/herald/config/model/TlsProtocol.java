package dev.herald.config.model;

/** The TLS versions Herald speaks, spelled as the JDK and OpenSSL spell them. */
public enum TlsProtocol {
    TLS_1_3("TLSv1.3"),
    TLS_1_2("TLSv1.2");

    private final String configName;

    TlsProtocol(String configName) {
        this.configName = configName;
    }

    /** The spelling used in the configuration file ({@code TLSv1.3}, {@code TLSv1.2}). */
    public String configName() {
        return configName;
    }
}
