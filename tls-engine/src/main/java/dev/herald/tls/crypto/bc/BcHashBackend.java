package dev.herald.tls.crypto.bc;

import dev.herald.tls.crypto.HashAlgorithm;
import dev.herald.tls.crypto.TranscriptHash;
import dev.herald.tls.crypto.spi.HashBackend;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.util.Memoable;

/** SHA-2 and HMAC from Bouncy Castle's lightweight API (pure Java, no intrinsics). */
public final class BcHashBackend implements HashBackend {

    @Override
    public String name() {
        return "bc";
    }

    static Digest digest(HashAlgorithm algorithm) {
        switch (algorithm) {
            case SHA256:
                return SHA256Digest.newInstance();
            case SHA384:
                return new SHA384Digest();
            case SHA512:
                return new SHA512Digest();
            default:
                throw new IllegalArgumentException(algorithm.name());
        }
    }

    @Override
    public TranscriptHash newHash(HashAlgorithm algorithm) {
        return new Transcript(algorithm, digest(algorithm));
    }

    @Override
    public byte[] hmac(HashAlgorithm algorithm, byte[] key, byte[]... data) {
        HMac mac = new HMac(digest(algorithm));
        mac.init(new KeyParameter(key));
        for (byte[] d : data) {
            mac.update(d, 0, d.length);
        }
        byte[] out = new byte[mac.getMacSize()];
        mac.doFinal(out, 0);
        return out;
    }

    /** A transcript over a Memoable BC digest (copy() clones the state). */
    private static final class Transcript implements TranscriptHash {
        private final HashAlgorithm algorithm;
        private final Digest digest;

        Transcript(HashAlgorithm algorithm, Digest digest) {
            this.algorithm = algorithm;
            this.digest = digest;
        }

        @Override
        public HashAlgorithm algorithm() {
            return algorithm;
        }

        @Override
        public void update(byte[] data, int offset, int length) {
            digest.update(data, offset, length);
        }

        @Override
        public byte[] current() {
            Digest snapshot = (Digest) ((Memoable) digest).copy();
            byte[] out = new byte[snapshot.getDigestSize()];
            snapshot.doFinal(out, 0);
            return out;
        }

        @Override
        public TranscriptHash copy() {
            return new Transcript(algorithm, (Digest) ((Memoable) digest).copy());
        }
    }
}
