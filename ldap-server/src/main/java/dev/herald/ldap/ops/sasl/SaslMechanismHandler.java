package dev.herald.ldap.ops.sasl;

import dev.herald.ldap.session.LdapSession;

/**
 * One SASL mechanism (RFC 4422) as the Bind operation uses it (RFC 4513 §5.2). A bind with a
 * mechanism name no handler has gets authMethodNotSupported (7). The SASL EXTERNAL work adapts
 * the {@code sasl} module's mechanisms to this interface.
 */
public interface SaslMechanismHandler {

    /** The registered mechanism name, e.g. {@code EXTERNAL}. */
    String name();

    /**
     * Whether this connection may use the mechanism now (and the root DSE lists it in
     * supportedSASLMechanisms), e.g. EXTERNAL only once TLS is up.
     */
    default boolean isAvailable(LdapSession session) {
        return true;
    }

    /** Starts an authentication exchange on this connection. */
    SaslExchange start(LdapSession session);
}
