package dev.herald.tls.crypto;

import dev.herald.tls.crypto.bc.BcAeadBackend;
import dev.herald.tls.crypto.bc.BcHashBackend;
import dev.herald.tls.crypto.bc.BcKeyExchangeBackend;
import dev.herald.tls.crypto.bc.BcSignatureBackend;
import dev.herald.tls.crypto.jca.JcaAeadBackend;
import dev.herald.tls.crypto.jca.JcaHashBackend;
import dev.herald.tls.crypto.jca.JcaKeyExchangeBackend;
import dev.herald.tls.crypto.jca.JcaSignatureBackend;
import dev.herald.tls.crypto.spi.AeadBackend;
import dev.herald.tls.crypto.spi.HashBackend;
import dev.herald.tls.crypto.spi.KeyExchangeBackend;
import dev.herald.tls.crypto.spi.SignatureBackend;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where the engine gets its {@link TlsCrypto}. {@link #defaultCrypto()} is the production
 * choice: per primitive the faster correct backend as measured by the JMH benchmark in
 * {@code dev.herald.tls.crypto.bench} (figures and reasons in docs/benchmarks.md, "Crypto
 * primitives"). {@link #jca()} and {@link #bouncyCastle()} give single-backend instances for
 * cross-checks and benchmarks; {@link #builder()} composes any mix.
 */
public final class TlsCryptos {
    private static final JcaHashBackend JCA_HASH = new JcaHashBackend();
    private static final JcaAeadBackend JCA_AEAD = new JcaAeadBackend();
    private static final JcaKeyExchangeBackend JCA_KX = new JcaKeyExchangeBackend();
    private static final JcaSignatureBackend JCA_SIG = new JcaSignatureBackend();
    private static final BcHashBackend BC_HASH = new BcHashBackend();
    private static final BcAeadBackend BC_AEAD = new BcAeadBackend();
    private static final BcKeyExchangeBackend BC_KX = new BcKeyExchangeBackend();
    private static final BcSignatureBackend BC_SIG = new BcSignatureBackend();

    private static final class DefaultHolder {
        static final TlsCrypto INSTANCE = defaultBuilder().build();
    }

    private TlsCryptos() {
    }

    /** The production crypto (one shared, thread-safe instance). */
    public static TlsCrypto defaultCrypto() {
        return DefaultHolder.INSTANCE;
    }

    /**
     * The production choice per primitive, as a builder (to swap the random source in tests).
     * Measured on JDK 17 with JMH (figures in docs/benchmarks.md, "Crypto primitives"):
     * <ul>
     *   <li>hashes, HMAC, HKDF: JDK (SHA-NI intrinsics, about 7x BC);
     *   <li>AES-GCM: JDK (AES-NI + carry-less-multiply intrinsics, about 40x BC);
     *   <li>ChaCha20-Poly1305: JDK (both pure Java; JDK about 10% ahead);
     *   <li>X25519, P-256, P-384: BC (about 3x / 5x the JDK);
     *   <li>ECDSA, Ed25519: BC (about 9x / 20x the JDK; JDK 17's ECDSA also rejects two valid
     *       Wycheproof vectors per curve);
     *   <li>RSA-PSS, RSA PKCS#1: JDK (on par with BC, steadier).
     * </ul>
     */
    public static Builder defaultBuilder() {
        Builder b = builder().hashes(JCA_HASH);
        b.aead(AeadAlgorithm.AES_128_GCM, JCA_AEAD);
        b.aead(AeadAlgorithm.AES_256_GCM, JCA_AEAD);
        b.aead(AeadAlgorithm.CHACHA20_POLY1305, JCA_AEAD);
        for (NamedGroup g : NamedGroup.values()) {
            b.keyExchange(g, BC_KX);
        }
        for (SignatureScheme s : SignatureScheme.values()) {
            b.signature(s, BC_SIG);
        }
        b.signature(SignatureScheme.RSA_PKCS1_SHA256, JCA_SIG);
        b.signature(SignatureScheme.RSA_PKCS1_SHA384, JCA_SIG);
        b.signature(SignatureScheme.RSA_PKCS1_SHA512, JCA_SIG);
        b.signature(SignatureScheme.RSA_PSS_RSAE_SHA256, JCA_SIG);
        b.signature(SignatureScheme.RSA_PSS_RSAE_SHA384, JCA_SIG);
        b.signature(SignatureScheme.RSA_PSS_RSAE_SHA512, JCA_SIG);
        return b;
    }

    /** Everything from the JDK's providers (SUN, SunJCE, SunEC, SunRsaSign). */
    public static TlsCrypto jca() {
        return uniform(JCA_HASH, JCA_AEAD, JCA_KX, JCA_SIG).build();
    }

    /** Everything from Bouncy Castle's lightweight API. */
    public static TlsCrypto bouncyCastle() {
        return uniform(BC_HASH, BC_AEAD, BC_KX, BC_SIG).build();
    }

    /** The JDK backends, for tests and benchmarks that drive one backend directly. */
    public static HashBackend jcaHashes() {
        return JCA_HASH;
    }

    public static AeadBackend jcaAeads() {
        return JCA_AEAD;
    }

    public static KeyExchangeBackend jcaKeyExchange() {
        return JCA_KX;
    }

    public static SignatureBackend jcaSignatures() {
        return JCA_SIG;
    }

    /** The Bouncy Castle backends. */
    public static HashBackend bcHashes() {
        return BC_HASH;
    }

    public static AeadBackend bcAeads() {
        return BC_AEAD;
    }

    public static KeyExchangeBackend bcKeyExchange() {
        return BC_KX;
    }

    public static SignatureBackend bcSignatures() {
        return BC_SIG;
    }

    private static Builder uniform(HashBackend h, AeadBackend a, KeyExchangeBackend k, SignatureBackend s) {
        Builder b = builder().hashes(h);
        for (AeadAlgorithm x : AeadAlgorithm.values()) {
            b.aead(x, a);
        }
        for (NamedGroup x : NamedGroup.values()) {
            b.keyExchange(x, k);
        }
        for (SignatureScheme x : SignatureScheme.values()) {
            b.signature(x, s);
        }
        return b;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Composes a {@link TlsCrypto}; every algorithm needs a backend. */
    public static final class Builder {
        private SecureRandom random;
        private HashBackend hashes;
        private final Map<AeadAlgorithm, AeadBackend> aeads = new EnumMap<>(AeadAlgorithm.class);
        private final Map<NamedGroup, KeyExchangeBackend> groups = new EnumMap<>(NamedGroup.class);
        private final Map<SignatureScheme, SignatureBackend> signatures = new EnumMap<>(SignatureScheme.class);

        private Builder() {
        }

        /** The random source; default {@code new SecureRandom()} (the platform's). */
        public Builder random(SecureRandom random) {
            this.random = Objects.requireNonNull(random);
            return this;
        }

        public Builder hashes(HashBackend backend) {
            this.hashes = Objects.requireNonNull(backend);
            return this;
        }

        public Builder aead(AeadAlgorithm algorithm, AeadBackend backend) {
            aeads.put(algorithm, Objects.requireNonNull(backend));
            return this;
        }

        public Builder keyExchange(NamedGroup group, KeyExchangeBackend backend) {
            groups.put(group, Objects.requireNonNull(backend));
            return this;
        }

        public Builder signature(SignatureScheme scheme, SignatureBackend backend) {
            signatures.put(scheme, Objects.requireNonNull(backend));
            return this;
        }

        public TlsCrypto build() {
            if (hashes == null) {
                throw new IllegalStateException("no hash backend");
            }
            return new ComposedTlsCrypto(random != null ? random : new SecureRandom(), hashes, aeads, groups, signatures);
        }
    }
}
