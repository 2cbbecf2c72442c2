package dev.herald.tls.crypto.spi;

import dev.herald.tls.crypto.ConstantTime;
import dev.herald.tls.crypto.HashAlgorithm;
import java.util.Arrays;

/**
 * RSASSA-PKCS1-v1_5 verification by re-encoding (RFC 8017 §8.2.2 step 3-4): build the one
 * valid EMSA-PKCS1-v1_5 encoding of the message and compare it, in constant time, with the
 * result of the raw RSA public operation. Variants that lenient parsers accept (DigestInfo
 * without the NULL parameters, other padding lengths, trailing data) therefore fail. Both
 * backends use this, each with its own modular exponentiation.
 */
public final class RsaPkcs1 {
    private RsaPkcs1() {
    }

    /** DER of DigestInfo up to the hash value (RFC 8017 §9.2, note 1). */
    static byte[] digestInfoPrefix(HashAlgorithm hash) {
        int oidLast;
        switch (hash) {
            case SHA256:
                oidLast = 1;
                break;
            case SHA384:
                oidLast = 2;
                break;
            case SHA512:
                oidLast = 3;
                break;
            default:
                throw new IllegalArgumentException(hash.name());
        }
        int h = hash.length();
        return new byte[] {0x30, (byte) (0x11 + h), 0x30, 0x0d, 0x06, 0x09, 0x60, (byte) 0x86, 0x48, 0x01,
            0x65, 0x03, 0x04, 0x02, (byte) oidLast, 0x05, 0x00, 0x04, (byte) h};
    }

    /**
     * EM = 0x00 || 0x01 || PS (0xff...) || 0x00 || DigestInfo, of length {@code k}.
     *
     * @return the encoding, or null if {@code k} is too short (RFC 8017 §9.2 step 3)
     */
    public static byte[] encode(HashAlgorithm hash, byte[] digest, int k) {
        byte[] prefix = digestInfoPrefix(hash);
        int tLen = prefix.length + digest.length;
        if (k < tLen + 11) {
            return null;
        }
        byte[] em = new byte[k];
        em[1] = 0x01;
        Arrays.fill(em, 2, k - tLen - 1, (byte) 0xff);
        System.arraycopy(prefix, 0, em, k - tLen, prefix.length);
        System.arraycopy(digest, 0, em, k - digest.length, digest.length);
        return em;
    }

    /** Whether {@code em} (the k-byte result of s^e mod n) is the encoding of {@code digest}. */
    public static boolean matches(byte[] em, HashAlgorithm hash, byte[] digest) {
        byte[] expected = encode(hash, digest, em.length);
        return expected != null && ConstantTime.equals(em, expected);
    }
}
