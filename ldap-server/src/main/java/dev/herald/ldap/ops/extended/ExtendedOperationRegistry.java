package dev.herald.ldap.ops.extended;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.herald.ldap.session.LdapSession;

/**
 * The extended operations a server supports, by requestName OID. Built once when the server
 * is assembled; requests for any other OID get protocolError (RFC 4511 §4.12).
 */
public final class ExtendedOperationRegistry {

    private final Map<String, ExtendedOperationHandler> handlers;

    private ExtendedOperationRegistry(Map<String, ExtendedOperationHandler> handlers) {
        this.handlers = handlers;
    }

    public static ExtendedOperationRegistry of(Collection<ExtendedOperationHandler> handlers) {
        Map<String, ExtendedOperationHandler> map = new LinkedHashMap<>();
        for (ExtendedOperationHandler h : handlers) {
            if (map.putIfAbsent(h.oid(), h) != null) {
                throw new IllegalArgumentException("two handlers for extended operation " + h.oid());
            }
        }
        return new ExtendedOperationRegistry(Map.copyOf(map));
    }

    public Optional<ExtendedOperationHandler> find(String oid) {
        return oid == null ? Optional.empty() : Optional.ofNullable(handlers.get(oid));
    }

    public boolean isExclusive(String oid) {
        return find(oid).map(ExtendedOperationHandler::exclusive).orElse(false);
    }

    /** The OIDs to list in the root DSE's supportedExtension for this connection. */
    public List<String> advertised(LdapSession session) {
        List<String> out = new ArrayList<>();
        for (ExtendedOperationHandler h : handlers.values()) {
            if (h.isAdvertised(session)) {
                out.add(h.oid());
            }
        }
        out.sort(null);
        return out;
    }
}
