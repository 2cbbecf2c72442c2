package dev.herald.tls.keyschedule;

import dev.herald.tls.crypto.HashAlgorithm;
import dev.herald.tls.crypto.TlsCrypto;
import java.nio.charset.StandardCharsets;

/** The TLS 1.2 PRF: P_hash with the suite's hash (RFC 5246 §5). */
public final class Tls12Prf {
    private Tls12Prf() {
    }

    /** PRF(secret, label, seed) = P_hash(secret, label + seed), truncated to {@code length}. */
    public static byte[] prf(TlsCrypto crypto, HashAlgorithm hash, byte[] secret, String label, byte[] seed, int length) {
        byte[] labelBytes = label.getBytes(StandardCharsets.US_ASCII);
        byte[] labelSeed = new byte[labelBytes.length + seed.length];
        System.arraycopy(labelBytes, 0, labelSeed, 0, labelBytes.length);
        System.arraycopy(seed, 0, labelSeed, labelBytes.length, seed.length);
        byte[] out = new byte[length];
        byte[] a = labelSeed; // A(0)
        int off = 0;
        while (off < length) {
            a = crypto.hmac(hash, secret, a); // A(i) = HMAC(secret, A(i-1))
            byte[] block = crypto.hmac(hash, secret, a, labelSeed);
            int n = Math.min(block.length, length - off);
            System.arraycopy(block, 0, out, off, n);
            off += n;
        }
        return out;
    }

    public static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
