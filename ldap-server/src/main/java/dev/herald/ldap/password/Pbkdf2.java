package dev.herald.ldap.password;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * PBKDF2 (RFC 8018 §5.2) over HMAC. Written out with {@link Mac} rather than through
 * {@code SecretKeyFactory} because the JDK's PBEKeySpec takes the password as chars, while
 * LDAP passwords are arbitrary octets that must be hashed exactly as received.
 */
final class Pbkdf2 {

    private Pbkdf2() {}

    static byte[] derive(String hmacAlgorithm, byte[] password, byte[] salt, int iterations, int length) {
        try {
            Mac mac = Mac.getInstance(hmacAlgorithm);
            // An empty HMAC key is legal but SecretKeySpec rejects it; HMAC pads keys with
            // zeros, so a single zero byte is the same key.
            byte[] key = password.length == 0 ? new byte[1] : password;
            mac.init(new SecretKeySpec(key, hmacAlgorithm));
            int hLen = mac.getMacLength();
            byte[] out = new byte[length];
            byte[] u = new byte[hLen];
            byte[] t = new byte[hLen];
            for (int block = 1, offset = 0; offset < length; block++, offset += hLen) {
                mac.update(salt);
                mac.update(new byte[] {(byte) (block >>> 24), (byte) (block >>> 16), (byte) (block >>> 8), (byte) block});
                mac.doFinal(u, 0);
                System.arraycopy(u, 0, t, 0, hLen);
                for (int i = 1; i < iterations; i++) {
                    mac.update(u);
                    mac.doFinal(u, 0);
                    for (int j = 0; j < hLen; j++) {
                        t[j] ^= u[j];
                    }
                }
                System.arraycopy(t, 0, out, offset, Math.min(hLen, length - offset));
            }
            return out;
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(hmacAlgorithm + " unavailable", e);
        }
    }
}
