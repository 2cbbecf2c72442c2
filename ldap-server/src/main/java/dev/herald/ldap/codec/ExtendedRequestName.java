package dev.herald.ldap.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads the requestName of an ExtendedRequest (RFC 4511 §4.12) straight from a framed PDU:
 * {@code SEQUENCE { messageID, [APPLICATION 23] { [0] requestName, ... } }}. The framer has
 * already checked the structure, so this only walks it.
 */
final class ExtendedRequestName {

    private ExtendedRequestName() {}

    static String read(ByteBuffer pdu) {
        ByteBuffer b = pdu.duplicate();
        try {
            header(b, 0x30);
            int idLength = header(b, 0x02);
            b.position(b.position() + idLength);
            header(b, 0x77);
            int nameLength = header(b, 0x80);
            byte[] name = new byte[nameLength];
            b.get(name);
            return new String(name, StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Reads a tag (must be {@code expected}) and a definite length; returns the length. */
    private static int header(ByteBuffer b, int expected) {
        int tag = b.get() & 0xff;
        if (tag != expected) {
            throw new IllegalArgumentException("tag " + tag);
        }
        int first = b.get() & 0xff;
        if (first < 0x80) {
            return first;
        }
        int n = first & 0x7f;
        int len = 0;
        for (int i = 0; i < n; i++) {
            len = (len << 8) | (b.get() & 0xff);
        }
        return len;
    }
}
