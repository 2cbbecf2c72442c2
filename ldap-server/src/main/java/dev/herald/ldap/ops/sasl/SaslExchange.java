package dev.herald.ldap.ops.sasl;

/**
 * One SASL authentication exchange in progress on a connection; each Bind request of the
 * exchange passes the client's credentials to {@link #step}.
 */
@FunctionalInterface
public interface SaslExchange {

    /** Processes the client's credentials (null when the request carried none). */
    SaslOutcome step(byte[] credentials) throws Exception;
}
