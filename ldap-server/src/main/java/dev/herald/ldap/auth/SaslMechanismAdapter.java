package dev.herald.ldap.auth;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

import org.apache.directory.api.ldap.model.exception.LdapInvalidDnException;
import org.apache.directory.api.ldap.model.message.ResultCodeEnum;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.SchemaManager;

import dev.herald.ldap.ops.sasl.SaslExchange;
import dev.herald.ldap.ops.sasl.SaslMechanismHandler;
import dev.herald.ldap.ops.sasl.SaslOutcome;
import dev.herald.ldap.session.LdapSession;
import dev.herald.ldap.session.TlsFacts;
import dev.herald.sasl.SaslContext;
import dev.herald.sasl.SaslFailure;
import dev.herald.sasl.SaslMechanism;
import dev.herald.sasl.SaslServices;
import dev.herald.sasl.SaslSession;
import dev.herald.sasl.SaslStep;

/**
 * Runs a {@code sasl}-module mechanism (EXTERNAL today; PLAIN or SCRAM later without changes
 * here) as an LDAP Bind mechanism. Each exchange sees the connection's verified client chain
 * as it is when the bind starts (empty without TLS, or when the certificate was not verified);
 * failures carry the module's result code ({@link SaslFailure#ldapResultCode()}), the
 * client-safe diagnostic, and the log-only detail for the access log.
 */
public final class SaslMechanismAdapter implements SaslMechanismHandler {

    private final SaslMechanism mechanism;
    private final SaslServices services;
    private final SchemaManager schema;

    public SaslMechanismAdapter(SaslMechanism mechanism, SaslServices services, SchemaManager schema) {
        this.mechanism = mechanism;
        this.services = services;
        this.schema = schema;
    }

    @Override
    public String name() {
        return mechanism.name();
    }

    @Override
    public boolean isAvailable(LdapSession session) {
        return mechanism.isAvailable(context(session));
    }

    @Override
    public SaslExchange start(LdapSession session) {
        SaslSession exchange = mechanism.newSession(context(session));
        return credentials -> outcome(exchange.step(credentials));
    }

    private SaslContext context(LdapSession session) {
        Optional<List<X509Certificate>> chain = session == null ? Optional.empty()
                : session.tls().map(TlsFacts::verifiedPeerChain).filter(c -> !c.isEmpty());
        return new SaslContext(chain, services);
    }

    private SaslOutcome outcome(SaslStep step) {
        if (step instanceof SaslStep.Challenge c) {
            return new SaslOutcome.Challenge(c.serverCredentials());
        }
        if (step instanceof SaslStep.Success s) {
            try {
                Dn authc = new Dn(schema, s.identity().authenticationDn());
                Dn authz = new Dn(schema, s.identity().authorizationDn());
                return new SaslOutcome.Success(authc, authz, s.serverCredentials().orElse(null), 0, s.logDetail());
            } catch (LdapInvalidDnException e) {
                // The directory returned these DNs; failing closed is the only safe answer.
                return new SaslOutcome.Failure(ResultCodeEnum.OTHER, "internal error",
                        "mechanism returned an unparsable DN: " + e.getMessage());
            }
        }
        SaslStep.Failure f = (SaslStep.Failure) step;
        return new SaslOutcome.Failure(ResultCodeEnum.getResultCode(f.reason().ldapResultCode()),
                f.diagnosticMessage(), f.logDetail());
    }
}
