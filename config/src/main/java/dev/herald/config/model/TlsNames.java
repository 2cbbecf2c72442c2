package dev.herald.config.model;

import java.util.List;
import java.util.Optional;

/**
 * The TLS algorithm names the configuration accepts: cipher suites as IANA spells them
 * (RFC 8446 §B.4, RFC 8289, RFC 7905) and key-exchange groups as RFC 8446 §4.2.7 spells them.
 * These are the suites and groups the engine implements (AES-GCM and ChaCha20-Poly1305 AEADs;
 * ECDHE for TLS 1.2); the lists are also the defaults, in order of preference.
 */
public final class TlsNames {

    private TlsNames() {}

    /** Every known cipher suite, in the default preference order. */
    public static final List<String> CIPHER_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256",
            "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    /** Every known key-exchange group, in the default preference order. */
    public static final List<String> GROUPS = List.of("x25519", "secp256r1", "secp384r1");

    /** The TLS version a known suite belongs to (TLS 1.3 suites have no key exchange in the name). */
    public static Optional<TlsProtocol> protocolOf(String suite) {
        if (!CIPHER_SUITES.contains(suite)) {
            return Optional.empty();
        }
        return Optional.of(suite.startsWith("TLS_ECDHE_") ? TlsProtocol.TLS_1_2 : TlsProtocol.TLS_1_3);
    }

    /**
     * For a TLS 1.2 suite, the server key family that can sign its key exchange: {@code ECDSA}
     * (EC and Ed25519 keys, RFC 8422 §5.1.1) or {@code RSA}. Empty for TLS 1.3 suites, which
     * work with any key.
     */
    public static Optional<String> tls12SignatureFamily(String suite) {
        if (suite.startsWith("TLS_ECDHE_ECDSA_")) {
            return Optional.of("ECDSA");
        }
        if (suite.startsWith("TLS_ECDHE_RSA_")) {
            return Optional.of("RSA");
        }
        return Optional.empty();
    }
}
