package dev.herald.tls.keyschedule;

import static dev.herald.tls.testsupport.Rfc8448.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.tls.ClientAuthMode;
import dev.herald.tls.ServerCredential;
import dev.herald.tls.TlsServerConfig;
import dev.herald.tls.TlsServerConnection;
import dev.herald.tls.TlsServerContext;
import dev.herald.tls.crypto.AeadAlgorithm;
import dev.herald.tls.crypto.HashAlgorithm;
import dev.herald.tls.crypto.TlsCrypto;
import dev.herald.tls.crypto.TlsCryptos;
import dev.herald.tls.crypto.TranscriptHash;
import dev.herald.tls.record.ContentType;
import dev.herald.tls.record.Plaintext;
import dev.herald.tls.record.Tls13Protection;
import dev.herald.tls.testsupport.FixedCrypto;
import dev.herald.tls.testsupport.TestPki;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Known answers for the TLS 1.3 key schedule and record protection from RFC 8448 §3. */
class Tls13KeyScheduleTest {
    private final TlsCrypto crypto = TlsCryptos.defaultCrypto();

    private byte[] hash(byte[]... messages) {
        TranscriptHash h = crypto.newHash(HashAlgorithm.SHA256);
        for (byte[] m : messages) {
            h.update(m);
        }
        return h.current();
    }

    private static byte[] serverFlight() {
        return concat(ENCRYPTED_EXTENSIONS, CERTIFICATE, CERTIFICATE_VERIFY, SERVER_FINISHED);
    }

    @Test
    void handshakeAndApplicationSecrets() {
        Tls13KeySchedule ks = new Tls13KeySchedule(crypto, HashAlgorithm.SHA256);
        Tls13KeySchedule.HandshakeSecrets hs = ks.handshakeSecrets(ECDHE_SHARED, hash(CLIENT_HELLO, SERVER_HELLO));
        assertThat(hs.client()).isEqualTo(CLIENT_HS_TRAFFIC);
        assertThat(hs.server()).isEqualTo(SERVER_HS_TRAFFIC);

        byte[] toServerFinished = hash(CLIENT_HELLO, SERVER_HELLO, serverFlight());
        Tls13KeySchedule.ApplicationSecrets app = ks.applicationSecrets(toServerFinished);
        assertThat(app.client()).isEqualTo(CLIENT_AP_TRAFFIC);
        assertThat(app.server()).isEqualTo(SERVER_AP_TRAFFIC);
        assertThat(app.exporterMaster()).isEqualTo(EXPORTER_MASTER);
        assertThat(ks.resumptionMasterSecret(hash(CLIENT_HELLO, SERVER_HELLO, serverFlight(), CLIENT_FINISHED)))
                .isEqualTo(RESUMPTION_MASTER);
    }

    @Test
    void trafficKeys() {
        Tls13KeySchedule ks = new Tls13KeySchedule(crypto, HashAlgorithm.SHA256);
        TrafficKeys shs = ks.trafficKeys(SERVER_HS_TRAFFIC, AeadAlgorithm.AES_128_GCM);
        assertThat(shs.key()).isEqualTo(SERVER_HS_KEY);
        assertThat(shs.iv()).isEqualTo(SERVER_HS_IV);
        TrafficKeys chs = ks.trafficKeys(CLIENT_HS_TRAFFIC, AeadAlgorithm.AES_128_GCM);
        assertThat(chs.key()).isEqualTo(CLIENT_HS_KEY);
        assertThat(chs.iv()).isEqualTo(CLIENT_HS_IV);
        TrafficKeys sap = ks.trafficKeys(SERVER_AP_TRAFFIC, AeadAlgorithm.AES_128_GCM);
        assertThat(sap.key()).isEqualTo(SERVER_AP_KEY);
        assertThat(sap.iv()).isEqualTo(SERVER_AP_IV);
        TrafficKeys cap = ks.trafficKeys(CLIENT_AP_TRAFFIC, AeadAlgorithm.AES_128_GCM);
        assertThat(cap.key()).isEqualTo(CLIENT_AP_KEY);
        assertThat(cap.iv()).isEqualTo(CLIENT_AP_IV);
    }

    @Test
    void finishedValues() {
        Tls13KeySchedule ks = new Tls13KeySchedule(crypto, HashAlgorithm.SHA256);
        assertThat(ks.expandLabel(SERVER_HS_TRAFFIC, "finished", new byte[0], 32)).isEqualTo(SERVER_FINISHED_KEY);
        byte[] beforeServerFinished = hash(CLIENT_HELLO, SERVER_HELLO, ENCRYPTED_EXTENSIONS, CERTIFICATE, CERTIFICATE_VERIFY);
        assertThat(ks.finishedVerifyData(SERVER_HS_TRAFFIC, beforeServerFinished)).isEqualTo(SERVER_FINISHED_VERIFY_DATA);
        byte[] beforeClientFinished = hash(CLIENT_HELLO, SERVER_HELLO, serverFlight());
        assertThat(ks.finishedVerifyData(CLIENT_HS_TRAFFIC, beforeClientFinished)).isEqualTo(CLIENT_FINISHED_VERIFY_DATA);
    }

