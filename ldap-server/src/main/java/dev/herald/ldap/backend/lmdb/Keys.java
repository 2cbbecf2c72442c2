package dev.herald.ldap.backend.lmdb;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Byte layouts of keys: entry ids as 8-byte big-endian numbers (so LMDB's byte order is numeric
 * order), and values too long for an LMDB key (511 bytes) shortened to a prefix plus a SHA-256
 * of the whole. The 0xFF marker byte never occurs in UTF-8, so a shortened key cannot equal
 * the key of a shorter string value.
 */
final class Keys {
    /** Longest value kept verbatim in a key; leaves room for an 8-byte id and a kind byte. */
    static final int MAX_VERBATIM = 400;
    private static final int PREFIX = 360;

    private Keys() {}

    static byte[] id(long id) {
        byte[] b = new byte[8];
        putId(b, 0, id);
        return b;
    }

    static void putId(byte[] b, int off, long id) {
        for (int i = 7; i >= 0; i--) {
            b[off + i] = (byte) id;
            id >>>= 8;
        }
    }

    static long getId(ByteBuffer buf, int off) {
        return buf.getLong(off); // ByteBuffers from lmdbjava are big-endian by default
    }

    static long getId(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[off + i] & 0xFF);
        }
        return v;
    }

    /** {@code bytes} unchanged when short enough, else prefix + 0xFF + SHA-256(bytes). */
    static byte[] bounded(byte[] bytes) {
        if (bytes.length <= MAX_VERBATIM) {
            return bytes;
        }
        byte[] out = Arrays.copyOf(bytes, PREFIX + 1 + 32);
        out[PREFIX] = (byte) 0xFF;
        System.arraycopy(sha256(bytes), 0, out, PREFIX + 1, 32);
        return out;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String utf8(ByteBuffer buf, int off, int len) {
        byte[] b = new byte[len];
        buf.get(off, b);
        return new String(b, StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static byte[] concat(byte kind, byte[] b) {
        byte[] out = new byte[b.length + 1];
        out[0] = kind;
        System.arraycopy(b, 0, out, 1, b.length);
        return out;
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Byte array of a buffer's remaining bytes, leaving the buffer's position unchanged. */
    static byte[] bytes(ByteBuffer buf) {
        byte[] b = new byte[buf.remaining()];
        buf.get(buf.position(), b);
        return b;
    }

    static boolean startsWith(ByteBuffer buf, byte[] prefix) {
        if (buf.remaining() < prefix.length) {
            return false;
        }
        int p = buf.position();
        for (int i = 0; i < prefix.length; i++) {
            if (buf.get(p + i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
