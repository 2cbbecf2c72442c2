package dev.herald.tls.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.tls.TlsException;
import dev.herald.tls.crypto.AeadAlgorithm;
import dev.herald.tls.crypto.TlsCrypto;
import dev.herald.tls.crypto.TlsCryptos;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Framing, protection, fragmentation and the record-layer caps. */
class RecordLayerTest {
    private final TlsCrypto crypto = TlsCryptos.defaultCrypto();

    private Tls13Protection tls13(AeadAlgorithm alg) {
        return new Tls13Protection(crypto.newAead(alg, new byte[alg.keyLength()]), new byte[12]);
    }

    private Tls12AeadProtection tls12(AeadAlgorithm alg) {
        int iv = alg == AeadAlgorithm.CHACHA20_POLY1305 ? 12 : 4;
        return new Tls12AeadProtection(crypto.newAead(alg, new byte[alg.keyLength()]), new byte[iv]);
    }

    private static void assertAlert(Runnable r, String alert) {
        assertThatThrownBy(r::run).isInstanceOf(RuntimeException.class).hasCauseInstanceOf(TlsException.class)
                .satisfies(e -> assertThat(((TlsException) e.getCause()).alertName()).isEqualTo(alert));
    }

    private static Runnable wrap(ThrowingRunnable r) {
        return () -> {
            try {
                r.run();
            } catch (TlsException e) {
                throw new RuntimeException(e);
            }
        };
    }

