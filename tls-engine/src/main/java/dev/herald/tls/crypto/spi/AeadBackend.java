package dev.herald.tls.crypto.spi;

import dev.herald.tls.crypto.Aead;
import dev.herald.tls.crypto.AeadAlgorithm;

/** One backend's AEAD ciphers; each {@link Aead} it returns keeps its cipher state for reuse. */
public interface AeadBackend {
    String name();

    /**
     * A keyed AEAD.
     *
     * @throws IllegalArgumentException if the key length does not fit the algorithm
     */
    Aead newAead(AeadAlgorithm algorithm, byte[] key);
}
