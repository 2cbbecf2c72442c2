package dev.herald.tls.crypto.spi;

import dev.herald.tls.crypto.HashAlgorithm;
import dev.herald.tls.crypto.TranscriptHash;

/**
 * One backend's hashes and HMAC. HKDF is built on {@link #hmac} by the composing
 * {@code TlsCrypto}, so every backend gets the same RFC 5869 code.
 */
public interface HashBackend {
    /** A short backend name for logs and benchmark tables ("jca", "bc"). */
    String name();

    TranscriptHash newHash(HashAlgorithm algorithm);

    /** HMAC (RFC 2104) of the concatenation of {@code data} under {@code key}. */
    byte[] hmac(HashAlgorithm algorithm, byte[] key, byte[]... data);
}
