package dev.herald.tls.record;

/** Size limits of the record layer (RFC 8446 §5.1-5.2, RFC 5246 §6.2). */
public final class RecordLimits {
    /** The record header: type, legacy version, length. */
    public static final int HEADER_LENGTH = 5;
    /** Largest plaintext fragment: 2^14. */
    public static final int MAX_PLAINTEXT = 1 << 14;
    /**
     * Largest protected fragment we accept: 2^14 + 256 (RFC 8446 §5.2). TLS 1.2 allows 2^14 +
     * 2048 on the wire, but our AEAD suites expand by 24 bytes, so anything above 2^14 + 256
     * could only decrypt to an oversized plaintext: record_overflow either way.
     */
    public static final int MAX_CIPHERTEXT = (1 << 14) + 256;
    public static final int MAX_RECORD = HEADER_LENGTH + MAX_CIPHERTEXT;

    private RecordLimits() {
    }
}
