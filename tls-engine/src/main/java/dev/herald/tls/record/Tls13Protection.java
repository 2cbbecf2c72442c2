package dev.herald.tls.record;

import dev.herald.tls.AlertDescription;
import dev.herald.tls.TlsException;
import dev.herald.tls.crypto.Aead;
import dev.herald.tls.crypto.AeadAlgorithm;
import dev.herald.tls.crypto.BadTagException;

/**
 * TLS 1.3 record protection (RFC 8446 §5.2): TLSInnerPlaintext = content || type || zeros,
 * sealed with the per-record nonce (§5.3) and the record header as additional data, outer
 * type application_data.
 */
public final class Tls13Protection implements RecordProtection {
    private static final int TAG = AeadAlgorithm.TAG_LENGTH;

    private final Aead aead;
    private final byte[] iv;
    private final byte[] nonce = new byte[AeadAlgorithm.NONCE_LENGTH];
    private final byte[] aad = new byte[RecordLimits.HEADER_LENGTH];
    private final byte[] typeOnly = new byte[1];
    private long seq;

    public Tls13Protection(Aead aead, byte[] iv) {
        if (iv.length != AeadAlgorithm.NONCE_LENGTH) {
            throw new IllegalArgumentException("TLS 1.3 IV must be 12 bytes");
        }
        this.aead = aead;
        this.iv = iv.clone();
    }

    @Override
    public boolean isEncrypting() {
        return true;
    }

    /** Records protected so far under this key. */
    public long sequenceNumber() {
        return seq;
    }

    private long nextSeq() {
        // RFC 8446 §5.3: the sequence number must not wrap; we would have to rekey first.
        if (seq == -1L) {
            throw new IllegalStateException("sequence number exhausted");
        }
        return seq++;
    }

    @Override
    public byte[] seal(int contentType, byte[] src, int off, int len, int padding) {
        int inner = len + 1 + padding;
        int fragment = inner + TAG;
        byte[] out = new byte[RecordLimits.HEADER_LENGTH + fragment];
        Records.writeHeader(out, 0, ContentType.APPLICATION_DATA, fragment);
        // The content goes from src straight into the record; the type byte and the zero
        // padding follow it as a suffix.
        byte[] suffix = padding == 0 ? typeOnly : new byte[1 + padding];
        suffix[0] = (byte) contentType;
        System.arraycopy(out, 0, aad, 0, RecordLimits.HEADER_LENGTH);
        Records.xorNonce(iv, nextSeq(), nonce);
        aead.seal(nonce, aad, src, off, len, suffix, 1 + padding, out, RecordLimits.HEADER_LENGTH);
        return out;
    }

    @Override
    public Plaintext open(byte[] buf, int headerOff, int fragmentLength) throws TlsException {
        int outerType = buf[headerOff] & 0xff;
        if (outerType != ContentType.APPLICATION_DATA) {
            throw TlsException.local(AlertDescription.UNEXPECTED_MESSAGE,
                    "unprotected " + ContentType.name(outerType) + " record after keys changed");
        }
        if (fragmentLength > RecordLimits.MAX_CIPHERTEXT) {
            throw TlsException.local(AlertDescription.RECORD_OVERFLOW, "ciphertext record of " + fragmentLength + " bytes");
        }
        System.arraycopy(buf, headerOff, aad, 0, RecordLimits.HEADER_LENGTH);
        Records.xorNonce(iv, seq, nonce);
        int off = headerOff + RecordLimits.HEADER_LENGTH;
        int n;
        try {
            n = aead.open(nonce, aad, buf, off, fragmentLength, buf, off);
        } catch (BadTagException e) {
            throw TlsException.local(AlertDescription.BAD_RECORD_MAC, "record authentication failed");
        }
        nextSeq();
        // Strip the zero padding; the last non-zero byte is the real content type.
        int i = off + n - 1;
        while (i >= off && buf[i] == 0) {
            i--;
        }
        if (i < off) {
            throw TlsException.local(AlertDescription.UNEXPECTED_MESSAGE, "record with no content type");
        }
        int contentLength = i - off;
        if (contentLength > RecordLimits.MAX_PLAINTEXT || n > RecordLimits.MAX_PLAINTEXT + 1) {
            throw TlsException.local(AlertDescription.RECORD_OVERFLOW, "inner plaintext too long");
        }
        return new Plaintext(buf[i] & 0xff, buf, off, contentLength);
    }
}
