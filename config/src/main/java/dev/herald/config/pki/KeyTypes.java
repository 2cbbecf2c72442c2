package dev.herald.config.pki;

import java.security.Key;
import java.security.interfaces.RSAKey;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * Names key types the way administrators say them ({@code ECDSA P-256}, {@code RSA 2048},
 * {@code Ed25519}), read from the key's ASN.1 algorithm identifier, and tells which ones a
 * Herald server credential may use.
 */
public final class KeyTypes {

    private KeyTypes() {}

    /** The key families a server credential may have: the signature algorithms the TLS engine implements. */
    public enum Family { EC, RSA, ED25519, OTHER }

    public static Family family(Key key) {
        return family(algorithmOf(key));
    }

    static Family family(AlgorithmIdentifier alg) {
        if (alg == null) {
            return Family.OTHER;
        }
        ASN1ObjectIdentifier oid = alg.getAlgorithm();
        if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            return Family.EC;
        }
        if (oid.equals(PKCSObjectIdentifiers.rsaEncryption)) {
            return Family.RSA;
        }
        if (oid.equals(EdECObjectIdentifiers.id_Ed25519)) {
            return Family.ED25519;
        }
        return Family.OTHER;
    }

    /** The curve name of an EC key ({@code P-256}), if it uses a named curve. */
    public static Optional<String> curve(Key key) {
        AlgorithmIdentifier alg = algorithmOf(key);
        if (alg == null || family(alg) != Family.EC || alg.getParameters() == null) {
            return Optional.empty();
        }
        ASN1Primitive p = alg.getParameters().toASN1Primitive();
        if (!(p instanceof ASN1ObjectIdentifier oid)) {
            return Optional.of("explicit curve parameters");
        }
        String name = ECNamedCurveTable.getName(oid);
        if (name == null) {
            return Optional.of(oid.getId());
        }
        return Optional.of(switch (name) {
            case "prime256v1", "secp256r1" -> "P-256";
            case "secp384r1" -> "P-384";
            case "secp521r1" -> "P-521";
            default -> name;
        });
    }

    /** {@code ECDSA P-256}, {@code RSA 2048}, {@code Ed25519}, or the JCA algorithm name. */
    public static String describe(Key key) {
        return switch (family(key)) {
            case EC -> "ECDSA " + curve(key).orElse("(unknown curve)");
            case RSA -> key instanceof RSAKey r ? "RSA " + r.getModulus().bitLength() : "RSA";
            case ED25519 -> "Ed25519";
            case OTHER -> key.getAlgorithm();
        };
    }

    /**
     * Why this key cannot be a Herald server key, or empty when it can: ECDSA on P-256 or
     * P-384, RSA of at least 2048 bits, or Ed25519 — the signature schemes the engine has.
     */
    public static Optional<String> unsupportedAsServerKey(Key key) {
        switch (family(key)) {
            case EC -> {
                String c = curve(key).orElse("?");
                if (!c.equals("P-256") && !c.equals("P-384")) {
                    return Optional.of("the key is on the curve " + c + "; Herald signs with ECDSA on P-256 or P-384 only");
                }
                return Optional.empty();
            }
            case RSA -> {
                if (key instanceof RSAKey r && r.getModulus().bitLength() < 2048) {
                    return Optional.of("the RSA key has only " + r.getModulus().bitLength() + " bits; at least 2048 are needed");
                }
                return Optional.empty();
            }
            case ED25519 -> {
                return Optional.empty();
            }
            default -> {
                return Optional.of("the key type " + describe(key)
                        + " is not supported; use ECDSA (P-256, P-384), RSA (2048 bits or more) or Ed25519");
            }
        }
    }

    private static AlgorithmIdentifier algorithmOf(Key key) {
        byte[] enc = key.getEncoded();
        if (enc == null) {
            return null;
        }
        try {
            if (key instanceof java.security.PrivateKey) {
                return PrivateKeyInfo.getInstance(enc).getPrivateKeyAlgorithm();
            }
            return SubjectPublicKeyInfo.getInstance(enc).getAlgorithm();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
