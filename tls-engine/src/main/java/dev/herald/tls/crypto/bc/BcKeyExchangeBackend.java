package dev.herald.tls.crypto.bc;

import dev.herald.tls.crypto.InvalidPeerKeyException;
import dev.herald.tls.crypto.KeyExchange;
import dev.herald.tls.crypto.NamedGroup;
import dev.herald.tls.crypto.spi.Bytes;
import dev.herald.tls.crypto.spi.KeyExchangeBackend;
import dev.herald.tls.crypto.spi.NistCurve;
import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.agreement.ECDHBasicAgreement;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * X25519 and ECDH on P-256 / P-384 from Bouncy Castle's lightweight API. Constant-time where
 * a secret is involved: X25519 is BC's Montgomery ladder (rfc7748 package); NIST key
 * generation uses the fixed-base comb with constant-time table lookups; the ECDH
 * multiplication of the peer's point goes through {@code ECAlgorithms.multiplySecret}
 * (BC's {@code ECConstantTimeMultiplier}). Peer points are checked with the same rules as the
 * JCA backend ({@link NistCurve#decodeUncompressed}) and again by BC.
 */
public final class BcKeyExchangeBackend implements KeyExchangeBackend {
    private static final int X25519_LENGTH = 32;

    @Override
    public String name() {
        return "bc";
    }

    @Override
    public KeyExchange generate(NamedGroup group, SecureRandom random) {
        if (group == NamedGroup.X25519) {
            return new X25519Exchange(new X25519PrivateKeyParameters(random));
        }
        NistCurve curve = NistCurve.of(group);
        ECKeyPairGenerator gen = new ECKeyPairGenerator();
        gen.init(new ECKeyGenerationParameters(BcCurves.of(curve), random));
        AsymmetricCipherKeyPair kp = gen.generateKeyPair();
        return new EcdhExchange(group, curve, (ECPrivateKeyParameters) kp.getPrivate(),
                ((ECPublicKeyParameters) kp.getPublic()).getQ().getEncoded(false));
    }

    @Override
    public KeyExchange fromPrivateKey(NamedGroup group, byte[] privateKey) {
        if (group == NamedGroup.X25519) {
            if (privateKey.length != X25519_LENGTH) {
                throw new IllegalArgumentException("X25519 private key must be 32 bytes");
            }
            return new X25519Exchange(new X25519PrivateKeyParameters(privateKey, 0));
        }
        NistCurve curve = NistCurve.of(group);
        ECDomainParameters domain = BcCurves.of(curve);
        BigInteger d = new BigInteger(1, privateKey);
        if (d.signum() == 0 || d.compareTo(domain.getN()) >= 0) {
            throw new IllegalArgumentException("private scalar out of range");
        }
        byte[] pub = new FixedPointCombMultiplier().multiply(domain.getG(), d).normalize().getEncoded(false);
        return new EcdhExchange(group, curve, new ECPrivateKeyParameters(d, domain), pub);
    }

    private static final class X25519Exchange implements KeyExchange {
        private final X25519PrivateKeyParameters privateKey;
        private final byte[] publicKey;

        X25519Exchange(X25519PrivateKeyParameters privateKey) {
            this.privateKey = privateKey;
            this.publicKey = privateKey.generatePublicKey().getEncoded();
        }

        @Override
        public NamedGroup group() {
            return NamedGroup.X25519;
        }

        @Override
        public byte[] publicKey() {
            return publicKey.clone();
        }

        @Override
        public byte[] agree(byte[] peerPublicKey) throws InvalidPeerKeyException {
            if (peerPublicKey == null || peerPublicKey.length != X25519_LENGTH) {
                throw new InvalidPeerKeyException("X25519 key share must be 32 bytes");
            }
            byte[] secret = new byte[X25519_LENGTH];
            try {
                privateKey.generateSecret(new X25519PublicKeyParameters(peerPublicKey, 0), secret, 0);
            } catch (IllegalStateException e) {
                // BC signals the all-zero result (small-order peer point) this way.
                throw new InvalidPeerKeyException("X25519 shared secret is all zero");
            }
            if (Bytes.isAllZero(secret)) {
                throw new InvalidPeerKeyException("X25519 shared secret is all zero");
            }
            return secret;
        }
    }

    private static final class EcdhExchange implements KeyExchange {
        private final NamedGroup group;
        private final NistCurve curve;
        private final ECPrivateKeyParameters privateKey;
        private final byte[] publicKey;

        EcdhExchange(NamedGroup group, NistCurve curve, ECPrivateKeyParameters privateKey, byte[] publicKey) {
            this.group = group;
            this.curve = curve;
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
            BigInteger[] xy = curve.decodeUncompressed(peerPublicKey);
            if (xy == null) {
                throw new InvalidPeerKeyException(group.tlsName() + " key share is not an uncompressed point on the curve");
            }
            try {
                ECPublicKeyParameters peer = new ECPublicKeyParameters(BcCurves.point(curve, xy[0], xy[1]), privateKey.getParameters());
                ECDHBasicAgreement agreement = new ECDHBasicAgreement();
                agreement.init(privateKey);
                return Bytes.fixed(agreement.calculateAgreement(peer), curve.fieldLength());
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new InvalidPeerKeyException(group.tlsName() + " peer key rejected: " + e.getMessage());
            }
        }
    }
}
