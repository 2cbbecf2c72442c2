package dev.herald.config.pki;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;

/**
 * Key types the certificate builder can generate. {@code RSA_1024} and {@code EC_P521} exist
 * for negative tests: Herald refuses them as server keys.
 */
public enum KeyType {
    EC_P256("SHA256withECDSA"),
    EC_P384("SHA384withECDSA"),
    EC_P521("SHA512withECDSA"),
    RSA_1024("SHA256withRSA"),
    RSA_2048("SHA256withRSA"),
    RSA_3072("SHA256withRSA"),
    ED25519("Ed25519");

    private final String signatureAlgorithm;

    KeyType(String signatureAlgorithm) {
        this.signatureAlgorithm = signatureAlgorithm;
    }

    /** The JCA signature algorithm a CA with this key type signs certificates with. */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    /** A fresh key pair from the JDK's providers. */
    public KeyPair generate(SecureRandom random) {
        try {
            KeyPairGenerator g;
            switch (this) {
                case EC_P256, EC_P384, EC_P521 -> {
                    g = KeyPairGenerator.getInstance("EC");
                    String curve = this == EC_P256 ? "secp256r1" : this == EC_P384 ? "secp384r1" : "secp521r1";
                    g.initialize(new ECGenParameterSpec(curve), random);
                }
                case RSA_1024, RSA_2048, RSA_3072 -> {
                    g = KeyPairGenerator.getInstance("RSA");
                    g.initialize(this == RSA_1024 ? 1024 : this == RSA_2048 ? 2048 : 3072, random);
                }
                default -> g = KeyPairGenerator.getInstance("Ed25519");
            }
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot generate " + this + " keys", e);
        }
    }

    /** The type of an existing key, for choosing the signature algorithm of a CA loaded from disk. */
    public static KeyType of(java.security.Key key) {
        return switch (KeyTypes.family(key)) {
            case EC -> switch (KeyTypes.curve(key).orElse("")) {
                case "P-384" -> EC_P384;
                case "P-521" -> EC_P521;
                default -> EC_P256;
            };
            case RSA -> {
                int bits = key instanceof java.security.interfaces.RSAKey r ? r.getModulus().bitLength() : 2048;
                yield bits <= 1024 ? RSA_1024 : bits <= 2048 ? RSA_2048 : RSA_3072;
            }
            case ED25519 -> ED25519;
            case OTHER -> throw new IllegalArgumentException("unsupported key type " + key.getAlgorithm());
        };
    }
}
