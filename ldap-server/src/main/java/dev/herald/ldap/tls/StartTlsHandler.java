package dev.herald.ldap.tls;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.directory.api.ldap.model.message.ExtendedRequest;
import org.apache.directory.api.ldap.model.message.OpaqueExtendedRequest;
import org.apache.directory.api.ldap.model.message.OpaqueExtendedResponse;
import org.apache.directory.api.ldap.model.message.ResultCodeEnum;

import dev.herald.ldap.ops.OperationContext;
import dev.herald.ldap.ops.extended.ExtendedOperationHandler;
import dev.herald.ldap.session.LdapSession;
import dev.herald.tls.TlsServerContext;
import dev.herald.tls.netty.TlsServerHandler;
import io.netty.channel.ChannelHandler;

/**
 * StartTLS (RFC 4511 §4.14, RFC 4513 §3). The operation is exclusive: nothing the client sends
 * after the request is read as LDAP until it completes, and on success those bytes go to the
 * TLS engine, never to the LDAP decoder (a plaintext request pipelined behind StartTLS is TLS
 * garbage, not an operation). Abandon cannot reach it (exclusive operations ignore Abandon).
 *
 * <ul>
 *   <li>a requestValue: protocolError (2) — §4.14.1, the value is always absent;</li>
 *   <li>no TLS configured: unavailable (52) — §4.14.2;</li>
 *   <li>TLS already on the connection, another operation outstanding, or a multi-step SASL
 *       bind in progress: operationsError (1) — RFC 4513 §3.1.1;</li>
 *   <li>otherwise success, sent in clear with responseName 1.3.6.1.4.1.1466.20037, and the TLS
 *       handler takes over. A handshake that then fails closes the connection (logged by
 *       {@link TlsSessionBinder}).</li>
 * </ul>
 */
public final class StartTlsHandler implements ExtendedOperationHandler {

    public static final String OID = "1.3.6.1.4.1.1466.20037";

    private final Optional<TlsServerContext> tls;

    /** @param tls the TLS configuration, empty when the server has none (StartTLS then answers unavailable) */
    public StartTlsHandler(Optional<TlsServerContext> tls) {
        this.tls = tls;
    }

    @Override
    public String oid() {
        return OID;
    }

    @Override
    public boolean exclusive() {
        return true;
    }

    /** Listed in the root DSE only when TLS is configured and not yet on the connection. */
    @Override
    public boolean isAdvertised(LdapSession session) {
        return tls.isPresent() && (session == null || !session.isTlsInstalled());
    }

    @Override
    public void handle(OperationContext op, ExtendedRequest request) {
        LdapSession session = op.session();
        if (request instanceof OpaqueExtendedRequest opaque && opaque.getRequestValue() != null) {
            op.respond(response(op, ResultCodeEnum.PROTOCOL_ERROR, "the StartTLS request must not carry a value"));
            return;
        }
        if (tls.isEmpty()) {
            op.respond(response(op, ResultCodeEnum.UNAVAILABLE, "TLS is not configured on this server"));
            return;
        }
        if (session.isTlsInstalled()) {
            op.respond(response(op, ResultCodeEnum.OPERATIONS_ERROR, "TLS is already established on this connection"));
            return;
        }
        if (session.isSaslBindInProgress()) {
            op.respond(response(op, ResultCodeEnum.OPERATIONS_ERROR, "a SASL bind is in progress"));
            return;
        }
        if (session.outstandingCount() > 1) {
            op.respond(response(op, ResultCodeEnum.OPERATIONS_ERROR,
                    "other operations are outstanding; wait for their results before StartTLS"));
            return;
        }
        session.markTlsInstalled();
        List<Map.Entry<String, ChannelHandler>> handlers = List.of(
                Map.entry("tls", new TlsServerHandler(tls.get())),
                Map.entry(TlsSessionBinder.NAME, new TlsSessionBinder(op.server().accessLog(), op.operationNumber())));
        op.connection().startTls(response(op, ResultCodeEnum.SUCCESS, null), handlers);
        op.finishAfterResponse(ResultCodeEnum.SUCCESS);
    }

    private static OpaqueExtendedResponse response(OperationContext op, ResultCodeEnum code, String text) {
        OpaqueExtendedResponse response = new OpaqueExtendedResponse(op.messageId(), OID);
        response.getLdapResult().setResultCode(code);
        if (text != null) {
            response.getLdapResult().setDiagnosticMessage(text);
        }
        return response;
    }
}
