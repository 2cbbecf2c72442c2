package dev.herald.tls.crypto.jca;

import dev.herald.tls.crypto.HashAlgorithm;
import dev.herald.tls.crypto.SignatureScheme;
import dev.herald.tls.crypto.spi.EcdsaDer;
import dev.herald.tls.crypto.spi.KeyCache;
import dev.herald.tls.crypto.spi.NistCurve;
import dev.herald.tls.crypto.spi.RsaPkcs1;
import dev.herald.tls.crypto.spi.SignatureBackend;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;

/**
 * Signatures from the JDK's providers: ECDSA and Ed25519 from SunEC, RSASSA-PSS and
 * RSASSA-PKCS1-v1_5 from SunRsaSign. Keys from another provider (e.g. Bouncy Castle's PEM
 * reader) are translated once into the JDK provider's own key class and cached.
 *
 * <p>ECDSA here accepts a P-256 or P-384 key with either scheme's hash; binding the curve to
 * the scheme (TLS 1.3) is the caller's job. Known defect (Wycheproof): JDK 17's SunEC rejects
 * valid ECDSA signatures whose x(kG) exceeds the group order; production verifies ECDSA with
 * the Bouncy Castle backend. RSASSA-PKCS1-v1_5 is verified by re-encoding ({@link RsaPkcs1})
 * because SunRsaSign also accepts a DigestInfo without NULL parameters.
 */
public final class JcaSignatureBackend implements SignatureBackend {
    private final KeyCache<Key> ecKeys = new KeyCache<>(k -> translate(k, "EC", "SunEC"));
    private final KeyCache<Key> rsaKeys = new KeyCache<>(k -> translate(k, "RSA", "SunRsaSign"));
    private final KeyCache<Key> edKeys = new KeyCache<>(k -> translate(k, "Ed25519", "SunEC"));

    @Override
    public String name() {
        return "jca";
    }

