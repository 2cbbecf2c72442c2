package dev.herald.tls.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.tls.crypto.TestKeys.Flavour;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Round trips and the negative rules of every primitive, through the production composition and
 * through each single-backend one, plus cross-backend interop (one side JDK, the other BC).
 */
class TlsCryptoRoundTripTest {
    private static final byte[] MESSAGE = "TLS 1.3, server CertificateVerify".getBytes(StandardCharsets.US_ASCII);

    static Stream<Named<TlsCrypto>> cryptos() {
        return Stream.of(Named.of("default", TlsCryptos.defaultCrypto()), Named.of("jca", TlsCryptos.jca()),
                Named.of("bc", TlsCryptos.bouncyCastle()));
    }

    static Stream<Arguments> cryptoPairs() {
        List<Arguments> out = new ArrayList<>();
        cryptos().forEach(a -> cryptos().forEach(b -> out.add(Arguments.of(a, b))));
        return out.stream();
    }

    // ---- hashes, HMAC, HKDF ----

    @ParameterizedTest
    @MethodSource("cryptos")
    void transcriptCurrentDoesNotEndTheHash(TlsCrypto crypto) throws Exception {
        for (HashAlgorithm alg : HashAlgorithm.values()) {
            TranscriptHash h = crypto.newHash(alg);
            h.update("abc".getBytes(StandardCharsets.US_ASCII));
            assertThat(h.current()).isEqualTo(MessageDigest.getInstance(alg.jcaName()).digest("abc".getBytes()));
            TranscriptHash copy = h.copy();
            h.update("def".getBytes(StandardCharsets.US_ASCII));
            assertThat(h.current()).isEqualTo(MessageDigest.getInstance(alg.jcaName()).digest("abcdef".getBytes()));
            assertThat(h.current()).hasSize(alg.length());
            assertThat(copy.current()).isEqualTo(MessageDigest.getInstance(alg.jcaName()).digest("abc".getBytes()));
            assertThat(h.algorithm()).isEqualTo(alg);
        }
    }

    @ParameterizedTest
    @MethodSource("cryptos")
    void hmacOverPiecesEqualsHmacOverWhole(TlsCrypto crypto) {
        byte[] key = {1, 2, 3};
        assertThat(crypto.hmac(HashAlgorithm.SHA384, key, "ab".getBytes(), "cd".getBytes()))
                .isEqualTo(crypto.hmac(HashAlgorithm.SHA384, key, "abcd".getBytes()))
                .isEqualTo(TlsCryptos.bcHashes().hmac(HashAlgorithm.SHA384, key, "abcd".getBytes()))
                .isEqualTo(TlsCryptos.jcaHashes().hmac(HashAlgorithm.SHA384, key, "abcd".getBytes()));
        // An empty key is legal HMAC (TLS 1.3's early secret uses HKDF-Extract(0, 0)).
        assertThat(crypto.hmac(HashAlgorithm.SHA256, new byte[0], "x".getBytes()))
                .isEqualTo(TlsCryptos.bcHashes().hmac(HashAlgorithm.SHA256, new byte[0], "x".getBytes()));
    }

