package dev.herald.tls.pki;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.Key;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.util.Optional;

/**
 * The key types the engine can sign and verify with: ECDSA on P-256 / P-384, RSA and Ed25519.
 * Used for server credentials and for client leaf certificates (anything else is
 * unsupported_certificate).
 */
public enum KeyKind {
    EC_P256,
    EC_P384,
    RSA,
    ED25519;

    private static final BigInteger P256_ORDER = order("secp256r1");
    private static final BigInteger P384_ORDER = order("secp384r1");

    private static BigInteger order(String curve) {
        try {
            AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
            p.init(new ECGenParameterSpec(curve));
            return p.getParameterSpec(ECParameterSpec.class).getOrder();
        } catch (Exception e) {
            throw new IllegalStateException("JDK lacks curve " + curve, e);
        }
    }

    /** Classifies a public or private key; empty for anything we do not support. */
    public static Optional<KeyKind> of(Key key) {
        if (key instanceof ECKey ec) {
            ECParameterSpec spec = ec.getParams();
            if (spec == null) {
                return Optional.empty();
            }
            BigInteger n = spec.getOrder();
            if (n.equals(P256_ORDER) && spec.getCofactor() == 1 && spec.getCurve().getField().getFieldSize() == 256) {
                return Optional.of(EC_P256);
            }
            if (n.equals(P384_ORDER) && spec.getCofactor() == 1 && spec.getCurve().getField().getFieldSize() == 384) {
                return Optional.of(EC_P384);
            }
            return Optional.empty();
        }
        if (key instanceof RSAKey && "RSA".equalsIgnoreCase(key.getAlgorithm())) {
            return Optional.of(RSA);
        }
        if (key instanceof java.security.interfaces.EdECKey ed) {
            NamedParameterSpec p = ed.getParams();
            return "Ed25519".equalsIgnoreCase(p.getName()) ? Optional.of(ED25519) : Optional.empty();
        }
        String alg = key.getAlgorithm();
        if ("Ed25519".equalsIgnoreCase(alg)) {
            return Optional.of(ED25519);
        }
        return Optional.empty();
    }

    /** RSA modulus length in bits, or 0 for other keys. */
    public static int rsaBits(Key key) {
        return key instanceof RSAKey r ? r.getModulus().bitLength() : 0;
    }
}