    @Override
    public byte[] sign(SignatureScheme scheme, PrivateKey key, byte[] message, SecureRandom random) {
        PrivateKey native_ = (PrivateKey) nativeKey(scheme, key);
        try {
            Signature sig = signatureFor(scheme);
            sig.initSign(native_, random);
            sig.update(message);
            return sig.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(scheme.tlsName() + " signing failed: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean verify(SignatureScheme scheme, PublicKey key, byte[] message, byte[] signature) {
        try {
            PublicKey native_ = (PublicKey) nativeKey(scheme, key);
            if (isEcdsa(scheme)) {
                NistCurve curve = curveOf((ECKey) native_);
                if (curve == null || EcdsaDer.decode(signature, curve.order()) == null) {
                    return false;
                }
            } else if (scheme == SignatureScheme.ED25519) {
                if (signature.length != 64) {
                    return false;
                }
            } else if (signature.length != (((RSAKey) native_).getModulus().bitLength() + 7) / 8) {
                return false; // RFC 8017 §8.2.2 step 1 / §8.1.2 step 1
            }
            if (isPkcs1(scheme)) {
                return verifyPkcs1((java.security.interfaces.RSAPublicKey) native_, scheme.hash(), message, signature);
            }
            Signature sig = signatureFor(scheme);
            sig.initVerify(native_);
            sig.update(message);
            return sig.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private Key nativeKey(SignatureScheme scheme, Key key) {
        if (key == null) {
            throw new IllegalArgumentException("no key");
        }
        Key k;
        if (isEcdsa(scheme)) {
            k = ecKeys.get(key);
            if (!(k instanceof ECKey) || curveOf((ECKey) k) == null) {
                throw new IllegalArgumentException("not a P-256 or P-384 key");
            }
        } else if (scheme == SignatureScheme.ED25519) {
            k = edKeys.get(key);
            if (!(k instanceof EdECKey) || !"Ed25519".equalsIgnoreCase(((EdECKey) k).getParams().getName())) {
                throw new IllegalArgumentException("not an Ed25519 key");
            }
        } else {
            k = rsaKeys.get(key);
            if (!(k instanceof RSAKey)) {
                throw new IllegalArgumentException("not an RSA key");
            }
        }
        return k;
    }

    /**
     * SunRsaSign's SHA*withRSA also accepts a DigestInfo without the NULL parameters
     * (Wycheproof "MissingNull"); we accept one encoding only, so verify by re-encoding
     * ({@link RsaPkcs1}) over SunJCE's raw RSA public operation.
     */
    private static boolean verifyPkcs1(java.security.interfaces.RSAPublicKey key, HashAlgorithm hash, byte[] message,
            byte[] signature) throws GeneralSecurityException {
        if (new java.math.BigInteger(1, signature).compareTo(key.getModulus()) >= 0) {
            return false;
        }
        javax.crypto.Cipher raw = javax.crypto.Cipher.getInstance("RSA/ECB/NoPadding", "SunJCE");
        raw.init(javax.crypto.Cipher.ENCRYPT_MODE, key); // s^e mod n
        byte[] em = raw.doFinal(signature);
        if (em.length != signature.length) {
            em = dev.herald.tls.crypto.spi.Bytes.fixed(new java.math.BigInteger(1, em), signature.length);
        }
        byte[] digest = java.security.MessageDigest.getInstance(hash.jcaName(), "SUN").digest(message);
        return RsaPkcs1.matches(em, hash, digest);
    }

    static boolean isPkcs1(SignatureScheme scheme) {
        return scheme == SignatureScheme.RSA_PKCS1_SHA256 || scheme == SignatureScheme.RSA_PKCS1_SHA384
                || scheme == SignatureScheme.RSA_PKCS1_SHA512;
    }

    static NistCurve curveOf(ECKey key) {
        for (NistCurve c : NistCurve.values()) {
            if (c.matches(key)) {
                return c;
            }
        }
        return null;
    }

    static boolean isEcdsa(SignatureScheme scheme) {
        return scheme == SignatureScheme.ECDSA_SECP256R1_SHA256 || scheme == SignatureScheme.ECDSA_SECP384R1_SHA384;
    }

    private static Signature signatureFor(SignatureScheme scheme) throws GeneralSecurityException {
        switch (scheme) {
            case ECDSA_SECP256R1_SHA256:
                return Signature.getInstance("SHA256withECDSA", "SunEC");
            case ECDSA_SECP384R1_SHA384:
                return Signature.getInstance("SHA384withECDSA", "SunEC");
            case ED25519:
                return Signature.getInstance("Ed25519", "SunEC");
            case RSA_PKCS1_SHA256:
                return Signature.getInstance("SHA256withRSA", "SunRsaSign");
            case RSA_PKCS1_SHA384:
                return Signature.getInstance("SHA384withRSA", "SunRsaSign");
            case RSA_PKCS1_SHA512:
                return Signature.getInstance("SHA512withRSA", "SunRsaSign");
            case RSA_PSS_RSAE_SHA256:
            case RSA_PSS_RSAE_SHA384:
            case RSA_PSS_RSAE_SHA512:
                Signature pss = Signature.getInstance("RSASSA-PSS", "SunRsaSign");
                pss.setParameter(pssParams(scheme.hash()));
                return pss;
            default:
                throw new IllegalArgumentException(scheme.tlsName());
        }
    }

    /** RFC 8446 §4.2.3: MGF1 with the signature's hash, salt as long as the hash. */
    static PSSParameterSpec pssParams(HashAlgorithm hash) {
        return new PSSParameterSpec(hash.jcaName(), "MGF1", new MGF1ParameterSpec(hash.jcaName()), hash.length(), 1);
    }

    /** The provider's own key class: translate through the interfaces, else re-decode. */
    private static Key translate(Key key, String algorithm, String provider) {
        try {
            KeyFactory kf = KeyFactory.getInstance(algorithm, provider);
            try {
                return kf.translateKey(key);
            } catch (GeneralSecurityException | RuntimeException e) {
                byte[] enc = key.getEncoded();
                if (enc == null) {
                    throw new IllegalArgumentException("key has no encoding: " + key.getAlgorithm());
                }
                return key instanceof PrivateKey
                        ? kf.generatePrivate(new PKCS8EncodedKeySpec(enc))
                        : kf.generatePublic(new X509EncodedKeySpec(enc));
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("unusable " + key.getAlgorithm() + " key for " + algorithm, e);
        }
    }
}