    @Test
    void recordProtectionMatchesTheTrace() throws Exception {
        // Server's encrypted flight: one record under the server handshake key, sequence 0.
        Tls13Protection serverHs = new Tls13Protection(crypto.newAead(AeadAlgorithm.AES_128_GCM, SERVER_HS_KEY), SERVER_HS_IV);
        byte[] flight = serverFlight();
        assertThat(serverHs.seal(ContentType.HANDSHAKE, flight, 0, flight.length, 0)).isEqualTo(SERVER_FLIGHT_RECORD);

        // Client Finished under the client handshake key.
        Tls13Protection clientHs = new Tls13Protection(crypto.newAead(AeadAlgorithm.AES_128_GCM, CLIENT_HS_KEY), CLIENT_HS_IV);
        byte[] rec = CLIENT_FINISHED_RECORD.clone();
        Plaintext p = clientHs.open(rec, 0, rec.length - 5);
        assertThat(p.type()).isEqualTo(ContentType.HANDSHAKE);
        assertThat(p.copy()).isEqualTo(CLIENT_FINISHED);

        // Client application data (sequence 0) and its close_notify (sequence 1).
        Tls13Protection clientAp = new Tls13Protection(crypto.newAead(AeadAlgorithm.AES_128_GCM, CLIENT_AP_KEY), CLIENT_AP_IV);
        rec = CLIENT_APP_RECORD.clone();
        p = clientAp.open(rec, 0, rec.length - 5);
        assertThat(p.type()).isEqualTo(ContentType.APPLICATION_DATA);
        assertThat(p.copy()).isEqualTo(CLIENT_APP_PAYLOAD);
        rec = CLIENT_ALERT_RECORD.clone();
        p = clientAp.open(rec, 0, rec.length - 5);
        assertThat(p.type()).isEqualTo(ContentType.ALERT);
        assertThat(p.copy()).containsExactly(1, 0);

        // Server application data is its second record under the application key (after the ticket).
        Tls13Protection serverAp = new Tls13Protection(crypto.newAead(AeadAlgorithm.AES_128_GCM, SERVER_AP_KEY), SERVER_AP_IV);
        serverAp.seal(ContentType.HANDSHAKE, new byte[1], 0, 1, 0);
        assertThat(serverAp.seal(ContentType.APPLICATION_DATA, SERVER_APP_PAYLOAD, 0, SERVER_APP_PAYLOAD.length, 0))
                .isEqualTo(SERVER_APP_RECORD);
    }

    @Test
    void engineAnswersTheTraceClientHelloWithTheTraceServerHello() throws Exception {
        // With the trace's server random and X25519 key, our ServerHello must be byte-identical
        // and the handshake secrets our key log reports must be the trace's.
        var pki = TestPki.standard();
        List<String> keyLog = new ArrayList<>();
        TlsServerConfig config = TlsServerConfig.builder()
                .credential(ServerCredential.of(pki.serverEc.chain(), pki.serverEc.privateKey()))
                .clientAuth(ClientAuthMode.NEVER)
                .keyLogSink(keyLog::add)
                .build();
        byte[] serverRandom = Arrays.copyOfRange(SERVER_HELLO, 6, 38);
        TlsServerConnection conn = TlsServerContext.create(config, new FixedCrypto(serverRandom, SERVER_X25519_PRIVATE))
                .newConnection();
        conn.readTls(CLIENT_HELLO_RECORD, 0, CLIENT_HELLO_RECORD.length);
        conn.processNewPackets();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk;
        while ((chunk = conn.pollTls()) != null) {
            out.writeBytes(chunk);
        }
        byte[] sent = out.toByteArray();
        assertThat(Arrays.copyOf(sent, SERVER_HELLO_RECORD.length)).isEqualTo(SERVER_HELLO_RECORD);
        String cr = HexFormat.of().formatHex(Arrays.copyOfRange(CLIENT_HELLO, 6, 38));
        assertThat(keyLog).contains(
                "CLIENT_HANDSHAKE_TRAFFIC_SECRET " + cr + " " + HexFormat.of().formatHex(CLIENT_HS_TRAFFIC),
                "SERVER_HANDSHAKE_TRAFFIC_SECRET " + cr + " " + HexFormat.of().formatHex(SERVER_HS_TRAFFIC));
    }

    @Test
    void keyUpdateDerivation() {
        // RFC 8446 §7.2: application_traffic_secret_N+1 = HKDF-Expand-Label(secret_N, "traffic upd", "", Hash.length).
        Tls13KeySchedule ks = new Tls13KeySchedule(crypto, HashAlgorithm.SHA256);
        assertThat(ks.nextTrafficSecret(CLIENT_AP_TRAFFIC))
                .isEqualTo(ks.expandLabel(CLIENT_AP_TRAFFIC, "traffic upd", new byte[0], 32))
                .isNotEqualTo(CLIENT_AP_TRAFFIC);
    }

    @Test
    void helloRetryMessageHash() {
        byte[] h = hash(CLIENT_HELLO);
        byte[] mh = Tls13KeySchedule.messageHash(h);
        assertThat(mh).hasSize(36);
        assertThat(Arrays.copyOf(mh, 4)).containsExactly(0xfe, 0, 0, 32);
        assertThat(Arrays.copyOfRange(mh, 4, 36)).isEqualTo(h);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
