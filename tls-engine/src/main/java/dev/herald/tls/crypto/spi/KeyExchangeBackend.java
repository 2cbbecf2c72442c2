package dev.herald.tls.crypto.spi;

import dev.herald.tls.crypto.KeyExchange;
import dev.herald.tls.crypto.NamedGroup;
import java.security.SecureRandom;

/**
 * One backend's ephemeral key agreement. {@link #fromPrivateKey} exists so that known-answer
 * tests (Wycheproof, RFC 8448) run through exactly the code that production uses.
 */
public interface KeyExchangeBackend {
    String name();

    /** A fresh key pair on {@code group}. */
    KeyExchange generate(NamedGroup group, SecureRandom random);

    /**
     * A key pair from a given private key: X25519 takes the 32-byte scalar of RFC 7748 §5;
     * the NIST curves take the big-endian private scalar (leading zero bytes allowed).
     *
     * @throws IllegalArgumentException if the private key is malformed
     */
    KeyExchange fromPrivateKey(NamedGroup group, byte[] privateKey);
}
