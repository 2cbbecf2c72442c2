package dev.herald.sasl.cert;

import java.util.HexFormat;

/**
 * How a SHA-256 certificate fingerprint (over the DER encoding of the whole certificate) is
 * written in the directory. {@code hex} (the default) is 64 lower-case hex digits;
 * {@code colon-hex} is what {@code openssl x509 -noout -fingerprint -sha256} prints after the
 * {@code =}: upper-case pairs separated by colons.
 */
public enum FingerprintFormat {
    /** {@code 3f0a...} */
    HEX("hex"),
    /** {@code 3F0A...} */
    HEX_UPPER("hex-upper"),
    /** {@code 3F:0A:...} (OpenSSL) */
    COLON_HEX("colon-hex"),
    /** {@code 3f:0a:...} */
    COLON_HEX_LOWER("colon-hex-lower");

    private final String configName;

    FingerprintFormat(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    /** Parses a {@link #configName()} (any case). */
    public static FingerprintFormat parse(String text) {
        for (FingerprintFormat f : values()) {
            if (f.configName.equalsIgnoreCase(text)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown fingerprint format '" + text
                + "' (expected hex, hex-upper, colon-hex or colon-hex-lower)");
    }

    /** Formats a digest. */
    public String format(byte[] digest) {
        boolean upper = this == HEX_UPPER || this == COLON_HEX;
        HexFormat hex = this == COLON_HEX || this == COLON_HEX_LOWER ? HexFormat.ofDelimiter(":") : HexFormat.of();
        return (upper ? hex.withUpperCase() : hex).formatHex(digest);
    }
}
