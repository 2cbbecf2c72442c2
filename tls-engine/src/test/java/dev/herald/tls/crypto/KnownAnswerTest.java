package dev.herald.tls.crypto;

import static dev.herald.tls.crypto.TestKeys.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Known answers from the RFCs and the GCM specification, through every composition. */
class KnownAnswerTest {

    static Stream<TlsCrypto> cryptos() {
        return Stream.of(TlsCryptos.defaultCrypto(), TlsCryptos.jca(), TlsCryptos.bouncyCastle());
    }

    /** RFC 5869 Appendix A.1. */
    @ParameterizedTest
    @MethodSource("cryptos")
    void hkdfRfc5869TestCase1(TlsCrypto crypto) {
        byte[] prk = crypto.hkdfExtract(HashAlgorithm.SHA256, hex("000102030405060708090a0b0c"),
                hex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"));
        assertThat(hex(prk)).isEqualTo("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5");
        byte[] okm = crypto.hkdfExpand(HashAlgorithm.SHA256, prk, hex("f0f1f2f3f4f5f6f7f8f9"), 42);
        assertThat(hex(okm)).isEqualTo(
                "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
    }

    /** RFC 8439 §2.8.2. */
    @ParameterizedTest
    @MethodSource("cryptos")
    void chacha20Poly1305Rfc8439(TlsCrypto crypto) throws Exception {
        byte[] key = hex("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f");
        byte[] nonce = hex("070000004041424344454647");
        byte[] aad = hex("50515253c0c1c2c3c4c5c6c7");
        byte[] pt = ("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future,"
                + " sunscreen would be it.").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        String ct = "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d63dbea45e8ca9671282fafb69da92728b"
                + "1a71de0a9e060b2905d6a5b67ecd3b3692ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc"
                + "3ff4def08e4b7a9de576d26586cec64b6116";
        String tag = "1ae10b594f09e26a7e902ecbd0600691";
        checkAead(crypto, AeadAlgorithm.CHACHA20_POLY1305, key, nonce, aad, pt, ct + tag);
    }

    /** GCM specification (McGrew and Viega), test case 4: AES-128, 60-byte plaintext, 20-byte AAD. */
    @ParameterizedTest
    @MethodSource("cryptos")
    void aes128GcmTestCase4(TlsCrypto crypto) throws Exception {
        checkAead(crypto, AeadAlgorithm.AES_128_GCM, hex("feffe9928665731c6d6a8f9467308308"),
                hex("cafebabefacedbaddecaf888"), hex("feedfacedeadbeeffeedfacedeadbeefabaddad2"), gcmPlaintext(),
                "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa05"
                        + "1ba30b396a0aac973d58e091" + "5bc94fbc3221a5db94fae95ae7121a47");
    }

    /** GCM specification, test case 16: AES-256. */
    @ParameterizedTest
    @MethodSource("cryptos")
    void aes256GcmTestCase16(TlsCrypto crypto) throws Exception {
        checkAead(crypto, AeadAlgorithm.AES_256_GCM,
                hex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308"),
                hex("cafebabefacedbaddecaf888"), hex("feedfacedeadbeeffeedfacedeadbeefabaddad2"), gcmPlaintext(),
                "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838"
                        + "c5f61e6393ba7a0abcc9f662" + "76fc6ece0f4e1768cddf8853bb2d551b");
    }

    private static byte[] gcmPlaintext() {
        return hex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525"
                + "b16aedf5aa0de657ba637b39");
    }

    private static void checkAead(TlsCrypto crypto, AeadAlgorithm alg, byte[] key, byte[] nonce, byte[] aad,
            byte[] pt, String expected) throws Exception {
        Aead sealer = crypto.newAead(alg, key);
        byte[] out = new byte[pt.length + AeadAlgorithm.TAG_LENGTH];
        assertThat(sealer.seal(nonce, aad, pt, 0, pt.length, out, 0)).isEqualTo(out.length);
        assertThat(hex(out)).isEqualTo(expected);
        Aead opener = crypto.newAead(alg, key);
        byte[] back = new byte[pt.length];
        assertThat(opener.open(nonce, aad, out, 0, out.length, back, 0)).isEqualTo(pt.length);
        assertThat(back).isEqualTo(pt);
    }
}
