package dev.herald.tls.crypto.bench;

import dev.herald.tls.crypto.InvalidPeerKeyException;
import dev.herald.tls.crypto.KeyExchange;
import dev.herald.tls.crypto.NamedGroup;
import dev.herald.tls.crypto.TlsCryptos;
import dev.herald.tls.crypto.spi.KeyExchangeBackend;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.concurrent.TimeUnit;
import javax.crypto.KeyAgreement;
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
 * The server's whole ephemeral key-exchange cost in one handshake: generate a key pair, encode
 * our share, validate the peer's share and derive the secret. "jca" and "bc" are our backends
 * (peer share given as TLS bytes, validated); "bcprov" is Bouncy Castle's JCA provider used
 * through KeyPairGenerator/KeyAgreement (peer key given as a ready PublicKey object, so it
 * skips the decoding our backends do).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class KeyExchangeBench {
    private static final Provider BC = new BouncyCastleProvider();

    @Param({"jca", "bc", "bcprov"})
    public String backend;

    @Param({"X25519", "SECP256R1", "SECP384R1"})
    public String group;

    private final SecureRandom random = new SecureRandom();
    private KeyExchangeBackend kx;
    private NamedGroup namedGroup;
    private byte[] peerShare;
    private KeyPairGenerator providerKpg;
    private KeyPair providerPeer;
    private String agreementName;

    @Setup(Level.Trial)
    public void setup() throws GeneralSecurityException {
        namedGroup = NamedGroup.valueOf(group);
        peerShare = TlsCryptos.bcKeyExchange().generate(namedGroup, random).publicKey();
        if ("bcprov".equals(backend)) {
            if (namedGroup == NamedGroup.X25519) {
                providerKpg = KeyPairGenerator.getInstance("X25519", BC);
                agreementName = "X25519";
            } else {
                providerKpg = KeyPairGenerator.getInstance("EC", BC);
                providerKpg.initialize(new ECGenParameterSpec(namedGroup.tlsName()), random);
                agreementName = "ECDH";
            }
            providerPeer = providerKpg.generateKeyPair();
        } else {
            kx = "jca".equals(backend) ? TlsCryptos.jcaKeyExchange() : TlsCryptos.bcKeyExchange();
        }
    }

    @Benchmark
    public byte[] keygenAndAgree() throws InvalidPeerKeyException, GeneralSecurityException {
        if (kx != null) {
            KeyExchange k = kx.generate(namedGroup, random);
            k.publicKey();
            return k.agree(peerShare);
        }
        KeyPair ours = providerKpg.generateKeyPair();
        ours.getPublic().getEncoded();
        KeyAgreement ka = KeyAgreement.getInstance(agreementName, BC);
        ka.init(ours.getPrivate());
        ka.doPhase(providerPeer.getPublic(), true);
        return ka.generateSecret();
    }
}
