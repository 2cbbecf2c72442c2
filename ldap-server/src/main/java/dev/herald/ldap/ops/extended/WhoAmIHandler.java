package dev.herald.ldap.ops.extended;

import java.nio.charset.StandardCharsets;

import org.apache.directory.api.ldap.model.message.ExtendedRequest;
import org.apache.directory.api.ldap.model.message.OpaqueExtendedResponse;
import org.apache.directory.api.ldap.model.message.ResultCodeEnum;

import dev.herald.ldap.ops.OperationContext;
import dev.herald.ldap.session.BoundIdentity;

/**
 * "Who am I?" (RFC 4532): returns the connection's authorization identity as an authzId,
 * {@code dn:<DN>}, or an empty value for the anonymous user. The response carries no
 * responseName (§2.2).
 */
public final class WhoAmIHandler implements ExtendedOperationHandler {

    public static final String OID = "1.3.6.1.4.1.4203.1.11.3";

    @Override
    public String oid() {
        return OID;
    }

    @Override
    public void handle(OperationContext op, ExtendedRequest request) {
        BoundIdentity who = op.session().identity();
        String authzId = who.isAnonymous() ? "" : "dn:" + who.authzDn().getName();
        OpaqueExtendedResponse response = new OpaqueExtendedResponse(op.messageId());
        response.getLdapResult().setResultCode(ResultCodeEnum.SUCCESS);
        response.setResponseValue(authzId.getBytes(StandardCharsets.UTF_8));
        op.respond(response);
    }
}
