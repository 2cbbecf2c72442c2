package dev.herald.ldap.ops.sasl;

import java.util.Objects;

import org.apache.directory.api.ldap.model.message.ResultCodeEnum;
import org.apache.directory.api.ldap.model.name.Dn;

/** The result of one SASL step. */
public sealed interface SaslOutcome {

    /** More to exchange: saslBindInProgress (14) with these server credentials. */
    record Challenge(byte[] serverCredentials) implements SaslOutcome {}

    /**
     * Authenticated as {@code authcDn}, authorized as {@code authzDn}; {@code ssf} is the
     * strength of a security layer the mechanism negotiated (0 for none). {@code logDetail} is
     * for the access log only (e.g. which certificate mapper decided), never sent to the client.
     */
    record Success(Dn authcDn, Dn authzDn, byte[] serverCredentials, int ssf, String logDetail) implements SaslOutcome {
        public Success {
            Objects.requireNonNull(authcDn, "authcDn");
            Objects.requireNonNull(authzDn, "authzDn");
        }

        public Success(Dn authcDn, Dn authzDn, byte[] serverCredentials, int ssf) {
            this(authcDn, authzDn, serverCredentials, ssf, null);
        }
    }

    /**
     * Failed with this result code, e.g. invalidCredentials (49) or inappropriateAuthentication
     * (48); the connection stays anonymous. {@code message} goes to the client, {@code
     * logDetail} (why, naming entries and rules) only to the access log.
     */
    record Failure(ResultCodeEnum code, String message, String logDetail) implements SaslOutcome {
        public Failure(ResultCodeEnum code, String message) {
            this(code, message, null);
        }
    }
}
