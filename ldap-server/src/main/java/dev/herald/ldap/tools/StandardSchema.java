package dev.herald.ldap.tools;

import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.apache.directory.api.ldap.schema.manager.impl.DefaultSchemaManager;

/**
 * The schema the offline tools use when nothing else is configured: the Directory API's bundled
 * schemas with core, cosine, inetorgperson and nis enabled. The server's own schema loader
 * (directory layer) should be passed to the tools instead where it exists, so that a folder is
 * written and read under the same schema.
 */
public final class StandardSchema {
    private StandardSchema() {}

    /** Loads the bundled schema with nis enabled. */
    public static SchemaManager load() {
        try {
            DefaultSchemaManager sm = new DefaultSchemaManager();
            if (!sm.isEnabled("nis")) {
                sm.enable("nis");
            }
            return sm;
        } catch (LdapException e) {
            throw new IllegalStateException("cannot load the bundled LDAP schema: " + e.getMessage(), e);
        }
    }
}
