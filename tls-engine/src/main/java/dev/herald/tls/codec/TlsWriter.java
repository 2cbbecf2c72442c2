package dev.herald.tls.codec;

import java.util.Arrays;

/**
 * A growable output buffer for TLS structures. Length prefixes are written by
 * {@link #begin8()} / {@link #begin16()} / {@link #begin24()} and filled in by
 * {@link #end(int)} once the vector's content is known, with a range check.
 */
public final class TlsWriter {
    private byte[] buf;
    private int len;

    public TlsWriter() {
        this(256);
    }

    public TlsWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
        }
    }

    public TlsWriter u8(int v) {
        checkRange(v, 0xff);
        ensure(1);
        buf[len++] = (byte) v;
        return this;
    }

    public TlsWriter u16(int v) {
        checkRange(v, 0xffff);
        ensure(2);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
        return this;
    }

    public TlsWriter u24(int v) {
        checkRange(v, 0xffffff);
        ensure(3);
        buf[len++] = (byte) (v >>> 16);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
        return this;
    }

    public TlsWriter u32(long v) {
        if (v < 0 || v > 0xffffffffL) {
            throw new IllegalArgumentException("value out of range: " + v);
        }
        ensure(4);
        buf[len++] = (byte) (v >>> 24);
        buf[len++] = (byte) (v >>> 16);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
        return this;
    }

    public TlsWriter bytes(byte[] b) {
        return bytes(b, 0, b.length);
    }

    public TlsWriter bytes(byte[] b, int off, int n) {
        ensure(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
        return this;
    }

    public TlsWriter opaque8(byte[] b) {
        return u8(b.length).bytes(b);
    }

    public TlsWriter opaque16(byte[] b) {
        return u16(b.length).bytes(b);
    }

    public TlsWriter opaque24(byte[] b) {
        return u24(b.length).bytes(b);
    }

    /** Reserves a 1-byte length prefix; returns a mark for {@link #end(int)}. */
    public int begin8() {
        return begin(1);
    }

    public int begin16() {
        return begin(2);
    }

    public int begin24() {
        return begin(3);
    }

    private int begin(int width) {
        ensure(width);
        int mark = len;
        len += width;
        // The width is remembered in the mark's high bits so end() needs nothing else.
        return mark | (width << 28);
    }

    /** Fills in the length prefix reserved at {@code mark} with the bytes written since. */
    public TlsWriter end(int mark) {
        int width = mark >>> 28;
        int at = mark & 0x0fffffff;
        int n = len - at - width;
        checkRange(n, width == 1 ? 0xff : width == 2 ? 0xffff : 0xffffff);
        for (int i = width - 1; i >= 0; i--) {
            buf[at + i] = (byte) (n >>> (8 * (width - 1 - i)));
        }
        return this;
    }

    public int length() {
        return len;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    private static void checkRange(int v, int max) {
        if (v < 0 || v > max) {
            throw new IllegalArgumentException("value out of range: " + v + " > " + max);
        }
    }
}
