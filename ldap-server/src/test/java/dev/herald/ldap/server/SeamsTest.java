package dev.herald.ldap.server;

import static dev.herald.ldap.directory.TestDirectory.ALICE;
import static dev.herald.ldap.directory.TestDirectory.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.apache.directory.api.ldap.model.message.ExtendedRequest;
import org.apache.directory.api.ldap.model.message.OpaqueExtendedResponse;
import org.apache.directory.api.ldap.model.message.ResultCodeEnum;
import org.apache.directory.api.ldap.model.name.Dn;
import org.junit.jupiter.api.Test;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.protocol.BindRequestProtocolOp;
import com.unboundid.ldap.protocol.BindResponseProtocolOp;
import com.unboundid.ldap.protocol.ExtendedRequestProtocolOp;
import com.unboundid.ldap.protocol.LDAPMessage;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.extensions.WhoAmIExtendedRequest;

import dev.herald.ldap.ops.OperationContext;
import dev.herald.ldap.ops.extended.ExtendedOperationHandler;
import dev.herald.ldap.ops.sasl.SaslExchange;
import dev.herald.ldap.ops.sasl.SaslMechanismHandler;
import dev.herald.ldap.ops.sasl.SaslOutcome;
import dev.herald.ldap.session.LdapSession;
import dev.herald.ldap.settings.SecurityPolicy;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * The seams the StartTLS / SASL EXTERNAL work plugs into, exercised with stand-ins: a SASL
 * mechanism with a challenge round, a mechanism only available with TLS, and an exclusive
 * extended operation that answers in clear and then puts a handler in front of the framer the
 * way StartTLS inserts the TLS handler.
 */
class SeamsTest {

    /** Two steps: any first message gets a challenge, the second names the user. */
    private static final class TwoStep implements SaslMechanismHandler {
        @Override
        public String name() {
            return "X-TWO-STEP";
        }

        @Override
        public SaslExchange start(LdapSession session) {
            int[] step = {0};
            return credentials -> {
                if (step[0]++ == 0) {
                    return new SaslOutcome.Challenge("who?".getBytes(StandardCharsets.UTF_8));
                }
                String who = credentials == null ? "" : new String(credentials, StandardCharsets.UTF_8);
                if (!who.equals("bob")) {
                    return new SaslOutcome.Failure(ResultCodeEnum.INVALID_CREDENTIALS, null);
                }
                Dn dn = new Dn(BOB);
                return new SaslOutcome.Success(dn, dn, null, 0);
            };
        }
    }

    /** Like EXTERNAL: offered only once the connection has TLS. */
    private static final class NeedsTls implements SaslMechanismHandler {
        @Override
        public String name() {
            return "X-NEEDS-TLS";
        }

        @Override
        public boolean isAvailable(LdapSession session) {
            return session.tls().isPresent();
        }

        @Override
        public SaslExchange start(LdapSession session) {
            // Listed only with TLS, but a bind still runs it and gets its own answer.
            return credentials -> new SaslOutcome.Failure(ResultCodeEnum.INAPPROPRIATE_AUTHENTICATION, "needs TLS");
        }
    }

    @Test
    void saslMechanismsArePluggableAndListedPerConnection() throws Exception {
        try (TestServer s = TestServer.start(x -> x, b -> b, b -> b.saslMechanism(new TwoStep()).saslMechanism(new NeedsTls()));
                LDAPConnection c = s.connect()) {
            assertThat(c.getRootDSE().getSupportedSASLMechanismNames()).containsExactly("X-TWO-STEP");
            try (RawClient raw = new RawClient(s.port())) {
                raw.send(1, new BindRequestProtocolOp(null, "X-TWO-STEP", new ASN1OctetString("hi")));
                BindResponseProtocolOp first = raw.read().getBindResponseProtocolOp();
                assertThat(first.getResultCode()).isEqualTo(ResultCode.SASL_BIND_IN_PROGRESS_INT_VALUE);
                assertThat(first.getServerSASLCredentials().stringValue()).isEqualTo("who?");
                raw.send(2, new BindRequestProtocolOp(null, "X-TWO-STEP", new ASN1OctetString("bob")));
                assertThat(raw.read().getBindResponseProtocolOp().getResultCode()).isZero();
                raw.send(3, new ExtendedRequestProtocolOp(WhoAmIExtendedRequest.WHO_AM_I_REQUEST_OID, null));
                assertThat(raw.read().getExtendedResponseProtocolOp().getResponseValue().stringValue()).isEqualTo("dn:" + BOB);
                raw.send(4, new BindRequestProtocolOp(null, "X-NEEDS-TLS", null));
                assertThat(raw.read().getBindResponseProtocolOp().getResultCode())
                        .isEqualTo(ResultCode.INAPPROPRIATE_AUTHENTICATION_INT_VALUE);
                raw.send(5, new BindRequestProtocolOp(null, "X-UNKNOWN", null));
                assertThat(raw.read().getBindResponseProtocolOp().getResultCode())
                        .isEqualTo(ResultCode.AUTH_METHOD_NOT_SUPPORTED_INT_VALUE);
            }
        }
    }

