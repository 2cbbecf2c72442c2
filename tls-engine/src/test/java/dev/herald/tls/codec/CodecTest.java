package dev.herald.tls.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.tls.TlsException;
import dev.herald.tls.testsupport.Rfc8448;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Parse / serialize round trips and rejection of malformed input. */
class CodecTest {

    private static byte[] body(byte[] framed) {
        return Arrays.copyOfRange(framed, 4, framed.length);
    }

    private static void assertAlert(ThrowingRunnable r, String alert) {
        assertThatThrownBy(r::run).isInstanceOf(TlsException.class)
                .satisfies(e -> assertThat(((TlsException) e).alertName()).isEqualTo(alert));
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void rfc8448ClientHelloRoundTrip() throws Exception {
        ClientHello ch = ClientHello.parse(body(Rfc8448.CLIENT_HELLO));
        assertThat(ch.legacyVersion()).isEqualTo(0x0303);
        assertThat(ch.cipherSuites()).containsExactly(0x1301, 0x1303, 0x1302);
        assertThat(ch.extensions().find(Extension.ServerName.class).get().hostNames()).containsExactly("server");
        assertThat(ch.extensions().find(Extension.SupportedVersionsClient.class).get().versions()).containsExactly(0x0304);
        assertThat(ch.extensions().find(Extension.KeyShareClient.class).get().shares()).hasSize(1);
        assertThat(ch.extensions().find(Extension.RenegotiationInfo.class).get().renegotiatedConnection()).isEmpty();
        assertThat(ch.extensions().has(0x1c)).isTrue(); // record_size_limit, unknown to us, kept
        assertThat(ch.encode()).isEqualTo(Rfc8448.CLIENT_HELLO);
    }

    @Test
    void rfc8448ServerMessagesRoundTrip() throws Exception {
        ServerHello sh = ServerHello.parse(body(Rfc8448.SERVER_HELLO));
        assertThat(sh.isHelloRetryRequest()).isFalse();
        assertThat(sh.extensions().find(Extension.KeyShareServer.class).get().share().group()).isEqualTo(0x1d);
        assertThat(sh.encode()).isEqualTo(Rfc8448.SERVER_HELLO);

        EncryptedExtensions ee = EncryptedExtensions.parse(body(Rfc8448.ENCRYPTED_EXTENSIONS));
        assertThat(ee.extensions().find(Extension.ServerName.class)).contains(Extension.ServerName.acknowledgement());
        assertThat(ee.encode()).isEqualTo(Rfc8448.ENCRYPTED_EXTENSIONS);

        Certificate13 cert = Certificate13.parse(body(Rfc8448.CERTIFICATE));
        assertThat(cert.entries()).hasSize(1);
        assertThat(cert.encode()).isEqualTo(Rfc8448.CERTIFICATE);

        CertificateVerify cv = CertificateVerify.parse(body(Rfc8448.CERTIFICATE_VERIFY));
        assertThat(cv.scheme()).isEqualTo(0x0804);
        assertThat(cv.encode()).isEqualTo(Rfc8448.CERTIFICATE_VERIFY);

        assertThat(Finished.parse(body(Rfc8448.SERVER_FINISHED)).encode()).isEqualTo(Rfc8448.SERVER_FINISHED);
    }

    @Test
    void everyMessageRoundTrips() throws Exception {
        Extensions chExt = Extensions.of(
                new Extension.ServerName(List.of("ldap.example.org")),
                new Extension.SupportedGroups(List.of(0x1d, 0x17)),
                new Extension.EcPointFormats(List.of(0)),
                new Extension.SignatureAlgorithms(List.of(0x0403, 0x0804)),
                new Extension.SignatureAlgorithmsCert(List.of(0x0401)),
                new Extension.SupportedVersionsClient(List.of(0x0304, 0x0303)),
                new Extension.KeyShareClient(List.of(new Extension.KeyShareEntry(0x1d, new byte[32]))),
                Extension.RenegotiationInfo.initial(),
                new Extension.ExtendedMasterSecret(),
                new Extension.CertificateAuthorities(List.of(new byte[] {0x30, 0x00})),
                new Extension.Unknown(0x4444, new byte[] {1, 2, 3}));
        ClientHello ch = new ClientHello(0x0303, new byte[32], new byte[32], List.of(0x1301, 0xc02b), new byte[] {0}, chExt);
        assertThat(ClientHello.parse(body(ch.encode()))).isEqualTo(ch);

        ServerHello hrr = new ServerHello(0x0303, ServerHello.helloRetryRequestRandom(), new byte[0], 0x1301, 0,
                Extensions.of(new Extension.SupportedVersionsServer(0x0304), new Extension.KeyShareRetry(0x17)));
        ServerHello parsedHrr = ServerHello.parse(body(hrr.encode()));
        assertThat(parsedHrr.isHelloRetryRequest()).isTrue();
        assertThat(parsedHrr).isEqualTo(hrr);

        List<HandshakeMessage> messages = List.of(
                new CertificateRequest13(new byte[0], Extensions.of(new Extension.SignatureAlgorithms(List.of(0x0403)))),
                new CertificateRequest12(List.of(1, 64), List.of(0x0403, 0x0401), List.of(new byte[] {0x30, 0x00})),
                Certificate13.of(List.of(new byte[] {1, 2, 3}, new byte[] {4})),
                new Certificate12(List.of(new byte[] {1, 2, 3})),
                new Certificate12(List.of()),
                new CertificateVerify(0x0807, new byte[64]),
                new Finished(new byte[12]),
                new KeyUpdate(true),
                new ServerKeyExchangeEcdhe(0x17, new byte[65], 0x0403, new byte[70]),
                new ServerHelloDone(),
                new ClientKeyExchangeEcdhe(new byte[32]));
        for (HandshakeMessage m : messages) {
            byte[] enc = m.encode();
            HandshakeMessage back = switch (m.type()) {
                case HandshakeType.CERTIFICATE_REQUEST -> m instanceof CertificateRequest13
                        ? CertificateRequest13.parse(body(enc)) : CertificateRequest12.parse(body(enc));
                case HandshakeType.CERTIFICATE -> m instanceof Certificate13 ? Certificate13.parse(body(enc))
                        : Certificate12.parse(body(enc));
                case HandshakeType.CERTIFICATE_VERIFY -> CertificateVerify.parse(body(enc));
                case HandshakeType.FINISHED -> Finished.parse(body(enc));
                case HandshakeType.KEY_UPDATE -> KeyUpdate.parse(body(enc));
                case HandshakeType.SERVER_KEY_EXCHANGE -> ServerKeyExchangeEcdhe.parse(body(enc));
                case HandshakeType.SERVER_HELLO_DONE -> ServerHelloDone.parse(body(enc));
                case HandshakeType.CLIENT_KEY_EXCHANGE -> ClientKeyExchangeEcdhe.parse(body(enc));
                default -> throw new AssertionError(m);
            };
            assertThat(back).as(m.getClass().getSimpleName()).isEqualTo(m);
            assertThat(back.encode()).isEqualTo(enc);
        }
    }

    @Test
    void everyTruncationOfAClientHelloIsDecodeError() {
        byte[] b = body(Rfc8448.CLIENT_HELLO);
        int endOfCompression = 2 + 32 + 1 + 2 + 6 + 2;
        for (int n = 0; n < b.length; n++) {
            if (n == endOfCompression) {
                continue; // a TLS 1.2 ClientHello may legally end before the extension block
            }
            byte[] prefix = Arrays.copyOf(b, n);
            assertAlert(() -> ClientHello.parse(prefix), "decode_error");
        }
    }

    @Test
    void trailingBytesAreDecodeError() {
        byte[] b = body(Rfc8448.CLIENT_HELLO);
        byte[] longer = Arrays.copyOf(b, b.length + 1);
        assertAlert(() -> ClientHello.parse(longer), "decode_error");
        assertAlert(() -> CertificateVerify.parse(new byte[] {8, 4, 0, 1, 7, 0}), "decode_error");
        assertAlert(() -> KeyUpdate.parse(new byte[] {0, 0}), "decode_error");
        assertAlert(() -> ServerHelloDone.parse(new byte[] {0}), "decode_error");
        assertAlert(() -> ClientKeyExchangeEcdhe.parse(new byte[] {1, 5, 5}), "decode_error");
    }

    @Test
    void innerLengthBeyondItsContainerIsDecodeError() {
        // An extension whose declared length runs past the extension block.
        byte[] b = body(Rfc8448.CLIENT_HELLO);
        byte[] bad = b.clone();
        int extBlock = 2 + 32 + 1 + 2 + 6 + 2; // version, random, sid len, suites len + 3 suites, compression
        int firstExtLen = extBlock + 2 + 2;
        bad[firstExtLen] = (byte) 0xff;
        assertAlert(() -> ClientHello.parse(bad), "decode_error");
        // An extension body that is longer than its content needs.
        byte[] sv = new TlsWriter().u8(2).u16(0x0304).u8(9).toByteArray();
        assertAlert(() -> Extensions.parse(new TlsReader(frameExt(43, sv)), ExtensionContext.CLIENT_HELLO),
                "decode_error");
    }

    private static byte[] frameExt(int type, byte[] body) {
        TlsWriter w = new TlsWriter();
        int m = w.begin16();
        w.u16(type).opaque16(body);
        w.end(m);
        return w.toByteArray();
    }

    @Test
    void duplicatedExtensionIsIllegalParameter() {
        TlsWriter w = new TlsWriter();
        int m = w.begin16();
        w.u16(23).u16(0);
        w.u16(23).u16(0);
        w.end(m);
        assertAlert(() -> Extensions.parse(new TlsReader(w.toByteArray()), ExtensionContext.CLIENT_HELLO),
                "illegal_parameter");
        // Also for extensions we do not know.
        TlsWriter u = new TlsWriter();
        int m2 = u.begin16();
        u.u16(0x7777).u16(1).u8(0);
        u.u16(0x7777).u16(0);
        u.end(m2);
        assertAlert(() -> Extensions.parse(new TlsReader(u.toByteArray()), ExtensionContext.CLIENT_HELLO),
                "illegal_parameter");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "002b" + "0004" + "03030403",         // supported_versions: odd-length list
        "002b" + "0001" + "00",               // supported_versions: empty
        "000a" + "0002" + "0000",             // supported_groups: empty list
        "000d" + "0003" + "000104",           // signature_algorithms: odd length
        "0033" + "0006" + "0004001d0000",     // key_share: empty key_exchange
        "0017" + "0001" + "00",               // extended_master_secret with a body
        "0000" + "0002" + "0000",             // server_name: empty list
        "002f" + "0002" + "0000",             // certificate_authorities: empty
        "000b" + "0001" + "00",               // ec_point_formats: empty
    })
    void malformedExtensionBodies(String hex) {
        byte[] ext = java.util.HexFormat.of().parseHex(hex);
        TlsWriter w = new TlsWriter();
        w.opaque16(ext);
        assertAlert(() -> Extensions.parse(new TlsReader(w.toByteArray()), ExtensionContext.CLIENT_HELLO), "decode_error");
    }

