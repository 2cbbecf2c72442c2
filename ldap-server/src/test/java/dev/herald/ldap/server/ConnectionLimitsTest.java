package dev.herald.ldap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.unboundid.ldap.protocol.LDAPMessage;
import com.unboundid.ldap.sdk.ResultCode;

/** The connection guard, the idle timeout and the farewell at shutdown. */
class ConnectionLimitsTest {

    private static void expectNotice(RawClient raw, int code) throws Exception {
        LDAPMessage m = raw.read();
        assertThat(m).isNotNull();
        assertThat(m.getMessageID()).isZero();
        assertThat(m.getExtendedResponseProtocolOp().getResponseOID()).isEqualTo(RawClient.NOTICE_OF_DISCONNECTION);
        assertThat(m.getExtendedResponseProtocolOp().getResultCode()).isEqualTo(code);
        assertThat(raw.isClosedByServer()).isTrue();
    }

    private static void whoAmI(RawClient raw, int id) throws Exception {
        raw.send(id, new com.unboundid.ldap.protocol.ExtendedRequestProtocolOp("1.3.6.1.4.1.4203.1.11.3", null));
        assertThat(raw.read().getExtendedResponseProtocolOp().getResultCode()).isZero();
    }

    @Test
    void connectionsOverTheLimitAreTurnedAway() throws Exception {
        try (TestServer s = TestServer.start(x -> x.withLimits(x.limits().withMaxConnections(2)));
                RawClient a = new RawClient(s.port()); RawClient b = new RawClient(s.port())) {
            whoAmI(a, 1);
            whoAmI(b, 1);
            try (RawClient c = new RawClient(s.port())) {
                expectNotice(c, ResultCode.UNAVAILABLE_INT_VALUE);
            }
            whoAmI(a, 2);
        }
    }

    @Test
    void idleConnectionsAreClosed() throws Exception {
        try (TestServer s = TestServer.start(x -> x.withLimits(x.limits().withIdleTimeout(Duration.ofMillis(200))));
                RawClient raw = new RawClient(s.port())) {
            assertThat(raw.isClosedByServer()).isTrue();
        }
    }

    @Test
    void shutdownSaysGoodbye() throws Exception {
        TestServer s = TestServer.start();
        try (RawClient raw = new RawClient(s.port())) {
            raw.send(1, new com.unboundid.ldap.protocol.ExtendedRequestProtocolOp("1.3.6.1.4.1.4203.1.11.3", null));
            assertThat(raw.read().getMessageID()).isEqualTo(1);
            s.close();
            expectNotice(raw, ResultCode.UNAVAILABLE_INT_VALUE);
        }
    }
}
