package dev.herald.tls.crypto.bench;

import dev.herald.tls.crypto.Aead;
import dev.herald.tls.crypto.AeadAlgorithm;
import dev.herald.tls.crypto.BadTagException;
import dev.herald.tls.crypto.TlsCryptos;
import dev.herald.tls.crypto.spi.AeadBackend;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
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
 * Seal and open of one full 16 KiB TLS record (plus the 5-byte header as AAD) through each
 * backend's {@link Aead}, reusing one keyed object as the record layer does. Every operation
 * uses a fresh nonce (SunJCE refuses a repeated key and nonce pair).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AeadBench {
    private static final int RECORD = 16384;
    private static final int RECORDS = 64;

    @Param({"jca", "bc"})
    public String backend;

    @Param({"AES_128_GCM", "AES_256_GCM", "CHACHA20_POLY1305"})
    public String algorithm;

    private Aead sealer;
    private Aead opener;
    private byte[] plain;
    private byte[] out;
    private byte[] aad;
    private byte[][] sealed;
    private byte[][] nonces;
    private long seq;
    private int next;

    @Setup(Level.Trial)
    public void setup() {
        AeadBackend b = "jca".equals(backend) ? TlsCryptos.jcaAeads() : TlsCryptos.bcAeads();
        AeadAlgorithm alg = AeadAlgorithm.valueOf(algorithm);
        byte[] key = new byte[alg.keyLength()];
        Arrays.fill(key, (byte) 7);
        sealer = b.newAead(alg, key);
        opener = b.newAead(alg, key);
        plain = new byte[RECORD];
        Arrays.fill(plain, (byte) 'x');
        out = new byte[RECORD + AeadAlgorithm.TAG_LENGTH];
        aad = new byte[] {23, 3, 3, 0x40, 0x11};
        // A ring of distinct records to open (each with its own nonce).
        sealed = new byte[RECORDS][];
        nonces = new byte[RECORDS][];
        Aead s = b.newAead(alg, key);
        for (int i = 0; i < RECORDS; i++) {
            nonces[i] = nonce(1L << 40 | i);
            sealed[i] = new byte[RECORD + AeadAlgorithm.TAG_LENGTH];
            s.seal(nonces[i], aad, plain, 0, RECORD, sealed[i], 0);
        }
    }

    private static byte[] nonce(long seq) {
        byte[] n = new byte[AeadAlgorithm.NONCE_LENGTH];
        for (int i = 0; i < 8; i++) {
            n[11 - i] = (byte) (seq >>> (8 * i));
        }
        n[0] = 0x5a;
        return n;
    }

    @Benchmark
    public byte[] seal16k() {
        sealer.seal(nonce(seq++), aad, plain, 0, RECORD, out, 0);
        return out;
    }

    @Benchmark
    public byte[] open16k() throws BadTagException {
        int i = next;
        next = (i + 1) % RECORDS;
        opener.open(nonces[i], aad, sealed[i], 0, sealed[i].length, out, 0);
        return out;
    }
}
