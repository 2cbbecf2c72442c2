package dev.herald.tls.crypto.spi;

import java.math.BigInteger;

/** Small byte helpers shared by the backends (fixed-width integers, zero checks). */
public final class Bytes {
    private Bytes() {
    }

    /** Writes the unsigned big-endian value left-padded to exactly {@code width} bytes. */
    public static void writeFixed(BigInteger value, byte[] out, int off, int width) {
        byte[] raw = value.toByteArray();
        int skip = 0;
        while (skip < raw.length - 1 && raw[skip] == 0) {
            skip++;
        }
        int len = raw.length - skip;
        if (value.signum() < 0 || len > width) {
            throw new IllegalArgumentException("value does not fit in " + width + " bytes");
        }
        java.util.Arrays.fill(out, off, off + width - len, (byte) 0);
        System.arraycopy(raw, skip, out, off + width - len, len);
    }

    public static byte[] fixed(BigInteger value, int width) {
        byte[] out = new byte[width];
        writeFixed(value, out, 0, width);
        return out;
    }

    /** Constant-time check that every byte is zero (RFC 8446 §7.4.2 all-zero X25519 check). */
    public static boolean isAllZero(byte[] b) {
        int acc = 0;
        for (byte v : b) {
            acc |= v;
        }
        return acc == 0;
    }

    public static byte[] reverse(byte[] b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = b[b.length - 1 - i];
        }
        return out;
    }
}