    @ParameterizedTest
    @MethodSource("cryptos")
    void hkdfExpandRefusesOverlongOutput(TlsCrypto crypto) {
        byte[] prk = new byte[32];
        assertThat(crypto.hkdfExpand(HashAlgorithm.SHA256, prk, new byte[0], 255 * 32)).hasSize(255 * 32);
        assertThatThrownBy(() -> crypto.hkdfExpand(HashAlgorithm.SHA256, prk, new byte[0], 255 * 32 + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> crypto.hkdfExpand(HashAlgorithm.SHA256, prk, new byte[0], -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @MethodSource("cryptos")
    void hkdfExtractNullSaltIsZeroSalt(TlsCrypto crypto) {
        byte[] ikm = {7, 7, 7};
        assertThat(crypto.hkdfExtract(HashAlgorithm.SHA384, null, ikm))
                .isEqualTo(crypto.hkdfExtract(HashAlgorithm.SHA384, new byte[48], ikm));
    }

    // ---- AEAD ----

    static Stream<Arguments> aeadCases() {
        List<Arguments> out = new ArrayList<>();
        cryptoPairs().forEach(p -> {
            for (AeadAlgorithm a : AeadAlgorithm.values()) {
                out.add(Arguments.of(p.get()[0], p.get()[1], a));
            }
        });
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("aeadCases")
    void aeadInPlaceRoundTripAcrossRecordsAndBackends(TlsCrypto sender, TlsCrypto receiver, AeadAlgorithm alg)
            throws Exception {
        byte[] key = filled(alg.keyLength(), 0x42);
        Aead seal = sender.newAead(alg, key);
        Aead open = receiver.newAead(alg, key);
        for (int seq = 0; seq < 4; seq++) {
            byte[] nonce = nonce(seq);
            byte[] aad = {23, 3, 3, 0, (byte) seq};
            int len = seq == 3 ? 0 : 1000 * seq + 17;
            byte[] plain = filled(len, seq + 1);
            // record buffer: 5-byte header, payload, room for the tag; protect in place
            byte[] rec = new byte[5 + len + AeadAlgorithm.TAG_LENGTH];
            System.arraycopy(plain, 0, rec, 5, len);
            assertThat(seal.seal(nonce, aad, rec, 5, len, rec, 5)).isEqualTo(len + AeadAlgorithm.TAG_LENGTH);
            assertThat(Arrays.copyOfRange(rec, 5, 5 + len)).isNotEqualTo(plain.length == 0 ? new byte[] {1} : plain);
            assertThat(open.open(nonce, aad, rec, 5, len + AeadAlgorithm.TAG_LENGTH, rec, 5)).isEqualTo(len);
            assertThat(Arrays.copyOfRange(rec, 5, 5 + len)).isEqualTo(plain);
        }
    }

    @ParameterizedTest
    @MethodSource("aeadCases")
    void aeadRejectsTamperingAndWipesOutput(TlsCrypto sender, TlsCrypto receiver, AeadAlgorithm alg) throws Exception {
        byte[] key = filled(alg.keyLength(), 0x17);
        byte[] plain = filled(100, 0x61);
        byte[] ct = new byte[plain.length + AeadAlgorithm.TAG_LENGTH];
        sender.newAead(alg, key).seal(nonce(1), new byte[] {1}, plain, 0, plain.length, ct, 0);
        Aead open = receiver.newAead(alg, key);

        for (int flip : new int[] {0, plain.length - 1, ct.length - 1}) {
            byte[] bad = ct.clone();
            bad[flip] ^= 1;
            byte[] out = filled(plain.length, 0x55);
            assertThatThrownBy(() -> open.open(nonce(1), new byte[] {1}, bad, 0, bad.length, out, 0))
                    .isInstanceOf(BadTagException.class);
            assertThat(out).doesNotContain((byte) 0x61);
        }
        byte[] out = new byte[plain.length];
        assertThatThrownBy(() -> open.open(nonce(1), new byte[] {2}, ct, 0, ct.length, out, 0))
                .as("wrong AAD").isInstanceOf(BadTagException.class);
        assertThatThrownBy(() -> open.open(nonce(2), new byte[] {1}, ct, 0, ct.length, out, 0))
                .as("wrong nonce").isInstanceOf(BadTagException.class);
        assertThatThrownBy(() -> open.open(nonce(1), new byte[] {1}, ct, 0, 15, out, 0))
                .as("shorter than a tag").isInstanceOf(BadTagException.class);
        // the keyed object still works after failures
        assertThat(open.open(nonce(1), new byte[] {1}, ct, 0, ct.length, out, 0)).isEqualTo(plain.length);
        assertThat(out).isEqualTo(plain);
    }

    @ParameterizedTest
    @MethodSource("cryptos")
    void aeadRefusesWrongKeyLength(TlsCrypto crypto) {
        assertThatThrownBy(() -> crypto.newAead(AeadAlgorithm.AES_128_GCM, new byte[32]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> crypto.newAead(AeadAlgorithm.CHACHA20_POLY1305, new byte[16]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---- key exchange ----

    static Stream<Arguments> groupCases() {
        List<Arguments> out = new ArrayList<>();
        cryptoPairs().forEach(p -> {
            for (NamedGroup g : NamedGroup.values()) {
                out.add(Arguments.of(p.get()[0], p.get()[1], g));
            }
        });
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("groupCases")
    void keyExchangeAgreesAcrossBackends(TlsCrypto a, TlsCrypto b, NamedGroup group) throws Exception {
        KeyExchange x = a.newKeyExchange(group);
        KeyExchange y = b.newKeyExchange(group);
        assertThat(x.group()).isEqualTo(group);
        int pubLen = group == NamedGroup.X25519 ? 32 : group == NamedGroup.SECP256R1 ? 65 : 97;
        assertThat(x.publicKey()).hasSize(pubLen);
        byte[] s1 = x.agree(y.publicKey());
        byte[] s2 = y.agree(x.publicKey());
        assertThat(s1).isEqualTo(s2).hasSize(group == NamedGroup.SECP384R1 ? 48 : 32);
        assertThat(x.publicKey()).isNotEqualTo(a.newKeyExchange(group).publicKey());
    }

    @ParameterizedTest
    @MethodSource("cryptos")
    void nistGroupsRefuseBadPoints(TlsCrypto crypto) throws Exception {
        for (NamedGroup g : List.of(NamedGroup.SECP256R1, NamedGroup.SECP384R1)) {
            KeyExchange kx = crypto.newKeyExchange(g);
            byte[] good = crypto.newKeyExchange(g).publicKey();
            int f = (good.length - 1) / 2;
            List<byte[]> bad = new ArrayList<>();
            bad.add(new byte[0]);
            bad.add(new byte[] {0}); // point at infinity (SEC1 encoding)
            bad.add(Arrays.copyOf(good, good.length - 1)); // short
            bad.add(Arrays.copyOf(good, good.length + 1)); // long
            byte[] compressed = Arrays.copyOf(good, 1 + f);
            compressed[0] = (byte) (2 + (good[good.length - 1] & 1));
            bad.add(compressed); // valid point, but TLS 1.3 allows only uncompressed
            byte[] notOnCurve = good.clone();
            notOnCurve[notOnCurve.length - 1] ^= 1;
            bad.add(notOnCurve);
            byte[] hybrid = good.clone();
            hybrid[0] = 6;
            bad.add(hybrid);
            byte[] zeros = new byte[good.length];
            zeros[0] = 4;
            bad.add(zeros);
            // x = p (coordinate not reduced), y copied: out of field range
            byte[] xp = good.clone();
            byte[] p = dev.herald.tls.crypto.spi.NistCurve.of(g).prime().toByteArray();
            System.arraycopy(p, p.length - f, xp, 1, f);
            bad.add(xp);
            for (byte[] b : bad) {
                assertThatThrownBy(() -> kx.agree(b)).as("%s peer key %s", g, TestKeys.hex(b))
                        .isInstanceOf(InvalidPeerKeyException.class);
            }
            assertThat(kx.agree(good)).hasSize(f);
        }
    }

    @ParameterizedTest
    @MethodSource("cryptos")
    void x25519RefusesLowOrderPointsAndBadLengths(TlsCrypto crypto) throws Exception {
        KeyExchange kx = crypto.newKeyExchange(NamedGroup.X25519);
        byte[] one = new byte[32];
        one[0] = 1;
        // p - 1 (order-2 point), little-endian
        byte[] pMinus1 = TestKeys.hex("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
        // an order-8 point (RFC 7748 / libsodium blocklist)
        byte[] order8 = TestKeys.hex("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800");
        for (byte[] b : List.of(new byte[32], one, pMinus1, order8)) {
            assertThatThrownBy(() -> kx.agree(b)).isInstanceOf(InvalidPeerKeyException.class);
        }
        for (byte[] b : List.of(new byte[0], new byte[31], new byte[33])) {
            assertThatThrownBy(() -> kx.agree(b)).isInstanceOf(InvalidPeerKeyException.class);
        }
    }

    // ---- signatures ----

    static Stream<Arguments> signatureCases() {
        List<Arguments> out = new ArrayList<>();
        cryptoPairs().forEach(p -> {
            for (SignatureScheme s : SignatureScheme.values()) {
                for (Flavour f : Flavour.values()) {
                    out.add(Arguments.of(p.get()[0], p.get()[1], s, f));
                }
            }
        });
        return out.stream();
    }

    @ParameterizedTest(name = "{index}: {0} signs, {1} verifies, {2}, {3} keys")
    @MethodSource("signatureCases")
    void signaturesVerifyAcrossBackendsAndProviders(TlsCrypto signer, TlsCrypto verifier, SignatureScheme scheme,
            Flavour flavour) {
        KeyPair kp = TestKeys.forScheme(scheme, flavour);
        byte[] sig = signer.sign(scheme, kp.getPrivate(), MESSAGE);
        assertThat(verifier.verify(scheme, kp.getPublic(), MESSAGE, sig)).isTrue();
        // the other flavour of the same public key verifies too
        Flavour other = flavour == Flavour.JDK ? Flavour.BC_PEM : Flavour.JDK;
        assertThat(verifier.verify(scheme, TestKeys.forScheme(scheme, other).getPublic(), MESSAGE, sig)).isTrue();

        byte[] otherMessage = MESSAGE.clone();
        otherMessage[0] ^= 1;
        assertThat(verifier.verify(scheme, kp.getPublic(), otherMessage, sig)).isFalse();
        for (int i : new int[] {0, sig.length / 2, sig.length - 1}) {
            byte[] bad = sig.clone();
            bad[i] ^= 0x01;
            assertThat(verifier.verify(scheme, kp.getPublic(), MESSAGE, bad)).as("flipped byte %d", i).isFalse();
        }
        assertThat(verifier.verify(scheme, kp.getPublic(), MESSAGE, Arrays.copyOf(sig, sig.length - 1))).isFalse();
        assertThat(verifier.verify(scheme, kp.getPublic(), MESSAGE, Arrays.copyOf(sig, sig.length + 1))).isFalse();
        assertThat(verifier.verify(scheme, kp.getPublic(), MESSAGE, new byte[0])).isFalse();
        assertThat(verifier.verify(scheme, kp.getPublic(), MESSAGE, null)).isFalse();
    }

    @ParameterizedTest
    @MethodSource("cryptos")
    void verifyIsFalseForKeyOfAnotherType(TlsCrypto crypto) {
        for (SignatureScheme scheme : SignatureScheme.values()) {
            KeyPair kp = TestKeys.forScheme(scheme, Flavour.JDK);
            byte[] sig = crypto.sign(scheme, kp.getPrivate(), MESSAGE);
            for (SignatureScheme other : SignatureScheme.values()) {
                if (sameKeyKind(scheme, other)) {
                    continue;
                }
                for (Flavour f : Flavour.values()) {
                    assertThat(crypto.verify(other, TestKeys.forScheme(other, f).getPublic(), MESSAGE, sig))
                            .as("%s signature checked as %s", scheme, other).isFalse();
                    assertThat(crypto.verify(scheme, TestKeys.forScheme(other, f).getPublic(), MESSAGE, sig))
                            .as("%s signature with a %s key", scheme, other).isFalse();
                }
                assertThatThrownBy(() -> crypto.sign(scheme, TestKeys.forScheme(other, Flavour.JDK).getPrivate(), MESSAGE))
                        .as("%s with a %s key", scheme, other).isInstanceOf(IllegalArgumentException.class);
            }
        }
    }

    private static boolean sameKeyKind(SignatureScheme a, SignatureScheme b) {
        boolean rsaA = a.name().startsWith("RSA");
        boolean rsaB = b.name().startsWith("RSA");
        return a == b || (rsaA && rsaB);
    }

    @ParameterizedTest
    @MethodSource("cryptos")
    void rsaSchemesDoNotCrossVerify(TlsCrypto crypto) {
        KeyPair kp = TestKeys.forScheme(SignatureScheme.RSA_PSS_RSAE_SHA256, Flavour.JDK);
        byte[] pss = crypto.sign(SignatureScheme.RSA_PSS_RSAE_SHA256, kp.getPrivate(), MESSAGE);
        byte[] pkcs1 = crypto.sign(SignatureScheme.RSA_PKCS1_SHA256, kp.getPrivate(), MESSAGE);
        assertThat(crypto.verify(SignatureScheme.RSA_PKCS1_SHA256, kp.getPublic(), MESSAGE, pss)).isFalse();
        assertThat(crypto.verify(SignatureScheme.RSA_PSS_RSAE_SHA256, kp.getPublic(), MESSAGE, pkcs1)).isFalse();
        assertThat(crypto.verify(SignatureScheme.RSA_PSS_RSAE_SHA384, kp.getPublic(), MESSAGE, pss)).isFalse();
        assertThat(crypto.verify(SignatureScheme.RSA_PKCS1_SHA512, kp.getPublic(), MESSAGE, pkcs1)).isFalse();
    }

    @ParameterizedTest
    @MethodSource("cryptos")
    void ecdsaCurveIsBoundToSchemeInTls13ButNotTls12(TlsCrypto crypto) {
        KeyPair p384 = TestKeys.p384();
        assertThatThrownBy(() -> crypto.sign(SignatureScheme.ECDSA_SECP256R1_SHA256, p384.getPrivate(), MESSAGE))
                .isInstanceOf(IllegalArgumentException.class);
        // A TLS 1.2 peer may sign SHA-256 with a P-384 key.
        byte[] sig = TlsCryptos.bcSignatures().sign(SignatureScheme.ECDSA_SECP256R1_SHA256, p384.getPrivate(), MESSAGE,
                crypto.random());
        assertThat(crypto.verify(SignatureScheme.ECDSA_SECP256R1_SHA256, p384.getPublic(), MESSAGE, sig)).isFalse();
        assertThat(crypto.verifyTls12(SignatureScheme.ECDSA_SECP256R1_SHA256, p384.getPublic(), MESSAGE, sig)).isTrue();
        assertThat(crypto.verifyTls12(SignatureScheme.ECDSA_SECP384R1_SHA384, p384.getPublic(), MESSAGE, sig)).isFalse();
    }

    @ParameterizedTest
    @MethodSource("cryptos")
    void ecdsaRefusesBerAndOutOfRangeSignatures(TlsCrypto crypto) {
        SignatureScheme scheme = SignatureScheme.ECDSA_SECP256R1_SHA256;
        KeyPair kp = TestKeys.forScheme(scheme, Flavour.JDK);
        byte[] der = crypto.sign(scheme, kp.getPrivate(), MESSAGE);
        assertThat(crypto.verify(scheme, kp.getPublic(), MESSAGE, der)).isTrue();
        BigInteger[] rs = dev.herald.tls.crypto.spi.EcdsaDer.decode(der, dev.herald.tls.crypto.spi.NistCurve.P256.order());
        assertThat(rs).isNotNull();

        // long-form sequence length (BER)
        byte[] longForm = new byte[der.length + 1];
        longForm[0] = 0x30;
        longForm[1] = (byte) 0x81;
        System.arraycopy(der, 1, longForm, 2, der.length - 1);
        assertThat(crypto.verify(scheme, kp.getPublic(), MESSAGE, longForm)).isFalse();
        // trailing garbage
        assertThat(crypto.verify(scheme, kp.getPublic(), MESSAGE, Arrays.copyOf(der, der.length + 2))).isFalse();
        // r padded with a superfluous zero byte
        assertThat(crypto.verify(scheme, kp.getPublic(), MESSAGE, encodePadded(rs[0], rs[1]))).isFalse();
        // r + n (same value mod n) and s + n
        BigInteger n = dev.herald.tls.crypto.spi.NistCurve.P256.order();
        assertThat(crypto.verify(scheme, kp.getPublic(), MESSAGE,
                dev.herald.tls.crypto.spi.EcdsaDer.encode(rs[0].add(n), rs[1]))).isFalse();
        assertThat(crypto.verify(scheme, kp.getPublic(), MESSAGE,
                dev.herald.tls.crypto.spi.EcdsaDer.encode(rs[0], rs[1].add(n)))).isFalse();
        // zero and negative values
        assertThat(crypto.verify(scheme, kp.getPublic(), MESSAGE,
                dev.herald.tls.crypto.spi.EcdsaDer.encode(BigInteger.ZERO, rs[1]))).isFalse();
        assertThat(crypto.verify(scheme, kp.getPublic(), MESSAGE,
                dev.herald.tls.crypto.spi.EcdsaDer.encode(rs[0].negate(), rs[1]))).isFalse();
        // raw r||s (the P1363 form) is not what TLS sends
        byte[] raw = new byte[64];
        dev.herald.tls.crypto.spi.Bytes.writeFixed(rs[0], raw, 0, 32);
        dev.herald.tls.crypto.spi.Bytes.writeFixed(rs[1], raw, 32, 32);
        assertThat(crypto.verify(scheme, kp.getPublic(), MESSAGE, raw)).isFalse();
    }

    @Test
    void bcEcdsaIsDeterministic() {
        // RFC 6979: the same key and message give the same k, hence the same signature.
        KeyPair kp = TestKeys.forScheme(SignatureScheme.ECDSA_SECP256R1_SHA256, Flavour.BC_PEM);
        TlsCrypto bc = TlsCryptos.bouncyCastle();
        assertThat(bc.sign(SignatureScheme.ECDSA_SECP256R1_SHA256, kp.getPrivate(), MESSAGE))
                .isEqualTo(bc.sign(SignatureScheme.ECDSA_SECP256R1_SHA256, kp.getPrivate(), MESSAGE));
    }

    @Test
    void defaultCryptoNamesItsBackends() {
        assertThat(TlsCryptos.defaultCrypto().toString()).contains("AES_128_GCM=").contains("X25519=")
                .contains("ECDSA_SECP256R1_SHA256=");
    }

    private static byte[] encodePadded(BigInteger r, BigInteger s) {
        byte[] rb = r.toByteArray();
        byte[] rp = new byte[rb.length + 1];
        System.arraycopy(rb, 0, rp, 1, rb.length);
        byte[] sb = s.toByteArray();
        byte[] body = new byte[2 + rp.length + 2 + sb.length];
        body[0] = 2;
        body[1] = (byte) rp.length;
        System.arraycopy(rp, 0, body, 2, rp.length);
        body[2 + rp.length] = 2;
        body[3 + rp.length] = (byte) sb.length;
        System.arraycopy(sb, 0, body, 4 + rp.length, sb.length);
        byte[] out = new byte[2 + body.length];
        out[0] = 0x30;
        out[1] = (byte) body.length;
        System.arraycopy(body, 0, out, 2, body.length);
        return out;
    }

    private static byte[] nonce(int seq) {
        byte[] n = filled(12, 0x0c);
        n[11] ^= (byte) seq;
        return n;
    }

    private static byte[] filled(int len, int value) {
        byte[] b = new byte[len];
        Arrays.fill(b, (byte) value);
        return b;
    }
}
