package dev.herald.tls.crypto.jca;

import dev.herald.tls.crypto.InvalidPeerKeyException;
import dev.herald.tls.crypto.KeyExchange;
import dev.herald.tls.crypto.NamedGroup;
import dev.herald.tls.crypto.spi.Bytes;
import dev.herald.tls.crypto.spi.KeyExchangeBackend;
import dev.herald.tls.crypto.spi.NistCurve;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import javax.crypto.KeyAgreement;

/**
 * X25519 (XDH) and ECDH on P-256 / P-384 from SunEC. Peer keys are validated here before SunEC
 * sees them (exact length, uncompressed form, on the curve), so the rules do not depend on the
 * provider's own checks.
 */
public final class JcaKeyExchangeBackend implements KeyExchangeBackend {
    private static final String PROVIDER = "SunEC";
    private static final int X25519_LENGTH = 32;

    @Override
    public String name() {
        return "jca";
    }

    @Override
    public KeyExchange generate(NamedGroup group, SecureRandom random) {
        try {
            KeyPairGenerator kpg;
            if (group == NamedGroup.X25519) {
                kpg = KeyPairGenerator.getInstance("X25519", PROVIDER);
                kpg.initialize(NamedParameterSpec.X25519, random);
            } else {
                kpg = KeyPairGenerator.getInstance("EC", PROVIDER);
                kpg.initialize(new ECGenParameterSpec(NistCurve.of(group).curveName()), random);
            }
            KeyPair kp = kpg.generateKeyPair();
            return new JcaKeyExchange(group, kp.getPrivate(), encode(group, kp.getPublic()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("key generation failed for " + group, e);
        }
    }

    @Override
    public KeyExchange fromPrivateKey(NamedGroup group, byte[] privateKey) {
        try {
            if (group == NamedGroup.X25519) {
                if (privateKey.length != X25519_LENGTH) {
                    throw new IllegalArgumentException("X25519 private key must be 32 bytes");
                }
                KeyFactory kf = KeyFactory.getInstance("X25519", PROVIDER);
                PrivateKey priv = kf.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, privateKey.clone()));
                // Public key = X25519(k, 9): agree with the base point's encoding.
                byte[] base = new byte[X25519_LENGTH];
                base[0] = 9;
                byte[] pub = agreeX25519(priv, base);
                return new JcaKeyExchange(group, priv, pub);
            }
            NistCurve curve = NistCurve.of(group);
            BigInteger d = new BigInteger(1, privateKey);
            if (d.signum() == 0 || d.compareTo(curve.order()) >= 0) {
                throw new IllegalArgumentException("private scalar out of range");
            }
            KeyFactory kf = KeyFactory.getInstance("EC", PROVIDER);
            PrivateKey priv = kf.generatePrivate(new ECPrivateKeySpec(d, curve.spec()));
            byte[] pub = publicFromPrivate(curve, d);
            return new JcaKeyExchange(group, priv, pub);
        } catch (GeneralSecurityException | InvalidPeerKeyException e) {
            throw new IllegalArgumentException("bad private key for " + group, e);
        }
    }

    /**
     * d*G for a given private scalar. SunEC has no public API for it, so this known-answer
     * path (never used for generated keys) borrows Bouncy Castle's fixed-base multiplier.
     */
    private static byte[] publicFromPrivate(NistCurve curve, BigInteger d) {
        org.bouncycastle.math.ec.ECPoint q = org.bouncycastle.crypto.ec.CustomNamedCurves
                .getByName(curve.curveName()).getG().multiply(d).normalize();
        return curve.encodeUncompressed(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
    }

    private static byte[] encode(NamedGroup group, PublicKey pub) {
        if (group == NamedGroup.X25519) {
            // RFC 7748 §5: little-endian u-coordinate.
            byte[] be = Bytes.fixed(((XECPublicKey) pub).getU(), X25519_LENGTH);
            return Bytes.reverse(be);
        }
        ECPoint w = ((ECPublicKey) pub).getW();
        return NistCurve.of(group).encodeUncompressed(w.getAffineX(), w.getAffineY());
    }

    static byte[] agreeX25519(PrivateKey priv, byte[] peer) throws InvalidPeerKeyException {
        if (peer == null || peer.length != X25519_LENGTH) {
            throw new InvalidPeerKeyException("X25519 key share must be 32 bytes");
        }
        byte[] le = peer.clone();
        le[X25519_LENGTH - 1] &= 0x7f; // RFC 7748 §5: mask the unused top bit
        BigInteger u = new BigInteger(1, Bytes.reverse(le));
        try {
            KeyFactory kf = KeyFactory.getInstance("X25519", PROVIDER);
            PublicKey pub = kf.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, u));
            KeyAgreement ka = KeyAgreement.getInstance("X25519", PROVIDER);
            ka.init(priv);
            ka.doPhase(pub, true);
            byte[] secret = ka.generateSecret();
            if (Bytes.isAllZero(secret)) {
                throw new InvalidPeerKeyException("X25519 shared secret is all zero");
            }
            return secret;
        } catch (InvalidKeyException e) {
            // SunEC refuses small-order points (all-zero result) with this exception.
            throw new InvalidPeerKeyException("X25519 peer key rejected: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("X25519 failed", e);
        }
    }

    /** One ephemeral key pair; agree() may be called once or more with different peers. */
    private static final class JcaKeyExchange implements KeyExchange {
        private final NamedGroup group;
        private final PrivateKey privateKey;
        private final byte[] publicKey;

        JcaKeyExchange(NamedGroup group, PrivateKey privateKey, byte[] publicKey) {
            this.group = group;
            this.privateKey = privateKey;
            this.publicKey = publicKey;
        }

        @Override
        public NamedGroup group() {
            return group;
        }

        @Override
        public byte[] publicKey() {
            return publicKey.clone();
        }

        @Override
        public byte[] agree(byte[] peerPublicKey) throws InvalidPeerKeyException {
            if (group == NamedGroup.X25519) {
                return agreeX25519(privateKey, peerPublicKey);
            }
            NistCurve curve = NistCurve.of(group);
            BigInteger[] xy = curve.decodeUncompressed(peerPublicKey);
            if (xy == null) {
                throw new InvalidPeerKeyException(group.tlsName() + " key share is not an uncompressed point on the curve");
            }
            try {
                KeyFactory kf = KeyFactory.getInstance("EC", PROVIDER);
                PublicKey peer = kf.generatePublic(new ECPublicKeySpec(new ECPoint(xy[0], xy[1]), curve.spec()));
                KeyAgreement ka = KeyAgreement.getInstance("ECDH", PROVIDER);
                ka.init(privateKey);
                ka.doPhase(peer, true);
                byte[] secret = ka.generateSecret();
                // SunEC already returns the field-length x coordinate; normalise defensively.
                return secret.length == curve.fieldLength() ? secret : Bytes.fixed(new BigInteger(1, secret), curve.fieldLength());
            } catch (InvalidKeyException e) {
                throw new InvalidPeerKeyException(group.tlsName() + " peer key rejected: " + e.getMessage());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("ECDH failed", e);
            }
        }
    }
}
