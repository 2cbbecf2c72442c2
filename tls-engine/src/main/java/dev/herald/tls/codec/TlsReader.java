package dev.herald.tls.codec;

import dev.herald.tls.AlertDescription;
import dev.herald.tls.TlsException;

/**
 * A bounds-checked cursor over a slice of bytes, for TLS presentation-language structures
 * (RFC 8446 §3). Every length-prefixed vector is read through {@link #sub8()} /
 * {@link #sub16()} / {@link #sub24()}, which narrow a new reader to exactly the declared
 * length (failing when the declared length exceeds what is left), so an inner structure can
 * never read its neighbour's bytes. {@link #expectEnd()} turns leftover bytes into an error.
 * All failures are decode_error.
 */
public final class TlsReader {
    private final byte[] buf;
    private int pos;
    private final int limit;

    public TlsReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    public TlsReader(byte[] buf, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > buf.length) {
            throw new IndexOutOfBoundsException();
        }
        this.buf = buf;
        this.pos = offset;
        this.limit = offset + length;
    }

    public int remaining() {
        return limit - pos;
    }

    public boolean hasRemaining() {
        return pos < limit;
    }

    private void need(int n, String what) throws TlsException {
        if (n < 0 || limit - pos < n) {
            throw decodeError("truncated " + what + ": need " + n + " bytes, " + (limit - pos) + " left");
        }
    }

    public int u8() throws TlsException {
        need(1, "uint8");
        return buf[pos++] & 0xff;
    }

    public int u16() throws TlsException {
        need(2, "uint16");
        int v = ((buf[pos] & 0xff) << 8) | (buf[pos + 1] & 0xff);
        pos += 2;
        return v;
    }

    public int u24() throws TlsException {
        need(3, "uint24");
        int v = ((buf[pos] & 0xff) << 16) | ((buf[pos + 1] & 0xff) << 8) | (buf[pos + 2] & 0xff);
        pos += 3;
        return v;
    }

    public long u32() throws TlsException {
        need(4, "uint32");
        long v = ((long) (buf[pos] & 0xff) << 24) | ((buf[pos + 1] & 0xff) << 16)
                | ((buf[pos + 2] & 0xff) << 8) | (buf[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    /** Exactly {@code n} bytes, copied. */
    public byte[] bytes(int n) throws TlsException {
        need(n, "field");
        byte[] out = new byte[n];
        System.arraycopy(buf, pos, out, 0, n);
        pos += n;
        return out;
    }

    /** A reader over the next {@code n} bytes; this reader moves past them. */
    public TlsReader sub(int n) throws TlsException {
        need(n, "vector");
        TlsReader r = new TlsReader(buf, pos, n);
        pos += n;
        return r;
    }

    public TlsReader sub8() throws TlsException {
        return sub(u8());
    }

    public TlsReader sub16() throws TlsException {
        return sub(u16());
    }

    public TlsReader sub24() throws TlsException {
        return sub(u24());
    }

    /** opaque data&lt;0..2^8-1&gt;. */
    public byte[] opaque8() throws TlsException {
        return bytes(u8());
    }

    public byte[] opaque16() throws TlsException {
        return bytes(u16());
    }

    public byte[] opaque24() throws TlsException {
        return bytes(u24());
    }

    /** The rest of this reader's bytes. */
    public byte[] rest() {
        byte[] out = new byte[limit - pos];
        System.arraycopy(buf, pos, out, 0, out.length);
        pos = limit;
        return out;
    }

    /** Fails with decode_error when bytes are left over. */
    public void expectEnd() throws TlsException {
        if (pos != limit) {
            throw decodeError((limit - pos) + " unexpected trailing bytes");
        }
    }

    public static TlsException decodeError(String message) {
        return TlsException.local(AlertDescription.DECODE_ERROR, message);
    }
}
