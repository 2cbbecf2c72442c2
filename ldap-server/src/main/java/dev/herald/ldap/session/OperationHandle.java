package dev.herald.ldap.session;

/** An operation in progress on a connection, as the session tracks it. */
public interface OperationHandle {

    int messageId();

    /** Asks the operation to stop without a response (RFC 4511 §4.11). */
    void abandon();

    /** Whether Abandon applies; Bind, StartTLS and other exclusive operations ignore it. */
    boolean isAbandonable();
}
