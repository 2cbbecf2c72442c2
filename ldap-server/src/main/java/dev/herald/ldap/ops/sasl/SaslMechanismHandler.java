package dev.herald.ldap.ops.sasl;

import dev.herald.ldap.session.LdapSession;

/**
 * One SASL mechanism (RFC 4422) as the Bind operation uses it (RFC 4513 §5.2). A bind with a
 * mechanism name no handler has gets authMethodNotSupported (7). {@code
 * dev.herald.ldap.auth.SaslMechanismAdapter} adapts the {@code sasl} module's mechanisms (EXTERNAL)
 * to this interface.
 */
public interface SaslMechanismHandler {

    /** The registered mechanism name, e.g. {@code EXTERNAL}. */
    String name();

    /**
     * Whether the root DSE lists the mechanism in supportedSASLMechanisms for this connection
     * now, e.g. EXTERNAL only once a verified client certificate is present (as slapd does). A
     * bind with a mechanism that is not listed still runs it and gets the mechanism's own answer
     * (EXTERNAL without a certificate: inappropriateAuthentication, RFC 4513 §5.2.3).
     */
    default boolean isAvailable(LdapSession session) {
        return true;
    }

    /** Starts an authentication exchange on this connection. */
    SaslExchange start(LdapSession session);
}
