package dev.herald.ldap.ops;

import java.util.Optional;

import org.apache.directory.api.ldap.model.message.ExtendedRequest;
import org.apache.directory.api.ldap.model.message.ExtendedResponse;
import org.apache.directory.api.ldap.model.message.OpaqueExtendedResponse;
import org.apache.directory.api.ldap.model.message.ResultCodeEnum;

import dev.herald.ldap.ops.extended.ExtendedOperationHandler;

/**
 * Extended operations (RFC 4511 §4.12): dispatched by requestName to the registered handler;
 * an unknown name gets protocolError (2) with no responseName.
 */
final class ExtendedHandler implements OperationHandler<ExtendedRequest> {

    @Override
    public void handle(OperationContext op, ExtendedRequest request) throws Exception {
        Optional<ExtendedOperationHandler> handler = op.server().extendedOperations().find(request.getRequestName());
        if (handler.isEmpty()) {
            ExtendedResponse response = new OpaqueExtendedResponse(op.messageId());
            response.getLdapResult().setResultCode(ResultCodeEnum.PROTOCOL_ERROR);
            response.getLdapResult().setDiagnosticMessage("unsupported extended operation " + request.getRequestName());
            op.respond(response);
            return;
        }
        handler.get().handle(op, request);
    }
}