    interface ThrowingRunnable {
        void run() throws TlsException;
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void tls13RoundTripWithPadding(AeadAlgorithm alg) throws Exception {
        Tls13Protection w = tls13(alg);
        Tls13Protection r = tls13(alg);
        byte[] data = "hello".getBytes();
        byte[] rec = w.seal(ContentType.APPLICATION_DATA, data, 0, data.length, 100);
        assertThat(rec[0]).isEqualTo((byte) ContentType.APPLICATION_DATA);
        assertThat(rec.length).isEqualTo(5 + data.length + 1 + 100 + 16);
        Plaintext p = r.open(rec, 0, rec.length - 5);
        assertThat(p.type()).isEqualTo(ContentType.APPLICATION_DATA);
        assertThat(p.copy()).isEqualTo(data);
        // The inner type is hidden: a handshake record also travels as application_data.
        byte[] hs = w.seal(ContentType.HANDSHAKE, data, 0, data.length, 0);
        assertThat(hs[0]).isEqualTo((byte) ContentType.APPLICATION_DATA);
        assertThat(r.open(hs, 0, hs.length - 5).type()).isEqualTo(ContentType.HANDSHAKE);
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void flippedTagOrCiphertextBitIsBadRecordMac(AeadAlgorithm alg) {
        for (int pos : new int[] {5, 9, -1}) {
            Tls13Protection w = tls13(alg);
            Tls13Protection r = tls13(alg);
            byte[] rec = w.seal(ContentType.APPLICATION_DATA, new byte[20], 0, 20, 0);
            int at = pos < 0 ? rec.length - 1 : pos;
            rec[at] ^= 1;
            assertAlert(wrap(() -> r.open(rec, 0, rec.length - 5)), "bad_record_mac");
        }
        Tls12AeadProtection w = tls12(alg);
        Tls12AeadProtection r = tls12(alg);
        byte[] rec = w.seal(ContentType.APPLICATION_DATA, new byte[20], 0, 20, 0);
        rec[rec.length - 1] ^= 0x40;
        assertAlert(wrap(() -> r.open(rec, 0, rec.length - 5)), "bad_record_mac");
    }

    @Test
    void tls13RecordsMustBeReadInOrder() {
        Tls13Protection w = tls13(AeadAlgorithm.AES_128_GCM);
        Tls13Protection r = tls13(AeadAlgorithm.AES_128_GCM);
        w.seal(ContentType.APPLICATION_DATA, new byte[1], 0, 1, 0);
        byte[] second = w.seal(ContentType.APPLICATION_DATA, new byte[1], 0, 1, 0);
        assertAlert(wrap(() -> r.open(second, 0, second.length - 5)), "bad_record_mac");
    }

    @Test
    void allPaddingRecordIsUnexpectedMessage() throws Exception {
        // An inner plaintext of zeros only has no content type (RFC 8446 §5.4).
        Tls13Protection w = tls13(AeadAlgorithm.AES_128_GCM);
        Tls13Protection r = tls13(AeadAlgorithm.AES_128_GCM);
        byte[] rec = w.seal(0, new byte[0], 0, 0, 10);
        assertAlert(wrap(() -> r.open(rec, 0, rec.length - 5)), "unexpected_message");
    }

    @Test
    void innerPlaintextOver2To14PlusOneIsRecordOverflow() {
        Tls13Protection w = tls13(AeadAlgorithm.AES_128_GCM);
        Tls13Protection r = tls13(AeadAlgorithm.AES_128_GCM);
        byte[] big = new byte[1 << 14];
        byte[] rec = w.seal(ContentType.APPLICATION_DATA, big, 0, big.length, 50);
        assertAlert(wrap(() -> r.open(rec, 0, rec.length - 5)), "record_overflow");
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void tls12RoundTrip(AeadAlgorithm alg) throws Exception {
        Tls12AeadProtection w = tls12(alg);
        Tls12AeadProtection r = tls12(alg);
        for (int i = 0; i < 3; i++) {
            byte[] data = ("record " + i).getBytes();
            byte[] rec = w.seal(ContentType.APPLICATION_DATA, data, 0, data.length, 0);
            int explicit = alg == AeadAlgorithm.CHACHA20_POLY1305 ? 0 : 8;
            assertThat(rec.length).isEqualTo(5 + explicit + data.length + 16);
            if (explicit > 0) {
                // RFC 5288: we use the sequence number as the explicit nonce.
                assertThat(rec[5 + 7]).isEqualTo((byte) i);
            }
            Plaintext p = r.open(rec, 0, rec.length - 5);
            assertThat(p.copy()).isEqualTo(data);
        }
    }

    @Test
    void tls12TypeIsAuthenticated() {
        Tls12AeadProtection w = tls12(AeadAlgorithm.AES_128_GCM);
        Tls12AeadProtection r = tls12(AeadAlgorithm.AES_128_GCM);
        byte[] rec = w.seal(ContentType.APPLICATION_DATA, new byte[4], 0, 4, 0);
        rec[0] = ContentType.HANDSHAKE;
        assertAlert(wrap(() -> r.open(rec, 0, rec.length - 5)), "bad_record_mac");
    }

    @Test
    void decoderFramesRecordsFedOneByteAtATime() throws Exception {
        RecordDecoder d = new RecordDecoder();
        byte[] stream = concat(record(ContentType.HANDSHAKE, new byte[] {1, 2, 3}), record(ContentType.ALERT, new byte[] {1, 0}));
        List<Integer> types = new ArrayList<>();
        for (byte b : stream) {
            assertThat(d.write(new byte[] {b}, 0, 1)).isEqualTo(1);
            Plaintext p;
            while ((p = d.next()) != null) {
                types.add(p.type());
            }
        }
        assertThat(types).containsExactly(ContentType.HANDSHAKE, ContentType.ALERT);
    }

    @Test
    void decoderRejectsOversizedHeaderBeforeTheBodyArrives() {
        RecordDecoder d = new RecordDecoder();
        d.write(new byte[] {22, 3, 3, 0x40, 0x01}, 0, 5); // 2^14 + 1 plaintext bytes
        assertAlert(wrap(d::next), "record_overflow");
        RecordDecoder e = new RecordDecoder();
        e.setProtection(tls13(AeadAlgorithm.AES_128_GCM));
        e.write(new byte[] {23, 3, 3, 0x41, 0x01}, 0, 5); // 2^14 + 257 ciphertext bytes
        assertAlert(wrap(e::next), "record_overflow");
    }

    @Test
    void decoderRejectsUnknownTypesAndPlaintextApplicationData() {
        RecordDecoder d = new RecordDecoder();
        d.write(new byte[] {0x30, 3, 3, 0, 1, 0}, 0, 6); // e.g. an LDAP PDU on the LDAPS port
        assertAlert(wrap(d::next), "unexpected_message");
        RecordDecoder e = new RecordDecoder();
        e.write(record(ContentType.APPLICATION_DATA, new byte[] {1}), 0, 6);
        assertAlert(wrap(e::next), "unexpected_message");
    }

    @Test
    void decoderTakesNoMoreThanItsBuffer() {
        RecordDecoder d = new RecordDecoder();
        ByteBuffer big = ByteBuffer.allocate(1 << 20);
        int n = d.write(big);
        assertThat(n).isEqualTo(2 * RecordLimits.MAX_RECORD);
        assertThat(big.remaining()).isEqualTo((1 << 20) - n);
    }

    @Test
    void decoderStopsAtARecordBoundaryWhenNotEverythingFits() throws Exception {
        byte[] one = record(ContentType.HANDSHAKE, new byte[RecordLimits.MAX_PLAINTEXT]);
        byte[] three = concat(concat(one, one), one);
        for (ByteBuffer src : List.of(ByteBuffer.wrap(three), ByteBuffer.allocateDirect(three.length).put(three).flip())) {
            RecordDecoder d = new RecordDecoder();
            // Two whole records fit, with room to spare: take exactly two, not a piece of the third.
            assertThat(d.write(src)).isEqualTo(2 * one.length);
            assertThat(d.next()).isNotNull();
            assertThat(d.next()).isNotNull();
            assertThat(d.next()).isNull();
            assertThat(d.buffered()).isZero();
            assertThat(d.write(src)).isEqualTo(one.length);
            assertThat(d.next().length()).isEqualTo(RecordLimits.MAX_PLAINTEXT);
        }
        // With the array API too, and a partial record already buffered.
        RecordDecoder d = new RecordDecoder();
        d.write(three, 0, 100);
        assertThat(d.write(three, 100, three.length - 100)).isEqualTo(2 * one.length - 100);
    }

    @Test
    void decoderFramesTheSameRecordsWhateverTheChunkSizes() throws Exception {
        java.util.Random random = new java.util.Random(7);
        byte[] stream = new byte[0];
        List<Integer> lengths = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int len = i % 3 == 0 ? RecordLimits.MAX_PLAINTEXT : 1 + random.nextInt(RecordLimits.MAX_PLAINTEXT);
            byte[] content = new byte[len];
            random.nextBytes(content);
            content[0] = (byte) i;
            stream = concat(stream, record(ContentType.HANDSHAKE, content));
            lengths.add(len);
        }
        RecordDecoder d = new RecordDecoder();
        List<Integer> seen = new ArrayList<>();
        int off = 0;
        while (off < stream.length) {
            int chunk = Math.min(stream.length - off, 1 + random.nextInt(3 * RecordLimits.MAX_RECORD));
            ByteBuffer src = random.nextBoolean() ? ByteBuffer.wrap(stream, off, chunk)
                    : ByteBuffer.allocateDirect(chunk).put(stream, off, chunk).flip();
            int taken = d.write(src);
            assertThat(taken).isPositive();
            off += taken;
            Plaintext p;
            while ((p = d.next()) != null) {
                assertThat(p.buffer()[p.offset()]).isEqualTo((byte) seen.size());
                seen.add(p.length());
            }
        }
        assertThat(seen).isEqualTo(lengths);
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void tls13RecordsAreTheSameFromEveryBackend(AeadAlgorithm alg) throws Exception {
        // The JDK backend seals content and type byte in one pass from the caller's array; the
        // Bouncy Castle backend copies first. Same key and nonce: the records must be identical.
        byte[] key = new byte[alg.keyLength()];
        Arrays.fill(key, (byte) 7);
        Tls13Protection jdk = new Tls13Protection(TlsCryptos.jca().newAead(alg, key), new byte[12]);
        Tls13Protection bc = new Tls13Protection(TlsCryptos.bouncyCastle().newAead(alg, key), new byte[12]);
        Tls13Protection reader = new Tls13Protection(TlsCryptos.bouncyCastle().newAead(alg, key), new byte[12]);
        byte[] data = new byte[RecordLimits.MAX_PLAINTEXT + 10];
        new java.util.Random(3).nextBytes(data);
        for (int[] c : new int[][] {{0, 0, 0}, {5, 1000, 0}, {3, 16000, 384}, {0, RecordLimits.MAX_PLAINTEXT, 0}, {7, 1, 40}}) {
            byte[] a = jdk.seal(ContentType.APPLICATION_DATA, data, c[0], c[1], c[2]);
            byte[] b = bc.seal(ContentType.APPLICATION_DATA, data, c[0], c[1], c[2]);
            assertThat(a).isEqualTo(b);
            Plaintext p = reader.open(a, 0, a.length - 5);
            assertThat(p.copy()).isEqualTo(Arrays.copyOfRange(data, c[0], c[0] + c[1]));
        }
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void tls12RecordsAreTheSameFromEveryBackend(AeadAlgorithm alg) throws Exception {
        byte[] key = new byte[alg.keyLength()];
        int ivLength = alg == AeadAlgorithm.CHACHA20_POLY1305 ? 12 : 4;
        Tls12AeadProtection jdk = new Tls12AeadProtection(TlsCryptos.jca().newAead(alg, key), new byte[ivLength]);
        Tls12AeadProtection bc = new Tls12AeadProtection(TlsCryptos.bouncyCastle().newAead(alg, key), new byte[ivLength]);
        byte[] data = new byte[20000];
        new java.util.Random(5).nextBytes(data);
        for (int len : new int[] {0, 1, 100, RecordLimits.MAX_PLAINTEXT}) {
            assertThat(jdk.seal(ContentType.APPLICATION_DATA, data, 3, len, 0))
                    .isEqualTo(bc.seal(ContentType.APPLICATION_DATA, data, 3, len, 0));
        }
    }

    @Test
    void encoderFragmentsAndCoalesces() {
        RecordEncoder enc = new RecordEncoder(0);
        enc.addHandshake(new byte[] {1, 0, 0, 1, 9});
        enc.addHandshake(new byte[] {2, 0, 0, 0});
        enc.writeRecords(ContentType.APPLICATION_DATA, new byte[40000], 0, 40000);
        List<byte[]> recs = new ArrayList<>();
        byte[] r;
        while ((r = enc.poll()) != null) {
            recs.add(r);
        }
        // the two handshake messages in one record, then 16384 + 16384 + 7232
        assertThat(recs).hasSize(4);
        assertThat(recs.get(0)).hasSize(5 + 9);
        assertThat(recs.get(1)).hasSize(5 + 16384);
        assertThat(recs.get(3)).hasSize(5 + 40000 - 32768);
    }

    @Test
    void encoderPadsTls13Records() {
        RecordEncoder enc = new RecordEncoder(256);
        enc.setProtection(tls13(AeadAlgorithm.AES_128_GCM));
        enc.writeRecords(ContentType.APPLICATION_DATA, new byte[10], 0, 10);
        byte[] rec = enc.poll();
        assertThat(rec.length - 5 - 16).isEqualTo(256);
    }

    @Test
    void encoderDrainsIntoSmallBuffers() {
        RecordEncoder enc = new RecordEncoder(0);
        enc.writeRecords(ContentType.HANDSHAKE, new byte[100], 0, 100);
        ByteBuffer small = ByteBuffer.allocate(7);
        int total = 0;
        while (enc.pendingBytes() > 0) {
            small.clear();
            total += enc.drainTo(small);
        }
        assertThat(total).isEqualTo(105);
    }

    @Test
    void assemblerJoinsFragmentsAndSplitsCoalescedMessages() throws Exception {
        HandshakeAssembler a = new HandshakeAssembler();
        byte[] m1 = {20, 0, 0, 3, 7, 8, 9};
        byte[] m2 = {24, 0, 0, 1, 0};
        byte[] both = concat(m1, m2);
        a.add(both, 0, 2);
        assertThat(a.next()).isNull();
        a.add(both, 2, 3);
        assertThat(a.next()).isNull();
        a.add(both, 5, both.length - 5);
        HandshakeAssembler.Message first = a.next();
        assertThat(first.type()).isEqualTo(20);
        assertThat(first.body()).containsExactly(7, 8, 9);
        assertThat(first.encoded()).isEqualTo(m1);
        assertThat(a.next().type()).isEqualTo(24);
        assertThat(a.next()).isNull();
        assertThat(a.isEmpty()).isTrue();
    }

    @Test
    void assemblerCapsDeclaredLengths() throws Exception {
        HandshakeAssembler a = new HandshakeAssembler();
        byte[] header = {1, 0x01, 0x00, 0x01}; // ClientHello of 64 KiB + 1
        assertAlert(wrap(() -> a.add(header, 0, 4)), "illegal_parameter");
        HandshakeAssembler b = new HandshakeAssembler();
        b.add(new byte[] {11, 0x01, 0x00, 0x00}, 0, 4); // Certificate of 64 KiB is fine
        HandshakeAssembler c = new HandshakeAssembler();
        assertAlert(wrap(() -> c.add(new byte[] {11, 0x02, 0x00, 0x01}, 0, 4)), "illegal_parameter");
    }

    static byte[] record(int type, byte[] content) {
        byte[] out = new byte[5 + content.length];
        out[0] = (byte) type;
        out[1] = 3;
        out[2] = 3;
        out[3] = (byte) (content.length >>> 8);
        out[4] = (byte) content.length;
        System.arraycopy(content, 0, out, 5, content.length);
        return out;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
