package dev.herald.tls.crypto;

import dev.herald.tls.crypto.spi.AeadBackend;
import dev.herald.tls.crypto.spi.HashBackend;
import dev.herald.tls.crypto.spi.KeyExchangeBackend;
import dev.herald.tls.crypto.spi.NistCurve;
import dev.herald.tls.crypto.spi.SignatureBackend;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECKey;
import java.util.EnumMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A {@link TlsCrypto} assembled from one backend per primitive (see {@link TlsCryptos}). It
 * owns what must not vary between backends: HKDF (RFC 5869) on top of the chosen HMAC, the
 * argument checks, the binding of an ECDSA scheme to its curve, and "verify never throws".
 */
final class ComposedTlsCrypto implements TlsCrypto {
    private final SecureRandom random;
    private final HashBackend hashes;
    private final Map<AeadAlgorithm, AeadBackend> aeads;
    private final Map<NamedGroup, KeyExchangeBackend> groups;
    private final Map<SignatureScheme, SignatureBackend> signatures;

    ComposedTlsCrypto(SecureRandom random, HashBackend hashes, Map<AeadAlgorithm, AeadBackend> aeads,
            Map<NamedGroup, KeyExchangeBackend> groups, Map<SignatureScheme, SignatureBackend> signatures) {
        this.random = random;
        this.hashes = hashes;
        this.aeads = complete(new EnumMap<>(aeads), AeadAlgorithm.values());
        this.groups = complete(new EnumMap<>(groups), NamedGroup.values());
        this.signatures = complete(new EnumMap<>(signatures), SignatureScheme.values());
    }

    private static <K extends Enum<K>, V> Map<K, V> complete(Map<K, V> map, K[] all) {
        for (K k : all) {
            if (!map.containsKey(k)) {
                throw new IllegalArgumentException("no backend for " + k);
            }
        }
        return map;
    }

    @Override
    public SecureRandom random() {
        return random;
    }

    @Override
    public TranscriptHash newHash(HashAlgorithm algorithm) {
        return hashes.newHash(algorithm);
    }

    @Override
    public byte[] hmac(HashAlgorithm algorithm, byte[] key, byte[]... data) {
        return hashes.hmac(algorithm, key, data);
    }

    @Override
    public byte[] hkdfExtract(HashAlgorithm algorithm, byte[] salt, byte[] ikm) {
        // RFC 5869 §2.2: absent salt = HashLen zeros (HMAC pads short keys with zeros anyway).
        byte[] s = salt == null || salt.length == 0 ? new byte[algorithm.length()] : salt;
        return hashes.hmac(algorithm, s, ikm == null ? new byte[0] : ikm);
    }

    @Override
    public byte[] hkdfExpand(HashAlgorithm algorithm, byte[] prk, byte[] info, int length) {
        int hashLen = algorithm.length();
        // RFC 5869 §2.3: L <= 255 * HashLen.
        if (length < 0 || length > 255 * hashLen) {
            throw new IllegalArgumentException("HKDF-Expand length out of range: " + length);
        }
        byte[] inf = info == null ? new byte[0] : info;
        byte[] okm = new byte[length];
        byte[] t = new byte[0];
        int done = 0;
        for (int i = 1; done < length; i++) {
            t = hashes.hmac(algorithm, prk, t, inf, new byte[] {(byte) i});
            int n = Math.min(hashLen, length - done);
            System.arraycopy(t, 0, okm, done, n);
            done += n;
        }
        return okm;
    }

    @Override
    public Aead newAead(AeadAlgorithm algorithm, byte[] key) {
        return aeads.get(algorithm).newAead(algorithm, key);
    }

    @Override
    public KeyExchange newKeyExchange(NamedGroup group) {
        return groups.get(group).generate(group, random);
    }

    @Override
    public byte[] sign(SignatureScheme scheme, PrivateKey key, byte[] message) {
        if (key == null || message == null) {
            throw new IllegalArgumentException("missing key or message");
        }
        if (!curveFits(scheme, key, true)) {
            throw new IllegalArgumentException(scheme.tlsName() + " needs a key on " + NistCurve.of(scheme).curveName());
        }
        return signatures.get(scheme).sign(scheme, key, message, random);
    }

    @Override
    public boolean verify(SignatureScheme scheme, PublicKey key, byte[] message, byte[] signature) {
        return verify(scheme, key, message, signature, true);
    }

    @Override
    public boolean verifyTls12(SignatureScheme scheme, PublicKey key, byte[] message, byte[] signature) {
        return verify(scheme, key, message, signature, false);
    }

    private boolean verify(SignatureScheme scheme, PublicKey key, byte[] message, byte[] signature, boolean bindCurve) {
        if (scheme == null || key == null || message == null || signature == null) {
            return false;
        }
        try {
            return curveFits(scheme, key, bindCurve) && signatures.get(scheme).verify(scheme, key, message, signature);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** RFC 8446 §4.2.3: an ecdsa_secpXXX scheme names the key's curve, not only the hash. */
    private static boolean curveFits(SignatureScheme scheme, java.security.Key key, boolean bindCurve) {
        NistCurve curve = NistCurve.of(scheme);
        if (curve == null || !bindCurve) {
            return true;
        }
        return key instanceof ECKey && curve.matches((ECKey) key);
    }

    /** The backend serving {@code group} (tests drive its known-answer path directly). */
    KeyExchangeBackend keyExchangeBackend(NamedGroup group) {
        return groups.get(group);
    }

    /** Which backend serves each primitive, for logs and the benchmark notes. */
    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(", ", "TlsCrypto[", "]");
        j.add("hash/hmac/hkdf=" + hashes.name());
        aeads.forEach((k, v) -> j.add(k + "=" + v.name()));
        groups.forEach((k, v) -> j.add(k + "=" + v.name()));
        signatures.forEach((k, v) -> j.add(k + "=" + v.name()));
        return j.toString();
    }
}
