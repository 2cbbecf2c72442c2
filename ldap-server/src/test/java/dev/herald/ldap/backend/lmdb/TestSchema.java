package dev.herald.ldap.backend.lmdb;

import org.apache.directory.api.ldap.model.entry.DefaultEntry;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.schema.SchemaManager;

import dev.herald.ldap.tools.StandardSchema;

/** One schema manager per test JVM (loading takes most of a second). */
public final class TestSchema {
    private static SchemaManager instance;

    private TestSchema() {}

    public static synchronized SchemaManager get() {
        if (instance == null) {
            instance = dev.herald.ldap.schema.HeraldSchema.shared();
        }
        return instance;
    }

    /** A schema-aware entry from LDIF-style lines, the first being the DN. */
    public static Entry entry(String dn, String... lines) throws LdapException {
        Object[] parts = new Object[lines.length];
        System.arraycopy(lines, 0, parts, 0, lines.length);
        return new DefaultEntry(get(), dn, parts);
    }
}
