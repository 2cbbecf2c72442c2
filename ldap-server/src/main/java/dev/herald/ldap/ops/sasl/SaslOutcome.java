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
     * strength of a security layer the mechanism negotiated (0 for none).
     */
    record Success(Dn authcDn, Dn authzDn, byte[] serverCredentials, int ssf) implements SaslOutcome {
        public Success {
            Objects.requireNonNull(authcDn, "authcDn");
            Objects.requireNonNull(authzDn, "authzDn");
        }
    }

    /**
     * Failed with this result code, e.g. invalidCredentials (49) or inappropriateAuthentication
     * (48); the connection stays anonymous.
     */
    record Failure(ResultCodeEnum code, String message) implements SaslOutcome {}
}
