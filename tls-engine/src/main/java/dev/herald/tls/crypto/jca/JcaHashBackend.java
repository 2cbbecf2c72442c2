package dev.herald.tls.crypto.jca;

import dev.herald.tls.crypto.HashAlgorithm;
import dev.herald.tls.crypto.TranscriptHash;
import dev.herald.tls.crypto.spi.HashBackend;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.EnumMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SHA-2 and HMAC from the JDK's own providers (SUN, SunJCE), which use the CPU's SHA
 * intrinsics where HotSpot has them. Transcript snapshots clone the digest state.
 */
public final class JcaHashBackend implements HashBackend {
    private static final String DIGEST_PROVIDER = "SUN";
    private static final String MAC_PROVIDER = "SunJCE";

    private final Map<HashAlgorithm, MessageDigest> prototypes = new EnumMap<>(HashAlgorithm.class);

    public JcaHashBackend() {
        for (HashAlgorithm a : HashAlgorithm.values()) {
            try {
                prototypes.put(a, MessageDigest.getInstance(a.jcaName(), DIGEST_PROVIDER));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("JDK lacks " + a.jcaName(), e);
            }
        }
    }

    @Override
    public String name() {
        return "jca";
    }

    @Override
    public TranscriptHash newHash(HashAlgorithm algorithm) {
        // The prototype is never updated, so cloning it from several threads is safe.
        return new Transcript(algorithm, cloneOf(prototypes.get(algorithm)));
    }

    @Override
    public byte[] hmac(HashAlgorithm algorithm, byte[] key, byte[]... data) {
        try {
            Mac mac = Mac.getInstance(macName(algorithm), MAC_PROVIDER);
            // HMAC allows an empty key (RFC 2104 §2); SecretKeySpec does not, so pad to one
            // zero byte, which HMAC's zero-padding of the key makes equivalent.
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, mac.getAlgorithm()));
            for (byte[] d : data) {
                mac.update(d);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC failed", e);
        }
    }

    static String macName(HashAlgorithm algorithm) {
        switch (algorithm) {
            case SHA256:
                return "HmacSHA256";
            case SHA384:
                return "HmacSHA384";
            case SHA512:
                return "HmacSHA512";
            default:
                throw new IllegalArgumentException(algorithm.name());
        }
    }

    private static MessageDigest cloneOf(MessageDigest md) {
        try {
            return (MessageDigest) md.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("digest not cloneable", e);
        }
    }

    /** A transcript over a cloneable JDK digest. */
    private static final class Transcript implements TranscriptHash {
        private final HashAlgorithm algorithm;
        private final MessageDigest digest;

        Transcript(HashAlgorithm algorithm, MessageDigest digest) {
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
            return cloneOf(digest).digest();
        }

        @Override
        public TranscriptHash copy() {
            return new Transcript(algorithm, cloneOf(digest));
        }
    }
}
