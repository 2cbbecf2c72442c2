package dev.herald.tls.handshake;

import dev.herald.tls.TlsVersion;
import dev.herald.tls.crypto.SignatureScheme;
import dev.herald.tls.pki.KeyKind;
import java.security.cert.X509Certificate;
import java.util.List;

/** Our signature-scheme lists and preferences. */
public final class SignatureSchemes {
    private SignatureSchemes() {
    }

    /**
     * What we accept from clients: CertificateVerify schemes plus, for certificate signatures,
     * rsa_pkcs1_* (RFC 8446 §4.2.3 lets them appear in TLS 1.3 lists for that purpose only).
     */
    public static final List<SignatureScheme> ACCEPTED = List.of(
            SignatureScheme.ECDSA_SECP256R1_SHA256,
            SignatureScheme.ECDSA_SECP384R1_SHA384,
            SignatureScheme.ED25519,
            SignatureScheme.RSA_PSS_RSAE_SHA256,
            SignatureScheme.RSA_PSS_RSAE_SHA384,
            SignatureScheme.RSA_PSS_RSAE_SHA512,
            SignatureScheme.RSA_PKCS1_SHA256,
            SignatureScheme.RSA_PKCS1_SHA384,
            SignatureScheme.RSA_PKCS1_SHA512);

    public static List<Integer> codes(List<SignatureScheme> schemes) {
        return schemes.stream().map(SignatureScheme::code).toList();
    }

    /** Schemes a server key signs with, best first; PKCS#1 v1.5 only in TLS 1.2. */
    public static List<SignatureScheme> forServerKey(KeyKind kind, TlsVersion version) {
        return switch (kind) {
            case EC_P256 -> List.of(SignatureScheme.ECDSA_SECP256R1_SHA256);
            case EC_P384 -> List.of(SignatureScheme.ECDSA_SECP384R1_SHA384);
            case ED25519 -> List.of(SignatureScheme.ED25519);
            case RSA -> version == TlsVersion.TLS_1_3
                    ? List.of(SignatureScheme.RSA_PSS_RSAE_SHA256, SignatureScheme.RSA_PSS_RSAE_SHA384,
                            SignatureScheme.RSA_PSS_RSAE_SHA512)
                    : List.of(SignatureScheme.RSA_PSS_RSAE_SHA256, SignatureScheme.RSA_PSS_RSAE_SHA384,
                            SignatureScheme.RSA_PSS_RSAE_SHA512, SignatureScheme.RSA_PKCS1_SHA256,
                            SignatureScheme.RSA_PKCS1_SHA384, SignatureScheme.RSA_PKCS1_SHA512);
        };
    }

    /**
     * The TLS code point of a certificate's own signature, approximately (for preferences,
     * never for a verdict): ECDSA by hash, RSA PKCS#1 by hash, RSASSA-PSS by its OID
     * (rsa_pss_pss_sha256), Ed25519.
     */
    static int certificateSignatureCode(X509Certificate c) {
        String oid = c.getSigAlgOID();
        return switch (oid) {
            case "1.2.840.10045.4.3.2" -> 0x0403;
            case "1.2.840.10045.4.3.3" -> 0x0503;
            case "1.2.840.10045.4.3.4" -> 0x0603;
            case "1.2.840.113549.1.1.11" -> 0x0401;
            case "1.2.840.113549.1.1.12" -> 0x0501;
            case "1.2.840.113549.1.1.13" -> 0x0601;
            case "1.2.840.113549.1.1.10" -> 0x0809;
            case "1.3.101.112" -> 0x0807;
            case "1.2.840.113549.1.1.5" -> 0x0201;
            case "1.2.840.10045.4.1" -> 0x0203;
            default -> -1;
        };
    }
}
