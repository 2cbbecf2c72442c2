package dev.herald.ldap.ops.sasl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.herald.ldap.session.LdapSession;

/**
 * The SASL mechanisms a server offers, by name. Names are compared exactly: RFC 4422 §3.1
 * mechanism names are upper case and clients send them so.
 */
public final class SaslMechanismRegistry {

    private final Map<String, SaslMechanismHandler> mechanisms;

    private SaslMechanismRegistry(Map<String, SaslMechanismHandler> mechanisms) {
        this.mechanisms = mechanisms;
    }

    public static SaslMechanismRegistry of(Collection<SaslMechanismHandler> handlers) {
        Map<String, SaslMechanismHandler> map = new LinkedHashMap<>();
        for (SaslMechanismHandler h : handlers) {
            if (map.putIfAbsent(h.name(), h) != null) {
                throw new IllegalArgumentException("two handlers for SASL mechanism " + h.name());
            }
        }
        return new SaslMechanismRegistry(map);
    }

    public Optional<SaslMechanismHandler> find(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(mechanisms.get(name));
    }

    /** The mechanisms this connection may use now, for supportedSASLMechanisms. */
    public List<String> available(LdapSession session) {
        List<String> out = new ArrayList<>();
        for (SaslMechanismHandler h : mechanisms.values()) {
            if (h.isAvailable(session)) {
                out.add(h.name());
            }
        }
        return out;
    }
}
