package dev.herald.tls.record;

/** Helpers for record headers and nonces. */
final class Records {
    /** legacy_record_version of every record we send (RFC 8446 §5.1). */
    static final int WIRE_VERSION = 0x0303;

    private Records() {
    }

    static void writeHeader(byte[] out, int off, int type, int length) {
        out[off] = (byte) type;
        out[off + 1] = (byte) (WIRE_VERSION >>> 8);
        out[off + 2] = (byte) WIRE_VERSION;
        out[off + 3] = (byte) (length >>> 8);
        out[off + 4] = (byte) length;
    }

    /** nonce = iv XOR (sequence number, left-padded to the IV length), RFC 8446 §5.3. */
    static void xorNonce(byte[] iv, long seq, byte[] nonce) {
        System.arraycopy(iv, 0, nonce, 0, iv.length);
        for (int i = 0; i < 8; i++) {
            nonce[nonce.length - 1 - i] ^= (byte) (seq >>> (8 * i));
        }
    }

    static void putLong(byte[] out, int off, long v) {
        for (int i = 0; i < 8; i++) {
            out[off + i] = (byte) (v >>> (56 - 8 * i));
        }
    }
}
