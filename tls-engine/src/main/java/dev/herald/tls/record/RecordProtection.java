package dev.herald.tls.record;

import dev.herald.tls.TlsException;

/**
 * The protection state of one direction: none, TLS 1.3 AEAD (RFC 8446 §5.2-5.3) or TLS 1.2
 * AEAD (RFC 5246 §6.2.3.3, RFC 5288, RFC 7905). Owns the direction's sequence number and its
 * keyed AEAD, which is reused for every record under that key.
 */
public interface RecordProtection {

    /** True once keys are in place (records are encrypted). */
    boolean isEncrypting();

    /**
     * Builds one complete record (header included) carrying {@code len} bytes of content of
     * the given type; {@code padding} zero bytes are added inside TLS 1.3 records.
     */
    byte[] seal(int contentType, byte[] src, int off, int len, int padding);

    /**
     * Removes protection from the record whose header starts at {@code headerOff} in
     * {@code buf}, in place.
     *
     * @throws TlsException bad_record_mac when authentication fails, record_overflow when the
     *     content is longer than 2^14, unexpected_message for an all-padding TLS 1.3 record
     */
    Plaintext open(byte[] buf, int headerOff, int fragmentLength) throws TlsException;
}
