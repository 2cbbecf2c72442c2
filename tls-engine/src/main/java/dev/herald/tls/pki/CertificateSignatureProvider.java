package dev.herald.tls.pki;

import dev.herald.tls.crypto.SignatureScheme;
import dev.herald.tls.crypto.TlsCrypto;
import dev.herald.tls.crypto.TlsCryptos;
import dev.herald.tls.crypto.spi.NistCurve;
import java.io.ByteArrayOutputStream;
import java.security.InvalidKeyException;
import java.security.InvalidParameterException;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECKey;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A JCA provider that lets the JDK's PKIX validator check certificate signatures with the
 * engine's own signature code ({@link TlsCryptos#defaultCrypto()}: Bouncy Castle's ECDSA and
 * Ed25519, about ten times faster than JDK 17's SunEC, and checked against every Wycheproof
 * vector). {@link ClientChainVerifier} names it with {@code PKIXParameters.setSigProvider}, so
 * the validator's own rules (validity, name chaining, basic constraints, key usage, policies,
 * name constraints, algorithm constraints) are untouched; only the signature primitive changes.
 *
 * <p>Only {@code SHA256withECDSA} / {@code SHA384withECDSA} under a P-256 or P-384 issuer key and
 * {@code Ed25519} run on our code; for any other key the signature object hands over to the
 * first other installed provider that takes the key, exactly as a plain
 * {@code Signature.getInstance} would. The provider is installed once, last in the provider
 * list, and its services claim only the keys they handle, so nobody else ever gets it by
 * accident.
 */
public final class CertificateSignatureProvider extends Provider {
    private static final long serialVersionUID = 1L;
    /** The name {@code PKIXParameters.setSigProvider} uses. */
    public static final String NAME = "HeraldCertificateSignatures";
    /** Signature algorithm names (as X509Certificate.getSigAlgName gives them) we verify ourselves. */
    static final Set<String> ALGORITHMS = Set.of("SHA256withECDSA", "SHA384withECDSA", "Ed25519");

    private static volatile boolean installed;
    /** Signatures our own code checked (tests look at it to see the fast path was taken). */
    static final java.util.concurrent.atomic.AtomicLong ENGINE_VERIFICATIONS = new java.util.concurrent.atomic.AtomicLong();

    private CertificateSignatureProvider() {
        super(NAME, "1.0", "Herald: certificate signature verification with the TLS engine's signature code");
        putService(new FastService(this, "SHA256withECDSA", SignatureScheme.ECDSA_SECP256R1_SHA256));
        putService(new FastService(this, "SHA384withECDSA", SignatureScheme.ECDSA_SECP384R1_SHA384));
        putService(new FastService(this, "Ed25519", SignatureScheme.ED25519));
    }

    /** Installs the provider (once per JVM, at the lowest priority); returns its name. */
    static String install() {
        if (!installed) {
            synchronized (CertificateSignatureProvider.class) {
                if (Security.getProvider(NAME) == null) {
                    Security.addProvider(new CertificateSignatureProvider());
                }
                installed = true;
            }
        }
        return NAME;
    }

    /** Whether our code verifies {@code scheme} with {@code key} (everything else is handed over). */
    static boolean handles(SignatureScheme scheme, Object key) {
        if (scheme == SignatureScheme.ED25519) {
            return key instanceof EdECKey ed && "Ed25519".equalsIgnoreCase(ed.getParams().getName())
                    && key instanceof PublicKey;
        }
        return key instanceof ECPublicKey ec && (NistCurve.P256.matches(ec) || NistCurve.P384.matches(ec));
    }

    /** A service that builds its SPI directly (no reflection) and claims only keys it handles. */
    private static final class FastService extends Service {
        private final SignatureScheme scheme;

        FastService(Provider p, String algorithm, SignatureScheme scheme) {
            super(p, "Signature", algorithm, FastVerifier.class.getName(), List.of(), Map.of());
            this.scheme = scheme;
        }

        @Override
        public Object newInstance(Object constructorParameter) {
            return new FastVerifier(getAlgorithm(), scheme, (Provider) getProvider());
        }

        @Override
        public boolean supportsParameter(Object parameter) {
            return handles(scheme, parameter);
        }
    }

    /**
     * Verification only. For ECDSA the scheme fixes the hash, not the curve: X.509 lets a P-384
     * CA sign with SHA-256, so the TLS 1.2 rule (hash only) applies ({@link TlsCrypto#verifyTls12}).
     */
    static final class FastVerifier extends SignatureSpi {
        private static final TlsCrypto CRYPTO = TlsCryptos.defaultCrypto();

        private final String algorithm;
        private final SignatureScheme scheme;
        private final Provider self;
        private final ByteArrayOutputStream data = new ByteArrayOutputStream(1024);
        private PublicKey key;
        private Signature delegate;

        FastVerifier(String algorithm, SignatureScheme scheme, Provider self) {
            this.algorithm = algorithm;
            this.scheme = scheme;
            this.self = self;
        }

        @Override
        protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
            data.reset();
            if (handles(scheme, publicKey)) {
                key = publicKey;
                delegate = null;
                return;
            }
            key = null;
            delegate = otherProvider(publicKey);
        }

        /** What Signature.getInstance(algorithm) would pick for this key, leaving us out. */
        private Signature otherProvider(PublicKey publicKey) throws InvalidKeyException {
            InvalidKeyException last = null;
            for (Provider p : Security.getProviders()) {
                if (p == self || p.getService("Signature", algorithm) == null) {
                    continue;
                }
                try {
                    Signature s = Signature.getInstance(algorithm, p);
                    s.initVerify(publicKey);
                    return s;
                } catch (InvalidKeyException e) {
                    last = e;
                } catch (NoSuchAlgorithmException e) {
                    // listed but not usable; try the next one
                }
            }
            throw last != null ? last : new InvalidKeyException("no provider verifies " + algorithm + " with "
                    + publicKey.getAlgorithm() + " keys");
        }

        @Override
        protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
            throw new InvalidKeyException("certificate signature verification only");
        }

        @Override
        protected void engineUpdate(byte b) throws SignatureException {
            if (delegate != null) {
                delegate.update(b);
            } else {
                data.write(b);
            }
        }

        @Override
        protected void engineUpdate(byte[] b, int off, int len) throws SignatureException {
            if (delegate != null) {
                delegate.update(b, off, len);
            } else {
                data.write(b, off, len);
            }
        }

        @Override
        protected byte[] engineSign() throws SignatureException {
            throw new SignatureException("certificate signature verification only");
        }

        @Override
        protected boolean engineVerify(byte[] sigBytes) throws SignatureException {
            if (delegate != null) {
                return delegate.verify(sigBytes);
            }
            if (key == null) {
                throw new SignatureException("not initialised for verification");
            }
            byte[] message = data.toByteArray();
            data.reset();
            ENGINE_VERIFICATIONS.incrementAndGet();
            return scheme == SignatureScheme.ED25519
                    ? CRYPTO.verify(scheme, key, message, sigBytes)
                    : CRYPTO.verifyTls12(scheme, key, message, sigBytes);
        }

        @Override
        @Deprecated
        protected void engineSetParameter(String param, Object value) {
            throw new InvalidParameterException("no parameters");
        }

        @Override
        @Deprecated
        protected Object engineGetParameter(String param) {
            throw new InvalidParameterException("no parameters");
        }
    }
}
