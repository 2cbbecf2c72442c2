package dev.herald.sasl;

/**
 * A SASL mechanism (RFC 4422). Implementations are stateless and shared; each exchange gets its
 * own {@link SaslSession}. New mechanisms (PLAIN, SCRAM) implement this and are registered in
 * {@link SaslMechanisms}; nothing else changes.
 */
public interface SaslMechanism {

    /** The registered name (RFC 4422 §3.1: 1 to 20 of A-Z, 0-9, '-', '_'). */
    String name();

    /**
     * Whether to list the mechanism in the root DSE's supportedSASLMechanisms on a connection in
     * this state (EXTERNAL: only with a verified client chain, as slapd does). A bind with an
     * unavailable mechanism still runs and fails with the mechanism's own result.
     */
    default boolean isAvailable(SaslContext context) {
        return true;
    }

    /** Starts an exchange. */
    SaslSession newSession(SaslContext context);
}
