package dev.herald.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.tls.codec.HandshakeType;
import dev.herald.tls.codec.KeyUpdate;
import dev.herald.tls.testsupport.ScriptedTls13Client;
import dev.herald.tls.testsupport.TestServers;
import org.junit.jupiter.api.Test;

/** We replace our own TLS 1.3 sending key before it is worn out (RFC 8446 §5.5). */
class KeyUpdateInitiationTest {
    @Test
    void serverUpdatesItsKeyAfterTheThreshold() throws Exception {
        TlsServerConnection server = TestServers.connection(ClientAuthMode.NEVER);
        server.keyUpdateAfterRecords(3);
        ScriptedTls13Client c = new ScriptedTls13Client(server).handshake(null, null);
        for (int i = 0; i < 3; i++) {
            server.writePlaintext(new byte[] {(byte) i}, 0, 1);
        }
        c.drain();
        assertThat(c.applicationData).hasSize(3);
        KeyUpdate ku = KeyUpdate.parse(c.expectMessage(HandshakeType.KEY_UPDATE).body());
        assertThat(ku.updateRequested()).isFalse();
        c.updateReadKeys(c.schedule.nextTrafficSecret(c.serverAppSecret));
        server.writePlaintext("new key".getBytes(), 0, 7);
        c.drain();
        assertThat(new String(c.applicationData.get(3))).isEqualTo("new key");
        // and the client's own key is untouched
        c.sendApplicationData("ok".getBytes());
        assertThat(server.plaintextAvailable()).isEqualTo(2);
    }
}
