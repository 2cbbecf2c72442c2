package dev.herald.tls.crypto;

import java.util.Optional;

/** Key-exchange groups (RFC 8446 §4.2.7), with their wire code points. */
public enum NamedGroup {
    SECP256R1(0x0017, "secp256r1"),
    SECP384R1(0x0018, "secp384r1"),
    X25519(0x001d, "x25519");

    private final int code;
    private final String tlsName;

    NamedGroup(int code, String tlsName) {
        this.code = code;
        this.tlsName = tlsName;
    }

    public int code() {
        return code;
    }

    public String tlsName() {
        return tlsName;
    }

    public static Optional<NamedGroup> fromCode(int code) {
        for (NamedGroup g : values()) {
            if (g.code == code) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }
}
