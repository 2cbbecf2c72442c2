package dev.herald.ldap.codec;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * Adds a zero-length responseValue ({@code [11] ""}) to an encoded ExtendedResponse. The
 * Directory API 2.1.8 encoder leaves an empty value out altogether, but RFC 4532 §2.2 needs
 * it present and empty in the "Who am I?" answer for an anonymous client. The responseValue is
 * the last field of the ExtendedResponse (RFC 4511 §4.12), so the element is appended to the
 * protocolOp and the lengths around it are rewritten.
 */
final class EmptyResponseValue {

    private EmptyResponseValue() {}

    static byte[] append(ByteBuffer encoded) {
        ByteBuffer b = encoded.duplicate();
        expect(b, 0x30);
        int outerLength = length(b);
        int contentStart = b.position();
        int contentEnd = contentStart + outerLength;
        int idStart = b.position();
        expect(b, 0x02);
        int idLength = length(b);
        b.position(b.position() + idLength);
        byte[] messageId = slice(b, idStart, b.position());
        expect(b, 0x78);
        int opLength = length(b);
        byte[] opContent = slice(b, b.position(), b.position() + opLength);
        b.position(b.position() + opLength);
        byte[] rest = slice(b, b.position(), contentEnd);

        ByteArrayOutputStream op = new ByteArrayOutputStream();
        op.write(0x78);
        writeLength(op, opContent.length + 2);
        op.writeBytes(opContent);
        op.write(0x8b);
        op.write(0x00);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        writeLength(out, messageId.length + op.size() + rest.length);
        out.writeBytes(messageId);
        out.writeBytes(op.toByteArray());
        out.writeBytes(rest);
        return out.toByteArray();
    }

    private static void expect(ByteBuffer b, int tag) {
        int t = b.get() & 0xff;
        if (t != tag) {
            throw new IllegalArgumentException("unexpected tag " + t);
        }
    }

    private static int length(ByteBuffer b) {
        int first = b.get() & 0xff;
        if (first < 0x80) {
            return first;
        }
        int len = 0;
        for (int i = 0; i < (first & 0x7f); i++) {
            len = (len << 8) | (b.get() & 0xff);
        }
        return len;
    }

    private static byte[] slice(ByteBuffer b, int from, int to) {
        byte[] out = new byte[to - from];
        ByteBuffer d = b.duplicate();
        d.position(from);
        d.get(out);
        return out;
    }

    static void writeLength(ByteArrayOutputStream out, int length) {
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else if (length < 0x10000) {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length);
        } else if (length < 0x1000000) {
            out.write(0x83);
            out.write(length >> 16);
            out.write(length >> 8);
            out.write(length);
        } else {
            out.write(0x84);
            out.write(length >> 24);
            out.write(length >> 16);
            out.write(length >> 8);
            out.write(length);
        }
    }
}
