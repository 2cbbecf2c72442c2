package dev.herald.tls;

import dev.herald.tls.crypto.AeadAlgorithm;
import dev.herald.tls.crypto.HashAlgorithm;
import java.util.Optional;

/**
 * The cipher suites the engine implements, and nothing else: the three TLS 1.3 suites and the
 * six TLS 1.2 ECDHE suites with AEAD ciphers (RFC 8446 §B.4, RFC 5289, RFC 7905). No CBC, no
 * static RSA, no anonymous or export suites.
 */
public enum CipherSuite {
    TLS_AES_128_GCM_SHA256(0x1301, TlsVersion.TLS_1_3, null, AeadAlgorithm.AES_128_GCM, HashAlgorithm.SHA256),
    TLS_AES_256_GCM_SHA384(0x1302, TlsVersion.TLS_1_3, null, AeadAlgorithm.AES_256_GCM, HashAlgorithm.SHA384),
    TLS_CHACHA20_POLY1305_SHA256(0x1303, TlsVersion.TLS_1_3, null, AeadAlgorithm.CHACHA20_POLY1305, HashAlgorithm.SHA256),

    TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256(0xC02B, TlsVersion.TLS_1_2, Authentication.ECDSA, AeadAlgorithm.AES_128_GCM, HashAlgorithm.SHA256),
    TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384(0xC02C, TlsVersion.TLS_1_2, Authentication.ECDSA, AeadAlgorithm.AES_256_GCM, HashAlgorithm.SHA384),
    TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256(0xCCA9, TlsVersion.TLS_1_2, Authentication.ECDSA, AeadAlgorithm.CHACHA20_POLY1305, HashAlgorithm.SHA256),
    TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256(0xC02F, TlsVersion.TLS_1_2, Authentication.RSA, AeadAlgorithm.AES_128_GCM, HashAlgorithm.SHA256),
    TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384(0xC030, TlsVersion.TLS_1_2, Authentication.RSA, AeadAlgorithm.AES_256_GCM, HashAlgorithm.SHA384),
    TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256(0xCCA8, TlsVersion.TLS_1_2, Authentication.RSA, AeadAlgorithm.CHACHA20_POLY1305, HashAlgorithm.SHA256);

    /** How the server authenticates in a TLS 1.2 suite (TLS 1.3 suites do not say). */
    public enum Authentication {
        /** ECDSA or Ed25519 server keys (RFC 8422 §5.1). */
        ECDSA,
        RSA
    }

    private final int code;
    private final TlsVersion version;
    private final Authentication authentication;
    private final AeadAlgorithm aead;
    private final HashAlgorithm hash;

    CipherSuite(int code, TlsVersion version, Authentication authentication, AeadAlgorithm aead, HashAlgorithm hash) {
        this.code = code;
        this.version = version;
        this.authentication = authentication;
        this.aead = aead;
        this.hash = hash;
    }

    public int code() {
        return code;
    }

    /** The only version this suite is defined for. */
    public TlsVersion version() {
        return version;
    }

    /** The server authentication of a TLS 1.2 suite; null for TLS 1.3 suites. */
    public Authentication authentication() {
        return authentication;
    }

    public AeadAlgorithm aead() {
        return aead;
    }

    /** The transcript / HKDF / PRF hash of the suite. */
    public HashAlgorithm hash() {
        return hash;
    }

    public static Optional<CipherSuite> fromCode(int code) {
        for (CipherSuite s : values()) {
            if (s.code == code) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
