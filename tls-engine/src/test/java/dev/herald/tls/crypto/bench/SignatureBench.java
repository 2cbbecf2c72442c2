package dev.herald.tls.crypto.bench;

import dev.herald.tls.crypto.SignatureScheme;
import dev.herald.tls.crypto.TlsCryptos;
import dev.herald.tls.crypto.spi.SignatureBackend;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Handshake signatures over a CertificateVerify-sized message (RFC 8446 §4.4.3: 64 spaces,
 * context string, 0, transcript hash). "jca" and "bc" are our backends (keys from the JDK's
 * providers, converted and cached by the backend as in production); "bcprov" is Bouncy
 * Castle's JCA provider with its own keys.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SignatureBench {
    private static final Provider BC = new BouncyCastleProvider();

    @Param({"jca", "bc", "bcprov"})
    public String backend;

    @Param({"ECDSA_SECP256R1_SHA256", "ECDSA_SECP384R1_SHA384", "ED25519", "RSA_PSS_RSAE_SHA256", "RSA_PKCS1_SHA256"})
    public String scheme;

    private final SecureRandom random = new SecureRandom();
    private SignatureScheme sigScheme;
    private SignatureBackend sigBackend;
    private KeyPair keys;
    private byte[] message;
    private byte[] signature;

    @Setup(Level.Trial)
    public void setup() throws GeneralSecurityException {
        sigScheme = SignatureScheme.valueOf(scheme);
        message = new byte[64 + 33 + 1 + 32];
        Arrays.fill(message, 0, 64, (byte) ' ');
        System.arraycopy("TLS 1.3, server CertificateVerify".getBytes(), 0, message, 64, 33);
        random.nextBytes(Arrays.copyOfRange(message, 98, 130));
        boolean provider = "bcprov".equals(backend);
        keys = generate(sigScheme, provider ? BC : null);
        if (!provider) {
            sigBackend = "jca".equals(backend) ? TlsCryptos.jcaSignatures() : TlsCryptos.bcSignatures();
        }
        signature = sign();
        if (!verify()) {
            throw new IllegalStateException("self-check failed for " + backend + " " + scheme);
        }
    }

    private static KeyPair generate(SignatureScheme s, Provider bc) throws GeneralSecurityException {
        KeyPairGenerator g;
        switch (s) {
            case ECDSA_SECP256R1_SHA256:
            case ECDSA_SECP384R1_SHA384:
                g = bc != null ? KeyPairGenerator.getInstance("EC", bc) : KeyPairGenerator.getInstance("EC", "SunEC");
                g.initialize(new ECGenParameterSpec(s == SignatureScheme.ECDSA_SECP256R1_SHA256 ? "secp256r1" : "secp384r1"));
                break;
            case ED25519:
                g = bc != null ? KeyPairGenerator.getInstance("Ed25519", bc) : KeyPairGenerator.getInstance("Ed25519", "SunEC");
                break;
            default:
                g = bc != null ? KeyPairGenerator.getInstance("RSA", bc) : KeyPairGenerator.getInstance("RSA", "SunRsaSign");
                g.initialize(2048);
                break;
        }
        return g.generateKeyPair();
    }

    private Signature providerSignature() throws GeneralSecurityException {
        switch (sigScheme) {
            case ECDSA_SECP256R1_SHA256:
                return Signature.getInstance("SHA256withECDSA", BC);
            case ECDSA_SECP384R1_SHA384:
                return Signature.getInstance("SHA384withECDSA", BC);
            case ED25519:
                return Signature.getInstance("Ed25519", BC);
            case RSA_PKCS1_SHA256:
                return Signature.getInstance("SHA256withRSA", BC);
            default:
                Signature pss = Signature.getInstance("RSASSA-PSS", BC);
                pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
                return pss;
        }
    }

    @Benchmark
    public byte[] sign() throws GeneralSecurityException {
        if (sigBackend != null) {
            return sigBackend.sign(sigScheme, keys.getPrivate(), message, random);
        }
        Signature s = providerSignature();
        s.initSign(keys.getPrivate(), random);
        s.update(message);
        return s.sign();
    }

    @Benchmark
    public boolean verify() throws GeneralSecurityException {
        if (sigBackend != null) {
            return sigBackend.verify(sigScheme, keys.getPublic(), message, signature);
        }
        Signature s = providerSignature();
        s.initVerify(keys.getPublic());
        s.update(message);
        return s.verify(signature);
    }
}
