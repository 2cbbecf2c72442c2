package dev.herald.tls.crypto;

/** The AEAD ciphers of our cipher suites (all with a 16-byte tag and a 12-byte nonce). */
public enum AeadAlgorithm {
    AES_128_GCM(16),
    AES_256_GCM(32),
    CHACHA20_POLY1305(32);

    public static final int TAG_LENGTH = 16;
    public static final int NONCE_LENGTH = 12;

    private final int keyLength;

    AeadAlgorithm(int keyLength) {
        this.keyLength = keyLength;
    }

    public int keyLength() {
        return keyLength;
    }
}
