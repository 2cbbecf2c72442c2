package dev.herald.tls.crypto.jca;

import dev.herald.tls.crypto.Aead;
import dev.herald.tls.crypto.AeadAlgorithm;
import dev.herald.tls.crypto.BadTagException;
import dev.herald.tls.crypto.spi.AeadBackend;
import java.security.GeneralSecurityException;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-GCM and ChaCha20-Poly1305 from SunJCE. AES-GCM there runs on the AES-NI and
 * carry-less-multiply (GHASH) intrinsics. One {@link Cipher} per keyed object, re-initialised
 * with each record's nonce (SunJCE keeps the expanded AES key across inits with the same key).
 */
public final class JcaAeadBackend implements AeadBackend {
    private static final String PROVIDER = "SunJCE";

    @Override
    public String name() {
        return "jca";
    }

    @Override
    public Aead newAead(AeadAlgorithm algorithm, byte[] key) {
        if (key == null || key.length != algorithm.keyLength()) {
            throw new IllegalArgumentException("key length must be " + algorithm.keyLength());
        }
        boolean gcm = algorithm != AeadAlgorithm.CHACHA20_POLY1305;
        try {
            Cipher cipher = Cipher.getInstance(gcm ? "AES/GCM/NoPadding" : "ChaCha20-Poly1305", PROVIDER);
            return new JcaAead(algorithm, cipher, new SecretKeySpec(key, gcm ? "AES" : "ChaCha20"), gcm);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK lacks " + algorithm, e);
        }
    }

    /** One direction of one connection; not thread-safe (neither is a record layer). */
    private static final class JcaAead implements Aead {
        private final AeadAlgorithm algorithm;
        private Cipher cipher;
        private final SecretKeySpec key;
        private final boolean gcm;

        JcaAead(AeadAlgorithm algorithm, Cipher cipher, SecretKeySpec key, boolean gcm) {
            this.algorithm = algorithm;
            this.cipher = cipher;
            this.key = key;
            this.gcm = gcm;
        }

        @Override
        public AeadAlgorithm algorithm() {
            return algorithm;
        }

        private AlgorithmParameterSpec params(byte[] nonce) {
            if (nonce == null || nonce.length != AeadAlgorithm.NONCE_LENGTH) {
                throw new IllegalArgumentException("nonce must be " + AeadAlgorithm.NONCE_LENGTH + " bytes");
            }
            return gcm ? new GCMParameterSpec(AeadAlgorithm.TAG_LENGTH * 8, nonce) : new IvParameterSpec(nonce);
        }

        @Override
        public int seal(byte[] nonce, byte[] aad, byte[] in, int inOff, int len, byte[] out, int outOff) {
            try {
                cipher.init(Cipher.ENCRYPT_MODE, key, params(nonce));
                if (aad != null && aad.length > 0) {
                    cipher.updateAAD(aad);
                }
                return cipher.doFinal(in, inOff, len, out, outOff);
            } catch (GeneralSecurityException e) {
                // Includes SunJCE's refusal to reuse a nonce under one key: a record-layer bug.
                throw new IllegalStateException("AEAD seal failed", e);
            }
        }

        /** One pass from the caller's array into the record: no copy of the content first. */
        @Override
        public int seal(byte[] nonce, byte[] aad, byte[] in, int inOff, int len, byte[] suffix, int suffixLen,
                byte[] out, int outOff) {
            try {
                cipher.init(Cipher.ENCRYPT_MODE, key, params(nonce));
                if (aad != null && aad.length > 0) {
                    cipher.updateAAD(aad);
                }
                int n = cipher.update(in, inOff, len, out, outOff);
                return n + cipher.doFinal(suffix, 0, suffixLen, out, outOff + n);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AEAD seal failed", e);
            }
        }

        /**
         * SunJCE's ChaCha20-Poly1305 refuses a key and nonce pair it saw on the previous init,
         * even for decryption. Opening the same record twice is harmless (a record layer does
         * it only in tests, or after a failure that ends the connection), so take a fresh
         * Cipher then instead of failing.
         */
        private void initForOpen(byte[] nonce) throws GeneralSecurityException {
            try {
                cipher.init(Cipher.DECRYPT_MODE, key, params(nonce));
            } catch (java.security.InvalidKeyException e) {
                if (gcm) {
                    throw e;
                }
                cipher = Cipher.getInstance(cipher.getAlgorithm(), cipher.getProvider());
                cipher.init(Cipher.DECRYPT_MODE, key, params(nonce));
            }
        }

        @Override
        public int open(byte[] nonce, byte[] aad, byte[] in, int inOff, int len, byte[] out, int outOff)
                throws BadTagException {
            if (len < AeadAlgorithm.TAG_LENGTH) {
                throw new BadTagException("ciphertext shorter than the tag");
            }
            try {
                initForOpen(nonce);
                if (aad != null && aad.length > 0) {
                    cipher.updateAAD(aad);
                }
                return cipher.doFinal(in, inOff, len, out, outOff);
            } catch (AEADBadTagException e) {
                // Never leave unauthenticated plaintext behind.
                Arrays.fill(out, outOff, Math.min(out.length, outOff + len - AeadAlgorithm.TAG_LENGTH), (byte) 0);
                throw new BadTagException("bad record MAC");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AEAD open failed", e);
            }
        }
    }
}