    @Test
    void twoHostNamesAreIllegalParameter() {
        TlsWriter sni = new TlsWriter();
        int m = sni.begin16();
        sni.u8(0).opaque16("a".getBytes()).u8(0).opaque16("b".getBytes());
        sni.end(m);
        assertAlert(() -> Extensions.parse(new TlsReader(frameExt(0, sni.toByteArray())), ExtensionContext.CLIENT_HELLO),
                "illegal_parameter");
    }

    @Test
    void badKeyUpdateValueIsIllegalParameter() {
        assertAlert(() -> KeyUpdate.parse(new byte[] {2}), "illegal_parameter");
    }

    @Test
    void sessionIdLongerThan32IsDecodeError() {
        ClientHello ch = new ClientHello(0x0303, new byte[32], new byte[33], List.of(0x1301), new byte[] {0}, Extensions.EMPTY);
        assertAlert(() -> ClientHello.parse(body(ch.encode())), "decode_error");
    }

    @Test
    void tls12ClientHelloWithoutExtensionBlock() throws Exception {
        byte[] b = new TlsWriter().u16(0x0303).bytes(new byte[32]).u8(0).u16(2).u16(0xc02b).u8(1).u8(0).toByteArray();
        ClientHello ch = ClientHello.parse(b);
        assertThat(ch.extensions().isEmpty()).isTrue();
    }

    @Test
    void readerNarrowsToDeclaredLength() throws Exception {
        TlsReader r = new TlsReader(new byte[] {0, 2, 7, 8, 9});
        TlsReader sub = r.sub16();
        assertThat(sub.remaining()).isEqualTo(2);
        assertThat(sub.u8()).isEqualTo(7);
        assertThat(sub.u8()).isEqualTo(8);
        assertAlert(sub::u8, "decode_error");
        assertThat(r.u8()).isEqualTo(9);
        assertAlert(() -> new TlsReader(new byte[] {0, 5, 1}).sub16(), "decode_error");
        assertAlert(() -> new TlsReader(new byte[] {1}).expectEnd(), "decode_error");
        assertThat(Optional.of(new TlsReader(new byte[0]).hasRemaining())).contains(false);
    }

    @Test
    void writerRejectsOverlongVectors() {
        TlsWriter w = new TlsWriter();
        int m = w.begin8();
        w.bytes(new byte[256]);
        assertThatThrownBy(() -> w.end(m)).isInstanceOf(IllegalArgumentException.class);
    }
}
