package dev.herald.tls.record;

import dev.herald.tls.AlertDescription;
import dev.herald.tls.TlsException;

/** The initial, unprotected state (TLSPlaintext). */
public final class NullProtection implements RecordProtection {
    public static final NullProtection INSTANCE = new NullProtection();

    private NullProtection() {
    }

    @Override
    public boolean isEncrypting() {
        return false;
    }

    @Override
    public byte[] seal(int contentType, byte[] src, int off, int len, int padding) {
        byte[] out = new byte[RecordLimits.HEADER_LENGTH + len];
        Records.writeHeader(out, 0, contentType, len);
        System.arraycopy(src, off, out, RecordLimits.HEADER_LENGTH, len);
        return out;
    }

    @Override
    public Plaintext open(byte[] buf, int headerOff, int fragmentLength) throws TlsException {
        int type = buf[headerOff] & 0xff;
        if (fragmentLength > RecordLimits.MAX_PLAINTEXT) {
            throw TlsException.local(AlertDescription.RECORD_OVERFLOW, "plaintext record of " + fragmentLength + " bytes");
        }
        if (type == ContentType.APPLICATION_DATA) {
            // RFC 8446 §5 / RFC 5246 §7.4.9: no application data before keys are in place.
            throw TlsException.local(AlertDescription.UNEXPECTED_MESSAGE, "application data before the handshake finished");
        }
        return new Plaintext(type, buf, headerOff + RecordLimits.HEADER_LENGTH, fragmentLength, false);
    }
}
