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

    /**
     * Copies as much of {@code src} as fits; returns the number of bytes taken. When not all of
     * it fits, it stops at the last record boundary that does, so that the buffer empties
     * completely once its records are processed and the next write need not move a partial
     * record to the front first.
     */
    public int write(ByteBuffer src) {
        int n = Math.min(src.remaining(), makeRoom(src.remaining()));
        if (n < src.remaining()) {
            n = src.hasArray() ? wholeRecords(src.array(), src.arrayOffset() + src.position(), null, n)
                    : wholeRecords(null, 0, src, n);
        }
        src.get(buf, end, n);
        end += n;
        return n;
    }

    public int write(byte[] src, int off, int len) {
        int n = Math.min(len, makeRoom(len));
        if (n < len) {
            n = wholeRecords(src, off, null, n);
        }
        System.arraycopy(src, off, buf, end, n);
        end += n;
        return n;
    }

    /**
     * Of the {@code n} bytes about to be taken from the input ({@code array} at {@code off}, or
     * {@code buffer} from its position when there is no array), how many end at the last record
     * boundary: found from the declared record lengths, starting at the first record not yet
     * complete in our buffer. Returns {@code n} when there is no such boundary inside the input
     * (then framing goes on as before); the lengths are checked later by {@link #next()}.
     */
    private int wholeRecords(byte[] array, int off, ByteBuffer buffer, int n) {
        int pos = start;
        while (end - pos >= RecordLimits.HEADER_LENGTH) {
            int length = ((buf[pos + 3] & 0xff) << 8) | (buf[pos + 4] & 0xff);
            if (end - pos < RecordLimits.HEADER_LENGTH + length) {
                break;
            }
            pos += RecordLimits.HEADER_LENGTH + length;
        }
        // Walk the records that begin at pos, over our buffered tail and then the input.
        int buffered = end - pos;
        int available = buffered + n;
        int v = 0;
        while (available - v >= RecordLimits.HEADER_LENGTH) {
            int length = ((at(pos, buffered, array, off, buffer, v + 3) & 0xff) << 8)
                    | (at(pos, buffered, array, off, buffer, v + 4) & 0xff);
            if (available - v < RecordLimits.HEADER_LENGTH + length) {
                break;
            }
            v += RecordLimits.HEADER_LENGTH + length;
        }
        int take = v - buffered;
        return take > 0 ? take : n;
    }

    private byte at(int pos, int buffered, byte[] array, int off, ByteBuffer buffer, int i) {
        if (i < buffered) {
            return buf[pos + i];
        }
        int j = i - buffered;
        return array != null ? array[off + j] : buffer.get(buffer.position() + j);
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
