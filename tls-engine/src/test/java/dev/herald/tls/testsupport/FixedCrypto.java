package dev.herald.tls.testsupport;

import dev.herald.tls.crypto.Aead;
import dev.herald.tls.crypto.AeadAlgorithm;
import dev.herald.tls.crypto.HashAlgorithm;
import dev.herald.tls.crypto.InvalidPeerKeyException;
import dev.herald.tls.crypto.KeyExchange;
import dev.herald.tls.crypto.NamedGroup;
import dev.herald.tls.crypto.SignatureScheme;
import dev.herald.tls.crypto.TlsCrypto;
import dev.herald.tls.crypto.TlsCryptos;
import dev.herald.tls.crypto.TranscriptHash;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * The production crypto with its two sources of freshness pinned, for known-answer tests of
 * whole flights: {@link #random()} returns the given bytes, and X25519 key pairs use the given
 * private key.
 */
public final class FixedCrypto implements TlsCrypto {
    private final TlsCrypto delegate = TlsCryptos.defaultCrypto();
    private final byte[] randomBytes;
    private final byte[] x25519Private;

    public FixedCrypto(byte[] randomBytes, byte[] x25519Private) {
        this.randomBytes = randomBytes.clone();
        this.x25519Private = x25519Private.clone();
    }

    @Override
    public SecureRandom random() {
        return new SecureRandom() {
            private static final long serialVersionUID = 1L;
            private int pos;

            @Override
            public void nextBytes(byte[] bytes) {
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = randomBytes[pos++ % randomBytes.length];
                }
            }
        };
    }

    @Override
    public TranscriptHash newHash(HashAlgorithm algorithm) {
        return delegate.newHash(algorithm);
    }

    @Override
    public byte[] hmac(HashAlgorithm algorithm, byte[] key, byte[]... data) {
        return delegate.hmac(algorithm, key, data);
    }

    @Override
    public byte[] hkdfExtract(HashAlgorithm algorithm, byte[] salt, byte[] ikm) {
        return delegate.hkdfExtract(algorithm, salt, ikm);
    }

    @Override
    public byte[] hkdfExpand(HashAlgorithm algorithm, byte[] prk, byte[] info, int length) {
        return delegate.hkdfExpand(algorithm, prk, info, length);
    }

    @Override
    public Aead newAead(AeadAlgorithm algorithm, byte[] key) {
        return delegate.newAead(algorithm, key);
    }

    @Override
    public KeyExchange newKeyExchange(NamedGroup group) {
        if (group != NamedGroup.X25519) {
            return delegate.newKeyExchange(group);
        }
        byte[] pub = new byte[32];
        X25519.scalarMultBase(x25519Private, 0, pub, 0);
        return new KeyExchange() {
            @Override
            public NamedGroup group() {
                return NamedGroup.X25519;
            }

            @Override
            public byte[] publicKey() {
                return pub.clone();
            }

            @Override
            public byte[] agree(byte[] peer) throws InvalidPeerKeyException {
                if (peer.length != 32) {
                    throw new InvalidPeerKeyException("bad length");
                }
                byte[] out = new byte[32];
                if (!X25519.calculateAgreement(x25519Private, 0, peer, 0, out, 0)) {
                    throw new InvalidPeerKeyException("all-zero shared secret");
                }
                return out;
            }
        };
    }

    @Override
    public byte[] sign(SignatureScheme scheme, PrivateKey key, byte[] message) {
        return delegate.sign(scheme, key, message);
    }

    @Override
    public boolean verify(SignatureScheme scheme, PublicKey key, byte[] message, byte[] signature) {
        return delegate.verify(scheme, key, message, signature);
    }

    @Override
    public boolean verifyTls12(SignatureScheme scheme, PublicKey key, byte[] message, byte[] signature) {
        return delegate.verifyTls12(scheme, key, message, signature);
    }
}
