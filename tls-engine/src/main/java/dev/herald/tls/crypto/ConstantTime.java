package dev.herald.tls.crypto;

/**
 * Comparisons whose running time does not depend on where secret bytes differ: use them for
 * MACs, Finished verify_data (RFC 8446 §4.4.4, RFC 5246 §7.4.9) and anything else an attacker
 * could probe byte by byte. Only the lengths (public in TLS) may shortcut.
 */
public final class ConstantTime {
    private ConstantTime() {
    }

    /** True when both arrays have the same length and contents; false for null. */
    public static boolean equals(byte[] a, byte[] b) {
        if (a == null || b == null || a.length != b.length) {
            return false;
        }
        return equals(a, 0, b, 0, a.length);
    }

    /** Compares {@code a[aOff, aOff+len)} with {@code b[bOff, bOff+len)}. */
    public static boolean equals(byte[] a, int aOff, byte[] b, int bOff, int len) {
        if (aOff < 0 || bOff < 0 || len < 0 || aOff + len > a.length || bOff + len > b.length) {
            throw new IndexOutOfBoundsException("range outside array");
        }
        int diff = 0;
        for (int i = 0; i < len; i++) {
            diff |= a[aOff + i] ^ b[bOff + i];
        }
        return diff == 0;
    }
}
