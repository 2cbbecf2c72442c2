package dev.herald.sasl;

/**
 * One SASL exchange on one connection, from the first BindRequest of a mechanism to its final
 * response. Not thread-safe; the LDAP layer drives it from the connection's event loop and
 * discards it when the exchange ends or is abandoned.
 */
public interface SaslSession {

    /**
     * Processes the client's credentials of one BindRequest.
     *
     * @param credentialsOrNull the SaslCredentials.credentials octets, or null when the request
     *                          had no credentials field (RFC 4511 §4.2)
     */
    SaslStep step(byte[] credentialsOrNull);

    /** True once {@link #step} has returned a success or a failure. */
    boolean isComplete();
}
