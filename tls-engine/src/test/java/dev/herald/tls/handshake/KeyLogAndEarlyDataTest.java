package dev.herald.tls.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.tls.ClientAuthMode;
import dev.herald.tls.TlsServerConnection;
import dev.herald.tls.codec.ClientHello;
import dev.herald.tls.codec.Extension;
import dev.herald.tls.codec.Extensions;
import dev.herald.tls.codec.TlsWriter;
import dev.herald.tls.crypto.AeadAlgorithm;
import dev.herald.tls.crypto.NamedGroup;
import dev.herald.tls.crypto.TlsCryptos;
import dev.herald.tls.record.ContentType;
import dev.herald.tls.record.Tls13Protection;
import dev.herald.tls.testsupport.ScriptedTls12Client;
import dev.herald.tls.testsupport.ScriptedTls13Client;
import dev.herald.tls.testsupport.TestServers;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** NSS key-log output, and skipping a 0-RTT flight we never accept. */
class KeyLogAndEarlyDataTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void tls13KeyLogLinesCarryTheSecretsTheClientDerives() {
        List<String> lines = new ArrayList<>();
        TlsServerConnection server = TestServers.connection(ClientAuthMode.NEVER, b -> b.keyLogSink(lines::add));
        ScriptedTls13Client c = new ScriptedTls13Client(server).handshake(null, null);
        String cr = HEX.formatHex(c.clientHello.random());
        assertThat(lines).containsExactly(
                "CLIENT_HANDSHAKE_TRAFFIC_SECRET " + cr + " " + HEX.formatHex(c.clientHsSecret),
                "SERVER_HANDSHAKE_TRAFFIC_SECRET " + cr + " " + HEX.formatHex(c.serverHsSecret),
                "CLIENT_TRAFFIC_SECRET_0 " + cr + " " + HEX.formatHex(c.clientAppSecret),
                "SERVER_TRAFFIC_SECRET_0 " + cr + " " + HEX.formatHex(c.serverAppSecret),
                lines.get(4));
        assertThat(lines.get(4)).startsWith("EXPORTER_SECRET " + cr + " ");
    }

    @Test
    void tls12KeyLogLineIsClientRandomAndMasterSecret() {
        List<String> lines = new ArrayList<>();
        TlsServerConnection server = TestServers.connection(ClientAuthMode.NEVER, b -> b.keyLogSink(lines::add));
        ScriptedTls12Client c = new ScriptedTls12Client(server).handshake(null, null);
        assertThat(lines).containsExactly("CLIENT_RANDOM " + HEX.formatHex(c.clientHello.random()) + " "
                + HEX.formatHex(c.schedule.masterSecret()));
    }

    @Test
    void noKeyLogByDefault() {
        // Nothing to observe but the absence of a sink: the default config has none.
        assertThat(TestServers.builder(ClientAuthMode.NEVER).build().keyLogSink()).isEmpty();
    }

    /** A ClientHello offering 0-RTT with a PSK we cannot know; we answer with a full handshake. */
    private static ClientHello withEarlyData(ScriptedTls13Client c) {
        ClientHello base = c.buildClientHello();
        List<Extension> ext = new ArrayList<>(base.extensions().list());
        ext.add(new Extension.Unknown(45, new byte[] {1, 1})); // psk_key_exchange_modes: psk_dhe_ke
        ext.add(new Extension.Unknown(42, new byte[0])); // early_data
        TlsWriter psk = new TlsWriter();
        int ids = psk.begin16();
        psk.opaque16(new byte[16]).u32(0);
        psk.end(ids);
        int binders = psk.begin16();
        psk.opaque8(new byte[32]);
        psk.end(binders);
        ext.add(new Extension.Unknown(41, psk.toByteArray())); // pre_shared_key, last
        return new ClientHello(0x0303, base.random(), base.sessionId(), base.cipherSuites(), new byte[] {0}, new Extensions(ext));
    }

    private static byte[] fakeEarlyDataRecord(int n) {
        Tls13Protection p = new Tls13Protection(TlsCryptos.defaultCrypto().newAead(AeadAlgorithm.AES_128_GCM, new byte[16]),
                new byte[12]);
        return p.seal(ContentType.APPLICATION_DATA, new byte[n], 0, n, 0);
    }

    @Test
    void rejectedEarlyDataIsSkipped() {
        ScriptedTls13Client c = new ScriptedTls13Client(TestServers.connection(ClientAuthMode.NEVER));
        c.sendClientHello(withEarlyData(c));
        c.sendWire(fakeEarlyDataRecord(100));
        c.sendWire(fakeEarlyDataRecord(200));
        c.readServerHello();
        c.readServerFlight();
        c.sendFinished();
        assertThat(c.serverError).isNull();
        assertThat(c.server().session()).isPresent();
        assertThat(c.server().plaintextAvailable()).isZero();
    }

    @Test
    void earlyDataIsSkippedAfterHelloRetryRequestToo() {
        ScriptedTls13Client c = new ScriptedTls13Client(TestServers.connection(ClientAuthMode.NEVER,
                b -> b.groups(List.of(NamedGroup.SECP384R1))));
        c.sendClientHello(withEarlyData(c));
        c.sendWire(fakeEarlyDataRecord(100));
        c.readServerHello();
        assertThat(c.helloRetryRequested).isTrue();
        c.sendClientHello(c.buildClientHello(List.of(NamedGroup.SECP384R1), List.of()));
        c.readServerHello();
        c.readServerFlight();
        c.sendFinished();
        assertThat(c.serverError).isNull();
        assertThat(c.server().session()).isPresent();
    }

    @Test
    void earlyDataBeyondTheBudgetIsRefused() {
        ScriptedTls13Client c = new ScriptedTls13Client(TestServers.connection(ClientAuthMode.NEVER));
        c.sendClientHello(withEarlyData(c));
        for (int i = 0; i < 10 && c.serverError == null; i++) {
            c.sendWire(fakeEarlyDataRecord(16000));
        }
        assertThat(c.serverError.alertName()).isEqualTo("unexpected_message");
    }

    @Test
    void withoutEarlyDataAnUndecryptableRecordIsBadRecordMac() {
        ScriptedTls13Client c = new ScriptedTls13Client(TestServers.connection(ClientAuthMode.NEVER));
        c.sendClientHello(c.buildClientHello());
        c.sendWire(fakeEarlyDataRecord(10));
        assertThat(c.serverError.alertName()).isEqualTo("bad_record_mac");
    }
}