    /** Stand-in for StartTLS: exclusive, answers in clear, then inserts a byte-capturing handler. */
    private static final class Upgrade implements ExtendedOperationHandler {
        final LinkedBlockingQueue<String> captured = new LinkedBlockingQueue<>();
        volatile int outstandingSeen = -1;

        @Override
        public String oid() {
            return "1.3.6.1.4.1.99999.1";
        }

        @Override
        public boolean exclusive() {
            return true;
        }

        @Override
        public void handle(OperationContext op, ExtendedRequest request) {
            outstandingSeen = op.session().outstandingCount();
            OpaqueExtendedResponse response = new OpaqueExtendedResponse(op.messageId(), oid());
            response.getLdapResult().setResultCode(ResultCodeEnum.SUCCESS);
            op.connection().startTls(response, new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    ByteBuf b = (ByteBuf) msg;
                    captured.add(b.toString(StandardCharsets.US_ASCII));
                    b.release();
                }
            }, "upgrade");
            op.finishAfterResponse(ResultCodeEnum.SUCCESS);
        }
    }

    @Test
    void exclusiveExtendedOperationHandsTheFollowingBytesToTheInsertedHandler() throws Exception {
        Upgrade upgrade = new Upgrade();
        try (TestServer s = TestServer.start(x -> x, b -> b, b -> b.extendedOperation(upgrade));
                RawClient raw = new RawClient(s.port())) {
            byte[] request = new LDAPMessage(1, new ExtendedRequestProtocolOp(upgrade.oid(), null)).encode().encode();
            byte[] hello = "HELLO".getBytes(StandardCharsets.US_ASCII);
            byte[] both = new byte[request.length + hello.length];
            System.arraycopy(request, 0, both, 0, request.length);
            System.arraycopy(hello, 0, both, request.length, hello.length);
            // The request and the first "handshake" bytes arrive in one segment.
            raw.send(both);
            LDAPMessage response = raw.read();
            assertThat(response.getMessageID()).isEqualTo(1);
            assertThat(response.getExtendedResponseProtocolOp().getResultCode()).isZero();
            StringBuilder got = new StringBuilder();
            while (got.length() < 5) {
                String part = upgrade.captured.poll(10, TimeUnit.SECONDS);
                assertThat(part).as("bytes after the request reach the inserted handler").isNotNull();
                got.append(part);
            }
            assertThat(got.toString()).isEqualTo("HELLO");
            raw.send("WORLD".getBytes(StandardCharsets.US_ASCII));
            assertThat(upgrade.captured.poll(10, TimeUnit.SECONDS)).isEqualTo("WORLD");
            assertThat(upgrade.outstandingSeen).as("only itself outstanding").isEqualTo(1);
            assertThat(s.server.context().extendedOperations().advertised(null)).contains(upgrade.oid());
        }
    }

    @Test
    void securityPolicyFlags() throws Exception {
        try (TestServer s = TestServer.start(x -> x.withSecurity(new SecurityPolicy(false, true, false)));
                RawClient raw = new RawClient(s.port())) {
            raw.send(1, new BindRequestProtocolOp("", ""));
            assertThat(raw.read().getBindResponseProtocolOp().getResultCode())
                    .isEqualTo(ResultCode.INAPPROPRIATE_AUTHENTICATION_INT_VALUE);
            raw.send(2, new BindRequestProtocolOp(ALICE, "alice-pw"));
            assertThat(raw.read().getBindResponseProtocolOp().getResultCode())
                    .isEqualTo(ResultCode.CONFIDENTIALITY_REQUIRED_INT_VALUE);
        }
        assertThat(List.of()).isEmpty();
    }
}
