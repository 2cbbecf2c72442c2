package dev.herald.tls.crypto;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;

/**
 * The one crypto interface of the TLS engine: hashes, HMAC/HKDF, AEAD record protection,
 * ephemeral key agreement and handshake signatures. The engine never calls JCA or Bouncy
 * Castle directly; an implementation picks, per primitive, the fastest correct backend on this
 * platform (chosen by the JMH benchmark kept beside the tests, not by taste).
 */
public interface TlsCrypto {

    /** The source of randomness for ServerHello.random, ephemeral keys and padding. */
    SecureRandom random();

    /** A fresh incremental hash (used for the handshake transcript). */
    TranscriptHash newHash(HashAlgorithm algorithm);

    /** HMAC over the concatenation of {@code data}. */
    byte[] hmac(HashAlgorithm algorithm, byte[] key, byte[]... data);

    /** HKDF-Extract (RFC 5869 §2.2). A null or empty salt means HashLen zero bytes. */
    byte[] hkdfExtract(HashAlgorithm algorithm, byte[] salt, byte[] ikm);

    /** HKDF-Expand (RFC 5869 §2.3). */
    byte[] hkdfExpand(HashAlgorithm algorithm, byte[] prk, byte[] info, int length);

    /**
     * A keyed AEAD for one direction of one connection. The object is reused for every
     * record sent (or received) under that key, so implementations keep their cipher state.
     */
    Aead newAead(AeadAlgorithm algorithm, byte[] key);

    /** A fresh ephemeral key pair on {@code group} for one handshake. */
    KeyExchange newKeyExchange(NamedGroup group);

    /**
     * Signs {@code message} (the raw signed content; hashing is part of the scheme).
     *
     * @throws IllegalArgumentException if the key does not fit the scheme
     */
    byte[] sign(SignatureScheme scheme, PrivateKey key, byte[] message);

    /**
     * Verifies a signature. Returns false for any malformed signature or key/scheme
     * mismatch; never throws for bad input from the peer.
     */
    boolean verify(SignatureScheme scheme, PublicKey key, byte[] message, byte[] signature);

    /**
     * {@link #verify} under TLS 1.2 rules: there an ECDSA scheme names only the hash (RFC 5246
     * §7.4.1.4.1, RFC 8422 §5.10), so a P-384 key may sign with ecdsa_secp256r1_sha256 and
     * vice versa. TLS 1.3 ties the curve to the scheme (RFC 8446 §4.2.3): use {@link #verify}.
     */
    default boolean verifyTls12(SignatureScheme scheme, PublicKey key, byte[] message, byte[] signature) {
        return verify(scheme, key, message, signature);
    }
}
