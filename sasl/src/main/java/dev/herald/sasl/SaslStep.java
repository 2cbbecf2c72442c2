package dev.herald.sasl;

import java.util.Optional;

/**
 * What one step of a SASL exchange produced. The LDAP layer sends a challenge as
 * saslBindInProgress (14) with serverSaslCreds, a success as success (0) with optional
 * serverSaslCreds, a failure as {@link SaslFailure#ldapResultCode()} with
 * {@link Failure#diagnosticMessage()}. {@code logDetail} is for the server's log only: it may
 * name entries, filters and rules the client must not learn.
 */
public sealed interface SaslStep {

    /** The server needs another client response. */
    record Challenge(byte[] serverCredentials) implements SaslStep {
        public Challenge {
            serverCredentials = serverCredentials.clone();
        }

        @Override
        public byte[] serverCredentials() {
            return serverCredentials.clone();
        }
    }

    /** The exchange succeeded. */
    record Success(AuthenticatedIdentity identity, Optional<byte[]> serverCredentials, String logDetail)
            implements SaslStep {
        public Success {
            if (identity == null) {
                throw new IllegalArgumentException("identity must not be null");
            }
            serverCredentials = serverCredentials.map(byte[]::clone);
        }

        @Override
        public Optional<byte[]> serverCredentials() {
            return serverCredentials.map(byte[]::clone);
        }
    }

    /** The exchange failed; the session stays (or becomes) anonymous. */
    record Failure(SaslFailure reason, String diagnosticMessage, String logDetail) implements SaslStep {
        public Failure {
            if (reason == null) {
                throw new IllegalArgumentException("reason must not be null");
            }
        }
    }
}
