package dev.herald.tls.crypto.spi;

import dev.herald.tls.crypto.SignatureScheme;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;

/**
 * One backend's signature schemes. Keys are plain {@code java.security} keys from any provider
 * (SunEC, SunRsaSign, Bouncy Castle's provider); a backend that needs its own representation
 * converts once per key object and caches the result ({@link KeyCache}).
 */
public interface SignatureBackend {
    String name();

    /**
     * Signs the raw message (hashing is part of the scheme).
     *
     * @throws IllegalArgumentException if the key does not fit the scheme
     */
    byte[] sign(SignatureScheme scheme, PrivateKey key, byte[] message, SecureRandom random);

    /** Verifies; false for any malformed signature or key mismatch, never an exception. */
    boolean verify(SignatureScheme scheme, PublicKey key, byte[] message, byte[] signature);
}
