package dev.herald.tls.crypto;

/** One ephemeral (EC)DHE key pair, used once. */
public interface KeyExchange {
    NamedGroup group();

    /** Our public key in TLS encoding (X25519: 32 bytes; NIST curves: uncompressed point). */
    byte[] publicKey();

    /**
     * Validates the peer's public key (on the curve, not the identity, right length) and
     * returns the shared secret (X25519: 32 bytes, refused when all zero; NIST: the x
     * coordinate, left-padded to the field size).
     */
    byte[] agree(byte[] peerPublicKey) throws InvalidPeerKeyException;
}
