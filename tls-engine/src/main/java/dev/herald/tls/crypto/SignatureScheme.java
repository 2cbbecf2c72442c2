package dev.herald.tls.crypto;

import java.util.Optional;

/** Signature schemes (RFC 8446 §4.2.3), with their wire code points. */
public enum SignatureScheme {
    RSA_PKCS1_SHA256(0x0401, "rsa_pkcs1_sha256", HashAlgorithm.SHA256),
    RSA_PKCS1_SHA384(0x0501, "rsa_pkcs1_sha384", HashAlgorithm.SHA384),
    RSA_PKCS1_SHA512(0x0601, "rsa_pkcs1_sha512", HashAlgorithm.SHA512),
    ECDSA_SECP256R1_SHA256(0x0403, "ecdsa_secp256r1_sha256", HashAlgorithm.SHA256),
    ECDSA_SECP384R1_SHA384(0x0503, "ecdsa_secp384r1_sha384", HashAlgorithm.SHA384),
    RSA_PSS_RSAE_SHA256(0x0804, "rsa_pss_rsae_sha256", HashAlgorithm.SHA256),
    RSA_PSS_RSAE_SHA384(0x0805, "rsa_pss_rsae_sha384", HashAlgorithm.SHA384),
    RSA_PSS_RSAE_SHA512(0x0806, "rsa_pss_rsae_sha512", HashAlgorithm.SHA512),
    ED25519(0x0807, "ed25519", null);

    private final int code;
    private final String tlsName;
    private final HashAlgorithm hash;

    SignatureScheme(int code, String tlsName, HashAlgorithm hash) {
        this.code = code;
        this.tlsName = tlsName;
        this.hash = hash;
    }

    public int code() {
        return code;
    }

    public String tlsName() {
        return tlsName;
    }

    /** The hash of the scheme, or null for Ed25519 (which hashes internally). */
    public HashAlgorithm hash() {
        return hash;
    }

    /** RSASSA-PKCS1-v1_5 may sign TLS 1.2 handshakes and certificates, never TLS 1.3 handshakes. */
    public boolean allowedInTls13Handshake() {
        return this != RSA_PKCS1_SHA256 && this != RSA_PKCS1_SHA384 && this != RSA_PKCS1_SHA512;
    }

    public static Optional<SignatureScheme> fromCode(int code) {
        for (SignatureScheme s : values()) {
            if (s.code == code) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
