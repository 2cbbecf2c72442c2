package dev.herald.sasl.external;

import dev.herald.sasl.AuthenticatedIdentity;
import dev.herald.sasl.SaslContext;
import dev.herald.sasl.SaslFailure;
import dev.herald.sasl.SaslSession;
import dev.herald.sasl.SaslStep;
import dev.herald.sasl.authz.AuthorizationPolicy;
import dev.herald.sasl.authz.AuthzId;
import dev.herald.sasl.authz.MalformedAuthzIdException;
import dev.herald.sasl.directory.DirectoryException;
import dev.herald.sasl.mapping.MappingExplanation;
import dev.herald.sasl.mapping.MappingOutcome;
import dev.herald.sasl.syntax.Dn;
import dev.herald.sasl.syntax.SyntaxException;
import dev.herald.sasl.text.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * One EXTERNAL exchange. A single step decides (RFC 4422 A.1: no further challenges):
 * <ol>
 *   <li>no verified client chain: inappropriateAuthentication (RFC 4513 §5.2.3);</li>
 *   <li>credentials absent or empty: implicit assertion (RFC 4513 §5.2.3.1); otherwise the
 *       octets are an authzId, and a malformed one is invalidCredentials;</li>
 *   <li>the chain is mapped; anything but exactly one entry is invalidCredentials (a lookup
 *       failure is other);</li>
 *   <li>an explicit authzId naming the mapped entry succeeds; naming another identity succeeds
 *       only when the {@link AuthorizationPolicy} allows it, otherwise invalidCredentials.</li>
 * </ol>
 * Success carries no serverSaslCreds (RFC 4422 A.1: "additional data is not provided").
 */
final class ExternalSession implements SaslSession {
    private static final Logger LOG = LoggerFactory.getLogger(ExternalSession.class);

    static final String NO_CERTIFICATE = "SASL EXTERNAL needs a verified TLS client certificate";
    static final String NOT_MAPPED = "the client certificate does not identify exactly one directory entry";
    static final String NOT_AUTHORIZED = "not authorized to act as the requested identity";
    static final String SERVER_ERROR = "the client certificate could not be mapped because of a server error";

    private final SaslContext context;
    private boolean complete;

    ExternalSession(SaslContext context) {
        this.context = context;
    }

    @Override
    public boolean isComplete() {
        return complete;
    }

    @Override
    public SaslStep step(byte[] credentialsOrNull) {
        if (complete) {
            return new SaslStep.Failure(SaslFailure.OPERATIONS_ERROR, "the SASL EXTERNAL exchange is already complete",
                    "EXTERNAL step after completion");
        }
        complete = true;
        SaslStep result = decide(credentialsOrNull);
        if (LOG.isDebugEnabled()) {
            LOG.debug("EXTERNAL: {}", result instanceof SaslStep.Success
                    ? ((SaslStep.Success) result).logDetail() : ((SaslStep.Failure) result).logDetail());
        }
        return result;
    }

    private SaslStep decide(byte[] credentials) {
        Optional<List<X509Certificate>> chain = context.verifiedPeerChain();
        if (chain.isEmpty()) {
            return fail(SaslFailure.INAPPROPRIATE_AUTHENTICATION, NO_CERTIFICATE, "no verified client certificate chain");
        }
        Optional<AuthzId> requested = Optional.empty();
        if (credentials != null && credentials.length > 0) {
            try {
                requested = Optional.of(AuthzId.parse(credentials));
            } catch (MalformedAuthzIdException e) {
                return fail(SaslFailure.INVALID_CREDENTIALS, "malformed authorization identity: " + e.getMessage(),
                        "malformed authzId: " + e.getMessage());
            }
        }
        MappingExplanation mapping = context.services().certificateMapper().map(chain.get());
        MappingOutcome outcome = mapping.outcome();
        if (outcome instanceof MappingOutcome.Failed) {
            return fail(SaslFailure.OTHER, SERVER_ERROR, mapping.summary());
        }
        if (!(outcome instanceof MappingOutcome.Mapped)) {
            return fail(SaslFailure.INVALID_CREDENTIALS, NOT_MAPPED, mapping.summary());
        }
        String authc = ((MappingOutcome.Mapped) outcome).dn();
        if (requested.isEmpty()) {
            return success(authc, authc, mapping.summary());
        }
        try {
            return authorize(authc, requested.get(), mapping);
        } catch (DirectoryException e) {
            return fail(SaslFailure.OTHER, SERVER_ERROR, mapping.summary() + "; authzId "
                    + requested.get() + ": directory lookup failed: " + e.getMessage());
        }
    }

    private SaslStep authorize(String authc, AuthzId requested, MappingExplanation mapping) throws DirectoryException {
        String prefix = mapping.summary() + "; authzId \"" + requested + "\": ";
        Optional<String> resolved;
        Dn requestedDn = null;
        if (requested instanceof AuthzId.DnAuthzId) {
            requestedDn = ((AuthzId.DnAuthzId) requested).dn();
            resolved = context.services().directory().exists(requestedDn.toString());
        } else {
            String user = ((AuthzId.UserAuthzId) requested).userid();
            if (context.services().usernameMapping().isEmpty()) {
                return fail(SaslFailure.INVALID_CREDENTIALS, "u: authorization identities are not supported here",
                        prefix + "no username mapping is configured");
            }
            resolved = context.services().usernameMapping().get().resolve(user, context.services().directory());
            if (resolved.isEmpty()) {
                return fail(SaslFailure.INVALID_CREDENTIALS, NOT_AUTHORIZED, prefix + "the user id names no single entry");
            }
        }
        AuthorizationPolicy policy = context.services().authorization();
        Dn authcDn;
        Dn target;
        try {
            authcDn = Dn.parse(authc);
            target = resolved.isPresent() ? Dn.parse(resolved.get()) : requestedDn;
        } catch (SyntaxException e) {
            return fail(SaslFailure.OTHER, SERVER_ERROR, prefix + "the directory returned an unparsable DN");
        }
        if (target.equals(authcDn)) {
            return success(authc, authc, prefix + "same as the mapped identity");
        }
        if (resolved.isEmpty() && policy.requireExistingTarget()) {
            return fail(SaslFailure.INVALID_CREDENTIALS, NOT_AUTHORIZED, prefix + "no such entry");
        }
        AuthorizationPolicy.Decision d = policy.decide(authcDn, target, context.services().directory());
        if (!d.allowed()) {
            return fail(SaslFailure.INVALID_CREDENTIALS, NOT_AUTHORIZED, prefix + d.reason());
        }
        return success(authc, resolved.orElse(target.toString()), prefix + "allowed by " + d.reason());
    }

    private static SaslStep success(String authc, String authz, String detail) {
        return new SaslStep.Success(new AuthenticatedIdentity(ExternalMechanism.NAME, authc, authz), Optional.empty(),
                LogText.safe(detail));
    }

    private static SaslStep fail(SaslFailure reason, String diagnostic, String detail) {
        return new SaslStep.Failure(reason, LogText.safe(diagnostic), LogText.safe(detail));
    }
}
