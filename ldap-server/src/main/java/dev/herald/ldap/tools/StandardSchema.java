package dev.herald.ldap.tools;

import org.apache.directory.api.ldap.model.schema.SchemaManager;

import dev.herald.ldap.schema.HeraldSchema;

/**
 * The schema the offline tools use: the server's own ({@link HeraldSchema}), so that a folder
 * written by import-ldif opens in the server and the other way round (the folder records the
 * schema it was written under and refuses another).
 */
public final class StandardSchema {
    private StandardSchema() {}

    /** The JVM-wide shared server schema. */
    public static SchemaManager load() {
        return HeraldSchema.shared();
    }
}
