package dev.herald.ldap.tools;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.message.ResultCodeEnum;
import org.apache.directory.api.ldap.model.name.Dn;

import dev.herald.ldap.directory.Errors;
import dev.herald.ldap.directory.SchemaValues;

/**
 * Makes the DNs of an LDIF file schema-aware, normalising each parent once: in an LDIF file
 * thousands of entries share a parent, and normalising its RDNs again for every child cost
 * more than the child's own RDN. Thread-safe; the cache is bounded (cleared when full).
 */
final class ParentDnCache {
    private static final int LIMIT = 10_000;

    private final SchemaValues values;
    private final Map<String, Dn> parents = new ConcurrentHashMap<>();

    ParentDnCache(SchemaValues values) {
        this.values = values;
    }

    /** The schema-aware form of {@code raw}, as {@link SchemaValues#dn(Dn)} gives it. */
    Dn resolve(Dn raw) throws LdapException {
        if (raw == null || raw.isSchemaAware() || raw.size() < 2) {
            return values.dn(raw);
        }
        Dn rawParent = raw.getParent();
        String key = rawParent.getName();
        Dn parent = parents.get(key);
        if (parent == null) {
            parent = values.dn(rawParent);
            if (parents.size() >= LIMIT) {
                parents.clear();
            }
            parents.put(key, parent);
        }
        try {
            // The RDN through the DN parser, as SchemaValues parses whole DNs: the API's RDN
            // parser normalises some non-ASCII values differently (2.1.8).
            return parent.add(new Dn(values.schema(), raw.getRdn().getName()).getRdn());
        } catch (LdapException | RuntimeException e) {
            throw Errors.error(ResultCodeEnum.INVALID_DN_SYNTAX, "invalid DN \"" + raw.getName() + "\"");
        }
    }
}
