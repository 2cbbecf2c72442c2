package dev.herald.ldap.ops;

import java.util.Optional;

import org.apache.directory.api.ldap.model.exception.LdapInvalidDnException;
import org.apache.directory.api.ldap.model.message.BindRequest;
import org.apache.directory.api.ldap.model.message.BindResponse;
import org.apache.directory.api.ldap.model.message.ResultCodeEnum;
import org.apache.directory.api.ldap.model.name.Dn;

import dev.herald.ldap.ops.sasl.SaslExchange;
import dev.herald.ldap.ops.sasl.SaslMechanismHandler;
import dev.herald.ldap.ops.sasl.SaslOutcome;
import dev.herald.ldap.session.BoundIdentity;
import dev.herald.ldap.session.LdapSession;
import dev.herald.ldap.settings.SecurityPolicy;

/**
 * Bind (RFC 4511 §4.2, RFC 4513). The connection is anonymous from the moment the request
 * arrived (the dispatcher resets it) until a bind succeeds. Simple binds: anonymous (empty name
 * and password) unless the policy forbids it; a name without password is an unauthenticated
 * bind, refused with unwillingToPerform (§5.1.2); otherwise the password is checked and any
 * failure is invalidCredentials (49) without saying why. SASL binds go to the mechanism
 * registered under the requested name, authMethodNotSupported (7) if there is none.
 */
final class BindHandler implements OperationHandler<BindRequest> {

    static final String SASL_ATTACHMENT = LdapSession.SASL_EXCHANGE;

    /** A SASL exchange waiting for the client's next Bind request. */
    private record SaslInProgress(String mechanism, SaslExchange exchange) {}

    @Override
    public void handle(OperationContext op, BindRequest request) throws Exception {
        LdapSession session = op.session();
        if (!request.isVersion3()) {
            session.detach(SASL_ATTACHMENT);
            op.respond(ResultCodeEnum.PROTOCOL_ERROR, "only LDAP version 3 is supported");
            return;
        }
        if (!request.isSimple()) {
            sasl(op, request);
            return;
        }
        session.detach(SASL_ATTACHMENT);
        op.setLogExtra(BindLog.simple(session));
        SecurityPolicy policy = op.server().settings().security();
        String name = request.getName() == null ? "" : request.getName().trim();
        byte[] password = request.getCredentials() == null ? new byte[0] : request.getCredentials();
        if (name.isEmpty()) {
            if (password.length > 0) {
                op.respond(ResultCodeEnum.INVALID_CREDENTIALS, null);
            } else if (!policy.allowAnonymousBind()) {
                op.respond(ResultCodeEnum.INAPPROPRIATE_AUTHENTICATION, "anonymous bind disallowed");
            } else {
                op.respond(ResultCodeEnum.SUCCESS, null);
            }
            return;
        }
        if (password.length == 0) {
            op.respond(ResultCodeEnum.UNWILLING_TO_PERFORM, "unauthenticated bind (DN with no password) disallowed");
            return;
        }
        if (policy.simpleBindRequiresTls() && session.tls().isEmpty()) {
            op.respond(ResultCodeEnum.CONFIDENTIALITY_REQUIRED, "TLS confidentiality required for password binds");
            return;
        }
        Dn dn;
        try {
            dn = request.getDn() != null ? request.getDn() : new Dn(name);
        } catch (LdapInvalidDnException e) {
            // As slapd answers; the syntax of a name is no secret.
            op.respond(ResultCodeEnum.INVALID_DN_SYNTAX, "invalid DN");
            return;
        }
        Optional<Dn> authenticated = op.server().directory().authenticate(dn, password);
        if (authenticated.isEmpty()) {
            op.respond(ResultCodeEnum.INVALID_CREDENTIALS, null);
            return;
        }
        session.setIdentity(BoundIdentity.simple(authenticated.get()));
        op.respond(ResultCodeEnum.SUCCESS, null);
    }

    private static void sasl(OperationContext op, BindRequest request) throws Exception {
        LdapSession session = op.session();
        String mechanism = request.getSaslMechanism();
        // Not filtered by isAvailable: that only decides what the root DSE lists.
        Optional<SaslMechanismHandler> handler = op.server().saslMechanisms().find(mechanism);
        if (handler.isEmpty()) {
            session.detach(SASL_ATTACHMENT);
            op.respond(ResultCodeEnum.AUTH_METHOD_NOT_SUPPORTED, "SASL mechanism not supported: " + mechanism);
            return;
        }
        Optional<SaslInProgress> pending = session.attachment(SASL_ATTACHMENT);
        SaslExchange exchange = pending.filter(p -> p.mechanism().equals(mechanism))
                .map(SaslInProgress::exchange)
                .orElseGet(() -> handler.get().start(session));
        session.detach(SASL_ATTACHMENT);
        SaslOutcome outcome = exchange.step(request.getCredentials());
        BindResponse response = (BindResponse) op.response();
        if (outcome instanceof SaslOutcome.Challenge c) {
            session.attachment(SASL_ATTACHMENT, () -> new SaslInProgress(mechanism, exchange));
            response.setServerSaslCreds(c.serverCredentials());
            response.getLdapResult().setResultCode(ResultCodeEnum.SASL_BIND_IN_PROGRESS);
        } else if (outcome instanceof SaslOutcome.Success s) {
            session.setIdentity(BoundIdentity.sasl(mechanism, s.authcDn(), s.authzDn(), s.ssf()));
            if (s.serverCredentials() != null) {
                response.setServerSaslCreds(s.serverCredentials());
            }
            response.getLdapResult().setResultCode(ResultCodeEnum.SUCCESS);
            op.setLogExtra(BindLog.sasl(session, mechanism, s.authcDn(), s.authzDn(), s.logDetail()));
        } else if (outcome instanceof SaslOutcome.Failure f) {
            response.getLdapResult().setResultCode(f.code());
            response.getLdapResult().setDiagnosticMessage(f.message());
            op.setLogExtra(BindLog.sasl(session, mechanism, null, null, f.logDetail()));
        }
        op.respond(response);
    }
}
