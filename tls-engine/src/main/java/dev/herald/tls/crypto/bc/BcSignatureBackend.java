package dev.herald.tls.crypto.bc;

import dev.herald.tls.crypto.HashAlgorithm;
import dev.herald.tls.crypto.SignatureScheme;
import dev.herald.tls.crypto.spi.Bytes;
import dev.herald.tls.crypto.spi.EcdsaDer;
import dev.herald.tls.crypto.spi.KeyCache;
import dev.herald.tls.crypto.spi.NistCurve;
import dev.herald.tls.crypto.spi.RsaPkcs1;
import dev.herald.tls.crypto.spi.SignatureBackend;
import java.io.IOException;
import java.math.BigInteger;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.engines.RSAEngine;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.crypto.signers.PSSSigner;
import org.bouncycastle.crypto.signers.RSADigestSigner;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Signatures from Bouncy Castle's lightweight API.
 *
 * <ul>
 *   <li>ECDSA: {@link ECDSASigner} with RFC 6979 deterministic k ({@link HMacDSAKCalculator});
 *       R = kG through BC's fixed-point comb multiplier with constant-time table lookups and
 *       k^-1 through BC's constant-time modular inversion. Verification first checks strict DER
 *       and the range of r and s ({@link EcdsaDer}).
 *   <li>Ed25519: BC's RFC 8032 code (constant-time base-point multiplication for signing).
 *   <li>RSA: signing with {@link RSABlindedEngine} (blinded CRT); PSS verification with
 *       {@link PSSSigner}; PKCS#1 v1.5 verification by encode-and-compare (RFC 8017 §8.2.2), so
 *       that DigestInfo variants (e.g. a missing NULL) are refused.
 * </ul>
 *
 * Keys from any provider are converted once into BC parameters and cached per key object.
 */
public final class BcSignatureBackend implements SignatureBackend {
    private final KeyCache<Object> privateKeys = new KeyCache<>(BcSignatureBackend::convertPrivate);
    private final KeyCache<Object> publicKeys = new KeyCache<>(BcSignatureBackend::convertPublic);

    @Override
    public String name() {
        return "bc";
    }

    /** A private Ed25519 key with its public half, so signing does not recompute it. */
    private static final class EdPrivate {
        final Ed25519PrivateKeyParameters priv;
        final Ed25519PublicKeyParameters pub;

        EdPrivate(Ed25519PrivateKeyParameters priv) {
            this.priv = priv;
            this.pub = priv.generatePublicKey();
        }
    }

