package dev.herald.tls;

import java.util.Optional;

/** The protocol versions the engine speaks: TLS 1.2 (RFC 5246) and TLS 1.3 (RFC 8446). */
public enum TlsVersion {
    TLS_1_2(0x0303, "TLSv1.2"),
    TLS_1_3(0x0304, "TLSv1.3");

    private final int code;
    private final String displayName;

    TlsVersion(int code, String displayName) {
        this.code = code;
        this.displayName = displayName;
    }

    /** The wire value (ProtocolVersion). */
    public int code() {
        return code;
    }

    /** The name administrators know from OpenSSL and the JDK, e.g. {@code TLSv1.3}. */
    public String displayName() {
        return displayName;
    }

    public static Optional<TlsVersion> fromCode(int code) {
        for (TlsVersion v : values()) {
            if (v.code == code) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return displayName;
    }
}
