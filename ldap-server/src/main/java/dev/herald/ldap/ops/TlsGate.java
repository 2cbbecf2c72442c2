package dev.herald.ldap.ops;

import org.apache.directory.api.ldap.model.message.ExtendedRequest;
import org.apache.directory.api.ldap.model.message.Request;
import org.apache.directory.api.ldap.model.message.SearchRequest;
import org.apache.directory.api.ldap.model.message.SearchScope;

import dev.herald.ldap.tls.StartTlsHandler;

/**
 * The requests a connection without TLS may still make when the policy requires TLS for all
 * operations: StartTLS itself and the read of the root DSE (a base search of the empty DN), so
 * that a client can discover the server's capabilities and upgrade. Everything else gets
 * confidentialityRequired (13). Abandon and Unbind never reach this check.
 */
final class TlsGate {

    private TlsGate() {}

    static boolean allowedInClear(Request request) {
        if (request instanceof ExtendedRequest x) {
            return StartTlsHandler.OID.equals(x.getRequestName());
        }
        return request instanceof SearchRequest s && s.getScope() == SearchScope.OBJECT
                && (s.getBase() == null || s.getBase().isEmpty());
    }
}
