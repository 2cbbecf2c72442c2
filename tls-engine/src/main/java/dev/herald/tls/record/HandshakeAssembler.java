package dev.herald.tls.record;

import dev.herald.tls.AlertDescription;
import dev.herald.tls.TlsException;
import java.util.Arrays;

/**
 * Joins handshake records into handshake messages (RFC 8446 §5.1: a message may span records
 * and a record may hold several messages). A message's declared length is checked against a
 * cap as soon as its 4-byte header is in, so a peer cannot make us buffer more than one
 * capped message plus one record.
 */
public final class HandshakeAssembler {
    /** Cap for every message except Certificate. */
    public static final int MAX_MESSAGE = 64 * 1024;
    /** Cap for Certificate, whose chains can be long. */
    public static final int MAX_CERTIFICATE_MESSAGE = 128 * 1024;
    private static final int CERTIFICATE = 11;

    /** One whole handshake message: its type, body, and the framed bytes for the transcript. */
    public record Message(int type, byte[] body, byte[] encoded) {
    }

    private byte[] buf = new byte[1024];
    private int len;

    public void add(byte[] src, int off, int n) throws TlsException {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
        System.arraycopy(src, off, buf, len, n);
        len += n;
        checkHeader();
    }

    private void checkHeader() throws TlsException {
        if (len >= 4) {
            int type = buf[0] & 0xff;
            int bodyLen = ((buf[1] & 0xff) << 16) | ((buf[2] & 0xff) << 8) | (buf[3] & 0xff);
            int cap = type == CERTIFICATE ? MAX_CERTIFICATE_MESSAGE : MAX_MESSAGE;
            if (bodyLen > cap) {
                throw TlsException.local(AlertDescription.ILLEGAL_PARAMETER,
                        "handshake message type " + type + " of " + bodyLen + " bytes exceeds " + cap);
            }
        }
    }

    /** The next complete message, or null. */
    public Message next() throws TlsException {
        if (len < 4) {
            return null;
        }
        int bodyLen = ((buf[1] & 0xff) << 16) | ((buf[2] & 0xff) << 8) | (buf[3] & 0xff);
        if (len < 4 + bodyLen) {
            return null;
        }
        int type = buf[0] & 0xff;
        byte[] encoded = Arrays.copyOf(buf, 4 + bodyLen);
        byte[] body = Arrays.copyOfRange(buf, 4, 4 + bodyLen);
        System.arraycopy(buf, 4 + bodyLen, buf, 0, len - 4 - bodyLen);
        len -= 4 + bodyLen;
        checkHeader();
        return new Message(type, body, encoded);
    }

    /** True when no partial message is buffered (required at every key change). */
    public boolean isEmpty() {
        return len == 0;
    }
}