    @Override
    public byte[] sign(SignatureScheme scheme, PrivateKey key, byte[] message, SecureRandom random) {
        if (key == null) {
            throw new IllegalArgumentException("no key");
        }
        Object k = privateKeys.get(key);
        switch (scheme) {
            case ECDSA_SECP256R1_SHA256:
            case ECDSA_SECP384R1_SHA384: {
                if (!(k instanceof ECPrivateKeyParameters)) {
                    throw new IllegalArgumentException("not an EC key");
                }
                ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(BcHashBackend.digest(scheme.hash())));
                signer.init(true, (ECPrivateKeyParameters) k);
                BigInteger[] rs = signer.generateSignature(hash(scheme.hash(), message));
                return EcdsaDer.encode(rs[0], rs[1]);
            }
            case ED25519: {
                if (!(k instanceof EdPrivate)) {
                    throw new IllegalArgumentException("not an Ed25519 key");
                }
                EdPrivate ed = (EdPrivate) k;
                byte[] sig = new byte[Ed25519PrivateKeyParameters.SIGNATURE_SIZE];
                ed.priv.sign(Ed25519.Algorithm.Ed25519, ed.pub, null, message, 0, message.length, sig, 0);
                return sig;
            }
            case RSA_PSS_RSAE_SHA256:
            case RSA_PSS_RSAE_SHA384:
            case RSA_PSS_RSAE_SHA512: {
                RSAPrivateCrtKeyParameters rsa = rsaPrivate(k);
                int hLen = scheme.hash().length();
                PSSSigner signer = new PSSSigner(new RSABlindedEngine(), BcHashBackend.digest(scheme.hash()),
                        BcHashBackend.digest(scheme.hash()), hLen);
                signer.init(true, new ParametersWithRandom(rsa, random));
                signer.update(message, 0, message.length);
                try {
                    return signer.generateSignature();
                } catch (CryptoException e) {
                    throw new IllegalArgumentException("RSA-PSS signing failed", e);
                }
            }
            case RSA_PKCS1_SHA256:
            case RSA_PKCS1_SHA384:
            case RSA_PKCS1_SHA512: {
                RSAPrivateCrtKeyParameters rsa = rsaPrivate(k);
                RSADigestSigner signer = new RSADigestSigner(BcHashBackend.digest(scheme.hash()));
                signer.init(true, new ParametersWithRandom(rsa, random));
                signer.update(message, 0, message.length);
                try {
                    return signer.generateSignature();
                } catch (CryptoException e) {
                    throw new IllegalArgumentException("RSA PKCS#1 signing failed", e);
                }
            }
            default:
                throw new IllegalArgumentException(scheme.tlsName());
        }
    }

    @Override
    public boolean verify(SignatureScheme scheme, PublicKey key, byte[] message, byte[] signature) {
        try {
            if (key == null || message == null || signature == null) {
                return false;
            }
            Object k = publicKeys.get(key);
            switch (scheme) {
                case ECDSA_SECP256R1_SHA256:
                case ECDSA_SECP384R1_SHA384: {
                    if (!(k instanceof ECPublicKeyParameters)) {
                        return false;
                    }
                    ECPublicKeyParameters pub = (ECPublicKeyParameters) k;
                    BigInteger[] rs = EcdsaDer.decode(signature, pub.getParameters().getN());
                    if (rs == null) {
                        return false;
                    }
                    ECDSASigner signer = new ECDSASigner();
                    signer.init(false, pub);
                    return signer.verifySignature(hash(scheme.hash(), message), rs[0], rs[1]);
                }
                case ED25519:
                    return k instanceof Ed25519PublicKeyParameters
                            && signature.length == Ed25519.SIGNATURE_SIZE
                            && ((Ed25519PublicKeyParameters) k).verify(Ed25519.Algorithm.Ed25519, null,
                                    message, 0, message.length, signature, 0);
                case RSA_PSS_RSAE_SHA256:
                case RSA_PSS_RSAE_SHA384:
                case RSA_PSS_RSAE_SHA512: {
                    if (!(k instanceof RSAKeyParameters) || !rsaLengthOk((RSAKeyParameters) k, signature)) {
                        return false;
                    }
                    PSSSigner signer = new PSSSigner(new RSAEngine(), BcHashBackend.digest(scheme.hash()),
                            BcHashBackend.digest(scheme.hash()), scheme.hash().length());
                    signer.init(false, (RSAKeyParameters) k);
                    signer.update(message, 0, message.length);
                    return signer.verifySignature(signature);
                }
                case RSA_PKCS1_SHA256:
                case RSA_PKCS1_SHA384:
                case RSA_PKCS1_SHA512:
                    return k instanceof RSAKeyParameters
                            && rsaLengthOk((RSAKeyParameters) k, signature)
                            && verifyPkcs1((RSAKeyParameters) k, scheme.hash(), message, signature);
                default:
                    return false;
            }
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean rsaLengthOk(RSAKeyParameters k, byte[] signature) {
        return signature.length == (k.getModulus().bitLength() + 7) / 8;
    }

    /** RFC 8017 §8.2.2 by re-encoding ({@link RsaPkcs1}); the raw public operation is RSAEngine's. */
    private static boolean verifyPkcs1(RSAKeyParameters pub, HashAlgorithm hash, byte[] message, byte[] signature) {
        if (new BigInteger(1, signature).compareTo(pub.getModulus()) >= 0) {
            return false;
        }
        RSAEngine engine = new RSAEngine();
        engine.init(false, pub);
        byte[] raw = engine.processBlock(signature, 0, signature.length);
        byte[] em = Bytes.fixed(new BigInteger(1, raw), signature.length);
        return RsaPkcs1.matches(em, hash, hash(hash, message));
    }

    static byte[] hash(HashAlgorithm algorithm, byte[] message) {
        Digest d = BcHashBackend.digest(algorithm);
        d.update(message, 0, message.length);
        byte[] out = new byte[d.getDigestSize()];
        d.doFinal(out, 0);
        return out;
    }

    private static RSAPrivateCrtKeyParameters rsaPrivate(Object k) {
        if (!(k instanceof RSAPrivateCrtKeyParameters)) {
            throw new IllegalArgumentException("not an RSA private key with CRT parameters");
        }
        return (RSAPrivateCrtKeyParameters) k;
    }

    private static Object convertPrivate(Key key) {
        if (key instanceof ECPrivateKey) {
            NistCurve curve = BcCurves.curveOf((ECKey) key);
            if (curve == null) {
                throw new IllegalArgumentException("EC key not on P-256 or P-384");
            }
            BigInteger d = ((ECPrivateKey) key).getS();
            if (d.signum() <= 0 || d.compareTo(curve.order()) >= 0) {
                throw new IllegalArgumentException("EC private scalar out of range");
            }
            return new ECPrivateKeyParameters(d, BcCurves.of(curve));
        }
        if (key instanceof RSAPrivateCrtKey) {
            RSAPrivateCrtKey r = (RSAPrivateCrtKey) key;
            // Blinding in RSABlindedEngine needs the public exponent, which CRT keys carry.
            return new RSAPrivateCrtKeyParameters(r.getModulus(), r.getPublicExponent(), r.getPrivateExponent(),
                    r.getPrimeP(), r.getPrimeQ(), r.getPrimeExponentP(), r.getPrimeExponentQ(), r.getCrtCoefficient());
        }
        if (key instanceof RSAKey) {
            throw new IllegalArgumentException("RSA private key without CRT parameters");
        }
        byte[] enc = key.getEncoded();
        if (enc == null) {
            throw new IllegalArgumentException("key has no encoding: " + key.getAlgorithm());
        }
        try {
            AsymmetricKeyParameter p = PrivateKeyFactory.createKey(enc);
            if (p instanceof Ed25519PrivateKeyParameters) {
                return new EdPrivate((Ed25519PrivateKeyParameters) p);
            }
            throw new IllegalArgumentException("unsupported private key " + key.getAlgorithm());
        } catch (IOException e) {
            throw new IllegalArgumentException("undecodable private key", e);
        }
    }

    private static Object convertPublic(Key key) {
        if (key instanceof ECPublicKey) {
            NistCurve curve = BcCurves.curveOf((ECKey) key);
            if (curve == null) {
                throw new IllegalArgumentException("EC key not on P-256 or P-384");
            }
            java.security.spec.ECPoint w = ((ECPublicKey) key).getW();
            return new ECPublicKeyParameters(BcCurves.point(curve, w.getAffineX(), w.getAffineY()), BcCurves.of(curve));
        }
        if (key instanceof RSAPublicKey) {
            RSAPublicKey r = (RSAPublicKey) key;
            return new RSAKeyParameters(false, r.getModulus(), r.getPublicExponent());
        }
        byte[] enc = key.getEncoded();
        if (enc == null) {
            throw new IllegalArgumentException("key has no encoding: " + key.getAlgorithm());
        }
        try {
            AsymmetricKeyParameter p = PublicKeyFactory.createKey(enc);
            if (p instanceof Ed25519PublicKeyParameters) {
                return p;
            }
            throw new IllegalArgumentException("unsupported public key " + key.getAlgorithm());
        } catch (IOException e) {
            throw new IllegalArgumentException("undecodable public key", e);
        }
    }
}
