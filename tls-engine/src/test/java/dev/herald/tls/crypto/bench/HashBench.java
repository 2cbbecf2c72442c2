package dev.herald.tls.crypto.bench;

import dev.herald.tls.crypto.HashAlgorithm;
import dev.herald.tls.crypto.TlsCryptos;
import dev.herald.tls.crypto.TranscriptHash;
import dev.herald.tls.crypto.spi.HashBackend;
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
 * SHA-256 and HMAC-SHA256 as the handshake uses them: bulk hashing (16 KiB), a transcript
 * update followed by a snapshot ({@code current()}), and one HMAC over a short label as in
 * HKDF-Expand-Label.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class HashBench {
    @Param({"jca", "bc"})
    public String backend;

    private HashBackend hashes;
    private byte[] bulk;
    private byte[] message;
    private byte[] key;
    private byte[] label;

    @Setup(Level.Trial)
    public void setup() {
        hashes = "jca".equals(backend) ? TlsCryptos.jcaHashes() : TlsCryptos.bcHashes();
        bulk = new byte[16384];
        message = new byte[512];
        key = new byte[32];
        // HkdfLabel for "tls13 c hs traffic" (RFC 8446 §7.1), then the context hash would follow
        label = ("xxxtls13 c hs traffic").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        label[0] = 0;
        label[1] = 32;
        label[2] = 18;
    }

    @Benchmark
    public byte[] sha256_16k() {
        TranscriptHash h = hashes.newHash(HashAlgorithm.SHA256);
        h.update(bulk);
        return h.current();
    }

    /** One handshake message (512 bytes) into a transcript, then a snapshot. */
    @Benchmark
    public byte[] sha256TranscriptSnapshot() {
        TranscriptHash h = hashes.newHash(HashAlgorithm.SHA256);
        h.update(message);
        return h.current();
    }

    @Benchmark
    public byte[] hmacSha256Label() {
        return hashes.hmac(HashAlgorithm.SHA256, key, label, new byte[] {1});
    }
}
