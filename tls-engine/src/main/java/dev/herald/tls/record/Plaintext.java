package dev.herald.tls.record;

/**
 * A record with protection removed: its (inner) content type and where its content lies in the
 * buffer it was decrypted into (valid only until the next record is read). {@code wasProtected}
 * is false for the plaintext records a TLS 1.3 peer may still send after keys changed (the
 * dummy change_cipher_spec, an early alert); the engine decides whether to accept them.
 */
public record Plaintext(int type, byte[] buffer, int offset, int length, boolean wasProtected) {
    public Plaintext(int type, byte[] buffer, int offset, int length) {
        this(type, buffer, offset, length, true);
    }

    /** A copy of the content. */
    public byte[] copy() {
        byte[] out = new byte[length];
        System.arraycopy(buffer, offset, out, 0, length);
        return out;
    }
}
