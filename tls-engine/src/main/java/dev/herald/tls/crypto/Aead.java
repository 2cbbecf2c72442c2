package dev.herald.tls.crypto;

/**
 * An AEAD keyed for one direction (RFC 5116 interface). {@code in} and {@code out} may be the
 * same array at the same offset (in-place protection of a record).
 */
public interface Aead {
    AeadAlgorithm algorithm();

    /**
     * Encrypts {@code in[inOff, inOff+len)} and writes ciphertext plus tag at {@code out[outOff]}.
     *
     * @return the number of bytes written ({@code len + tagLength})
     */
    int seal(byte[] nonce, byte[] aad, byte[] in, int inOff, int len, byte[] out, int outOff);

    /**
     * Encrypts {@code in[inOff, inOff+len)} followed by {@code suffix[0, suffixLen)} as one
     * message (a TLS 1.3 record's content and its type byte and padding) and writes ciphertext
     * plus tag at {@code out[outOff]}, which must not overlap {@code in}.
     *
     * @return the number of bytes written ({@code len + suffixLen + tagLength})
     */
    default int seal(byte[] nonce, byte[] aad, byte[] in, int inOff, int len, byte[] suffix, int suffixLen,
            byte[] out, int outOff) {
        System.arraycopy(in, inOff, out, outOff, len);
        System.arraycopy(suffix, 0, out, outOff + len, suffixLen);
        return seal(nonce, aad, out, outOff, len + suffixLen, out, outOff);
    }

    /**
     * Decrypts and authenticates {@code in[inOff, inOff+len)} (ciphertext followed by tag) and
     * writes the plaintext at {@code out[outOff]}. On failure nothing usable is written.
     *
     * @return the plaintext length ({@code len - tagLength})
     * @throws BadTagException if the tag does not verify or the input is shorter than a tag
     */
    int open(byte[] nonce, byte[] aad, byte[] in, int inOff, int len, byte[] out, int outOff)
            throws BadTagException;
}
