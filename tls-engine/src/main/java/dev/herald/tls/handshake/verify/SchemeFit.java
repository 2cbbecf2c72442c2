package dev.herald.tls.handshake.verify;

import dev.herald.tls.TlsVersion;
import dev.herald.tls.crypto.SignatureScheme;
import dev.herald.tls.pki.KeyKind;

/** Which signature schemes a key can produce. */
public final class SchemeFit {
    private SchemeFit() {
    }

    /**
     * In TLS 1.3 an ECDSA scheme names its curve (RFC 8446 §4.2.3); in TLS 1.2 it names only
     * the hash (RFC 5246 §7.4.1.4.1), so any of our curves fits.
     */
    public static boolean fits(SignatureScheme scheme, KeyKind kind, TlsVersion version) {
        return switch (scheme) {
            case ECDSA_SECP256R1_SHA256 -> kind == KeyKind.EC_P256
                    || (version == TlsVersion.TLS_1_2 && kind == KeyKind.EC_P384);
            case ECDSA_SECP384R1_SHA384 -> kind == KeyKind.EC_P384
                    || (version == TlsVersion.TLS_1_2 && kind == KeyKind.EC_P256);
            case RSA_PSS_RSAE_SHA256, RSA_PSS_RSAE_SHA384, RSA_PSS_RSAE_SHA512 -> kind == KeyKind.RSA;
            case RSA_PKCS1_SHA256, RSA_PKCS1_SHA384, RSA_PKCS1_SHA512 -> kind == KeyKind.RSA && version == TlsVersion.TLS_1_2;
            case ED25519 -> kind == KeyKind.ED25519;
        };
    }
}
