package dev.herald.tls.record;

import dev.herald.tls.AlertDescription;
import dev.herald.tls.TlsException;
import java.nio.ByteBuffer;

/**
 * Inbound half of the record layer: buffers ciphertext bytes (at most two maximum-size
 * records), frames records, checks the header (known type, major version 3, length bounds
 * before the body has even arrived) and removes protection in place.
 *
 * <p>It can also skip a rejected 0-RTT flight (RFC 8446 §4.2.10): after a HelloRetryRequest,
 * records of outer type application_data; after a plain ServerHello, records that fail to
 * decrypt with the handshake key, both up to a byte budget.
 */
public final class RecordDecoder {
    /** How many bytes of early data we are willing to skip (0-RTT is never accepted). */
    public static final int EARLY_DATA_SKIP_LIMIT = 1 << 16;

    private final byte[] buf = new byte[2 * RecordLimits.MAX_RECORD];
    private int start;
    private int end;
    private RecordProtection protection = NullProtection.INSTANCE;
    private int skipBudget;
    private boolean skipPlainApplicationData;
    private boolean skipUndecryptable;

    /** Copies as much of {@code src} as fits; returns the number of bytes taken. */
    public int write(ByteBuffer src) {
        int n = Math.min(src.remaining(), makeRoom(src.remaining()));
        src.get(buf, end, n);
        end += n;
        return n;
    }

    public int write(byte[] src, int off, int len) {
        int n = Math.min(len, makeRoom(len));
        System.arraycopy(src, off, buf, end, n);
        end += n;
        return n;
    }

    private int makeRoom(int wanted) {
        if (start == end) {
            start = end = 0;
        } else if (start > 0 && buf.length - end < wanted) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            start = 0;
        }
        return buf.length - end;
    }

    /** Bytes received but not yet framed into a record. */
    public int buffered() {
        return end - start;
    }

    public void setProtection(RecordProtection p) {
        this.protection = p;
    }

    public RecordProtection protection() {
        return protection;
    }

    /** After a HelloRetryRequest: drop application_data records (a rejected 0-RTT flight). */
    public void skipPlainApplicationData() {
        skipPlainApplicationData = true;
        skipBudget = EARLY_DATA_SKIP_LIMIT;
    }

    /** After a ServerHello that rejects 0-RTT: drop records that fail to decrypt. */
    public void skipUndecryptableRecords() {
        skipUndecryptable = true;
        skipBudget = EARLY_DATA_SKIP_LIMIT;
    }

    public void stopSkipping() {
        skipPlainApplicationData = false;
        skipUndecryptable = false;
    }

    /** The next record with protection removed, or null when no complete record is buffered. */
    public Plaintext next() throws TlsException {
        while (true) {
            if (end - start < RecordLimits.HEADER_LENGTH) {
                return null;
            }
            int type = buf[start] & 0xff;
            int major = buf[start + 1] & 0xff;
            int length = ((buf[start + 3] & 0xff) << 8) | (buf[start + 4] & 0xff);
            if (!ContentType.isKnown(type)) {
                throw TlsException.local(AlertDescription.UNEXPECTED_MESSAGE, "unknown record type " + type);
            }
            if (major != 3) {
                throw TlsException.local(AlertDescription.DECODE_ERROR, "record version major " + major);
            }
            boolean encrypted = protection.isEncrypting()
                    && !(protection instanceof Tls13Protection && type != ContentType.APPLICATION_DATA);
            int max = encrypted ? RecordLimits.MAX_CIPHERTEXT : RecordLimits.MAX_PLAINTEXT;
            if (length > max) {
                throw TlsException.local(AlertDescription.RECORD_OVERFLOW, "record of " + length + " bytes");
            }
            if (end - start < RecordLimits.HEADER_LENGTH + length) {
                return null;
            }
            int headerOff = start;
            start += RecordLimits.HEADER_LENGTH + length;

            if (skipPlainApplicationData && type == ContentType.APPLICATION_DATA && !protection.isEncrypting()) {
                consumeBudget(length);
                continue;
            }
            if (!encrypted) {
                return NullProtection.INSTANCE.open(buf, headerOff, length);
            }
            if (skipUndecryptable) {
                try {
                    Plaintext p = protection.open(buf, headerOff, length);
                    skipUndecryptable = false;
                    return p;
                } catch (TlsException e) {
                    if (e.alertCode() != AlertDescription.BAD_RECORD_MAC.code()) {
                        throw e;
                    }
                    consumeBudget(length);
                    continue;
                }
            }
            return protection.open(buf, headerOff, length);
        }
    }

    private void consumeBudget(int length) throws TlsException {
        skipBudget -= length;
        if (skipBudget < 0) {
            throw TlsException.local(AlertDescription.UNEXPECTED_MESSAGE, "too much early data");
        }
    }
}
