package dev.herald.tls.crypto.bc;

import dev.herald.tls.crypto.Aead;
import dev.herald.tls.crypto.AeadAlgorithm;
import dev.herald.tls.crypto.BadTagException;
import dev.herald.tls.crypto.spi.AeadBackend;
import java.util.Arrays;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.AEADCipher;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * AES-GCM and ChaCha20-Poly1305 from Bouncy Castle's lightweight API. The key is set on the
 * first use; later records pass only the nonce, so the key schedule is not redone per record.
 * BC decrypts while it reads, so a failed open wipes what it wrote.
 */
public final class BcAeadBackend implements AeadBackend {

    @Override
    public String name() {
        return "bc";
    }

    @Override
    public Aead newAead(AeadAlgorithm algorithm, byte[] key) {
        if (key == null || key.length != algorithm.keyLength()) {
            throw new IllegalArgumentException("key length must be " + algorithm.keyLength());
        }
        return new BcAead(algorithm, key.clone());
    }

    /** One direction of one connection; not thread-safe. */
    private static final class BcAead implements Aead {
        private final AeadAlgorithm algorithm;
        private final AEADCipher cipher;
        private final byte[] key;
        private boolean keyed;

        BcAead(AeadAlgorithm algorithm, byte[] key) {
            this.algorithm = algorithm;
            this.key = key;
            this.cipher = algorithm == AeadAlgorithm.CHACHA20_POLY1305
                    ? new ChaCha20Poly1305()
                    : GCMBlockCipher.newInstance(AESEngine.newInstance());
        }

        @Override
        public AeadAlgorithm algorithm() {
            return algorithm;
        }

        private void init(boolean encrypt, byte[] nonce, byte[] aad) {
            if (nonce == null || nonce.length != AeadAlgorithm.NONCE_LENGTH) {
                throw new IllegalArgumentException("nonce must be " + AeadAlgorithm.NONCE_LENGTH + " bytes");
            }
            KeyParameter k = keyed ? null : new KeyParameter(key);
            if (algorithm == AeadAlgorithm.CHACHA20_POLY1305) {
                cipher.init(encrypt, new ParametersWithIV(k, nonce));
            } else {
                cipher.init(encrypt, new AEADParameters(k, AeadAlgorithm.TAG_LENGTH * 8, nonce));
            }
            keyed = true;
            if (aad != null && aad.length > 0) {
                cipher.processAADBytes(aad, 0, aad.length);
            }
        }

        @Override
        public int seal(byte[] nonce, byte[] aad, byte[] in, int inOff, int len, byte[] out, int outOff) {
            init(true, nonce, aad);
            int n = cipher.processBytes(in, inOff, len, out, outOff);
            try {
                return n + cipher.doFinal(out, outOff + n);
            } catch (InvalidCipherTextException e) {
                throw new IllegalStateException("AEAD seal failed", e);
            }
        }

        @Override
        public int open(byte[] nonce, byte[] aad, byte[] in, int inOff, int len, byte[] out, int outOff)
                throws BadTagException {
            if (len < AeadAlgorithm.TAG_LENGTH) {
                throw new BadTagException("ciphertext shorter than the tag");
            }
            init(false, nonce, aad);
            int n = cipher.processBytes(in, inOff, len, out, outOff);
            try {
                return n + cipher.doFinal(out, outOff + n);
            } catch (InvalidCipherTextException e) {
                Arrays.fill(out, outOff, outOff + len - AeadAlgorithm.TAG_LENGTH, (byte) 0);
                throw new BadTagException("bad record MAC");
            }
        }
    }
}
