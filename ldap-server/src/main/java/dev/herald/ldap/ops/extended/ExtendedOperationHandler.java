package dev.herald.ldap.ops.extended;

import org.apache.directory.api.ldap.model.message.ExtendedRequest;

import dev.herald.ldap.ops.OperationContext;
import dev.herald.ldap.session.LdapSession;

/**
 * One extended operation (RFC 4511 §4.12), registered in the {@link ExtendedOperationRegistry}
 * by its OID. StartTLS plugs in here: it is {@link #exclusive()}, checks that no other
 * operation is outstanding, and answers through
 * {@link dev.herald.ldap.ops.LdapConnection#startTls} and
 * {@link OperationContext#finishAfterResponse}.
 */
public interface ExtendedOperationHandler {

    /** The requestName this handler serves. */
    String oid();

    /**
     * Whether the connection reads no further request until this one completes (as for Bind).
     * StartTLS needs it: the bytes after its request are the TLS handshake.
     */
    default boolean exclusive() {
        return false;
    }

    /** Whether the root DSE lists this operation in supportedExtension for this connection. */
    default boolean isAdvertised(LdapSession session) {
        return true;
    }

    /** Performs the operation and responds (or finishes) through {@code op}. */
    void handle(OperationContext op, ExtendedRequest request) throws Exception;
}
