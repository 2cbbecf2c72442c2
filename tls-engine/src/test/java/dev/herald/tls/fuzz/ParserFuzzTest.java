package dev.herald.tls.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.herald.tls.AlertDescription;
import dev.herald.tls.ClientAuthMode;
import dev.herald.tls.TlsException;
import dev.herald.tls.TlsServerConfig;
import dev.herald.tls.TlsServerConnection;
import dev.herald.tls.TlsServerContext;
import dev.herald.tls.codec.Certificate12;
import dev.herald.tls.codec.Certificate13;
import dev.herald.tls.codec.CertificateVerify;
import dev.herald.tls.codec.ClientHello;
import dev.herald.tls.codec.ClientKeyExchangeEcdhe;
import dev.herald.tls.codec.KeyUpdate;
import dev.herald.tls.crypto.AeadAlgorithm;
import dev.herald.tls.crypto.TlsCryptos;
import dev.herald.tls.record.HandshakeAssembler;
import dev.herald.tls.record.Plaintext;
import dev.herald.tls.record.RecordDecoder;
import dev.herald.tls.record.Tls13Protection;
import dev.herald.tls.testsupport.TestServers;

/**
 * Fuzz targets for everything that reads peer bytes. Plain {@code mvn test} replays the corpus
 * in {@code src/test/resources/dev/herald/tls/fuzz/ParserFuzzTestInputs/}; {@code JAZZER_FUZZ=1}
 * fuzzes. The property in each: malformed input ends in a {@link TlsException} with a protocol
 * alert, never another exception and never internal_error.
 */
class ParserFuzzTest {
    private static final TlsServerContext CONTEXT =
            TlsServerContext.create(TestServers.builder(ClientAuthMode.TRY).build());

    private static void protocolErrorOnly(TlsException e) {
        if (!e.receivedFromPeer()) { // the fuzzed peer may itself "send" internal_error
            assertThat(e.alertCode()).as(e.getMessage()).isNotEqualTo(AlertDescription.INTERNAL_ERROR.code());
        }
    }

    @FuzzTest(maxDuration = "60s")
    void clientHello(byte[] data) {
        try {
            ClientHello ch = ClientHello.parse(data);
            // whatever parses must serialize back to the same message
            assertThat(ClientHello.parse(java.util.Arrays.copyOfRange(ch.encode(), 4, ch.encode().length))).isEqualTo(ch);
        } catch (TlsException e) {
            protocolErrorOnly(e);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void clientMessages(FuzzedDataProvider in) {
        int which = in.consumeInt(0, 5);
        byte[] body = in.consumeRemainingAsBytes();
        try {
            switch (which) {
                case 0 -> Certificate13.parse(body);
                case 1 -> Certificate12.parse(body);
                case 2 -> CertificateVerify.parse(body);
                case 3 -> KeyUpdate.parse(body);
                case 4 -> ClientKeyExchangeEcdhe.parse(body);
                default -> {
                    HandshakeAssembler a = new HandshakeAssembler();
                    a.add(body, 0, body.length);
                    while (a.next() != null) {
                        // drain
                    }
                }
            }
        } catch (TlsException e) {
            protocolErrorOnly(e);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void recordDecoder(byte[] data) {
        RecordDecoder d = new RecordDecoder();
        if (data.length > 0 && (data[0] & 1) == 1) {
            d.setProtection(new Tls13Protection(TlsCryptos.defaultCrypto().newAead(AeadAlgorithm.AES_128_GCM, new byte[16]),
                    new byte[12]));
        }
        int off = 0;
        try {
            while (off < data.length) {
                off += d.write(data, off, data.length - off);
                Plaintext p;
                while ((p = d.next()) != null) {
                    assertThat(p.length()).isLessThanOrEqualTo(1 << 14);
                }
            }
        } catch (TlsException e) {
            protocolErrorOnly(e);
        }
    }

    @FuzzTest(maxDuration = "120s")
    void serverEngine(byte[] data) {
        TlsServerConnection conn = CONTEXT.newConnection();
        int off = 0;
        try {
            while (off < data.length) {
                int n = conn.readTls(data, off, data.length - off);
                off += n;
                conn.processNewPackets();
                while (conn.pollTls() != null) {
                    // discard our output
                }
                if (n == 0) {
                    break;
                }
            }
        } catch (TlsException e) {
            protocolErrorOnly(e);
            assertThat(conn.session()).isEmpty();
        }
    }

    static TlsServerConfig config() {
        return TestServers.builder(ClientAuthMode.TRY).build();
    }
}
