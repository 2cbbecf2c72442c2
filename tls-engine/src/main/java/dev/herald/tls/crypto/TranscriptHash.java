package dev.herald.tls.crypto;

/** An incremental hash whose current value can be read without ending it (TLS transcripts). */
public interface TranscriptHash {
    HashAlgorithm algorithm();

    void update(byte[] data, int offset, int length);

    default void update(byte[] data) {
        update(data, 0, data.length);
    }

    /** The hash of everything so far; the hash goes on accepting input afterwards. */
    byte[] current();

    /** An independent copy with the same state. */
    TranscriptHash copy();
}
