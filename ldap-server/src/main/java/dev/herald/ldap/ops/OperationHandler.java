package dev.herald.ldap.ops;

import org.apache.directory.api.ldap.model.message.Request;

/** Carries out one kind of LDAP request on a worker thread. */
@FunctionalInterface
public interface OperationHandler<R extends Request> {

    /**
     * Performs the request and responds through {@code op}. An LdapOperationException (or
     * any exception) thrown here becomes the operation's error result.
     */
    void handle(OperationContext op, R request) throws Exception;
}
