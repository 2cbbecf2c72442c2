package dev.herald.tls.crypto.spi;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;

/**
 * Strict DER for ECDSA signatures ({@code SEQUENCE { INTEGER r, INTEGER s }}, RFC 8446 §4.2.3
 * via RFC 3279 §2.2.3). Every backend checks a peer's signature here first, so BER forms
 * (long-form or indefinite lengths, padded or negative integers, trailing bytes) and r or s
 * outside [1, n-1] are refused identically whichever library does the arithmetic.
 */
public final class EcdsaDer {
    private static final int SEQUENCE = 0x30;
    private static final int INTEGER = 0x02;

    private EcdsaDer() {
    }

    /**
     * Decodes {@code der} and checks {@code 1 <= r, s < n}.
     *
     * @return {r, s}, or null when the encoding is not strict DER or a value is out of range
     */
    public static BigInteger[] decode(byte[] der, BigInteger n) {
        if (der == null || der.length < 8) {
            return null;
        }
        int[] pos = {0};
        if ((der[pos[0]++] & 0xff) != SEQUENCE) {
            return null;
        }
        int seqLen = readLength(der, pos);
        if (seqLen < 0 || seqLen != der.length - pos[0]) {
            return null;
        }
        BigInteger r = readInteger(der, pos);
        if (r == null) {
            return null;
        }
        BigInteger s = readInteger(der, pos);
        if (s == null || pos[0] != der.length) {
            return null;
        }
        if (!inRange(r, n) || !inRange(s, n)) {
            return null;
        }
        return new BigInteger[] {r, s};
    }

    /** DER-encodes (r, s) with minimal lengths. */
    public static byte[] encode(BigInteger r, BigInteger s) {
        byte[] rb = r.toByteArray();
        byte[] sb = s.toByteArray();
        ByteArrayOutputStream body = new ByteArrayOutputStream(rb.length + sb.length + 8);
        writeTlv(body, INTEGER, rb);
        writeTlv(body, INTEGER, sb);
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.size() + 4);
        writeTlv(out, SEQUENCE, body.toByteArray());
        return out.toByteArray();
    }

    private static boolean inRange(BigInteger v, BigInteger n) {
        return v.signum() > 0 && v.compareTo(n) < 0;
    }

    /** A DER definite length in its minimal form, or -1. */
    private static int readLength(byte[] b, int[] pos) {
        if (pos[0] >= b.length) {
            return -1;
        }
        int first = b[pos[0]++] & 0xff;
        if (first < 0x80) {
            return first;
        }
        int count = first & 0x7f;
        if (count == 0 || count > 2 || pos[0] + count > b.length) {
            return -1; // indefinite length (BER) or absurdly long
        }
        int len = 0;
        for (int i = 0; i < count; i++) {
            len = (len << 8) | (b[pos[0]++] & 0xff);
        }
        // minimal: long form only for >= 128, and no leading zero length octet
        if (len < 0x80 || (count == 2 && len < 0x100)) {
            return -1;
        }
        return len;
    }

    private static BigInteger readInteger(byte[] b, int[] pos) {
        if (pos[0] >= b.length || (b[pos[0]++] & 0xff) != INTEGER) {
            return null;
        }
        int len = readLength(b, pos);
        if (len <= 0 || pos[0] + len > b.length) {
            return null;
        }
        int start = pos[0];
        if ((b[start] & 0x80) != 0) {
            return null; // negative
        }
        if (len > 1 && b[start] == 0 && (b[start + 1] & 0x80) == 0) {
            return null; // superfluous leading zero
        }
        pos[0] += len;
        return new BigInteger(1, java.util.Arrays.copyOfRange(b, start, start + len));
    }

    private static void writeTlv(ByteArrayOutputStream out, int tag, byte[] content) {
        out.write(tag);
        int len = content.length;
        if (len < 0x80) {
            out.write(len);
        } else if (len < 0x100) {
            out.write(0x81);
            out.write(len);
        } else {
            out.write(0x82);
            out.write(len >>> 8);
            out.write(len);
        }
        out.write(content, 0, len);
    }
}
