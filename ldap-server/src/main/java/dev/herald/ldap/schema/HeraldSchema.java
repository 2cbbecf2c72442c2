package dev.herald.ldap.schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.apache.directory.api.ldap.schema.manager.impl.DefaultSchemaManager;

/**
 * Builds the one SchemaManager every part of the server shares: the Directory API's standard
 * schema set {@code system}, {@code core}, {@code cosine}, {@code inetorgperson} and
 * {@code nis} (RFC 2307; disabled by default in the API and enabled here), plus Herald's own
 * small {@code herald} schema for the RFC operational attributes entryUUID and entryDN.
 *
 * <p>A loaded SchemaManager is only read afterwards, so one instance is safely shared by all
 * threads; {@link #shared()} loads it once per JVM (loading takes about a second).
 */
public final class HeraldSchema {

    /** The schemas Herald enables, in dependency order. */
    public static final List<String> SCHEMAS =
            List.of("system", "core", "cosine", "inetorgperson", "nis", HeraldSchemaLoader.HERALD_SCHEMA);

    private HeraldSchema() {}

    /** Loads a new SchemaManager with Herald's schema set. */
    public static SchemaManager load() {
        try {
            HeraldSchemaLoader loader = new HeraldSchemaLoader();
            loader.getSchema("nis").enable();
            DefaultSchemaManager manager = new DefaultSchemaManager(loader);
            boolean ok = manager.load(SCHEMAS.toArray(String[]::new));
            if (!ok || !manager.getErrors().isEmpty()) {
                throw new IllegalStateException("schema did not load: " + manager.getErrors());
            }
            return manager;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (LdapException e) {
            throw new IllegalStateException("schema did not load: " + e.getMessage(), e);
        }
    }

    /** The JVM-wide shared instance, loaded on first use. */
    public static SchemaManager shared() {
        return Holder.INSTANCE;
    }

    private static final class Holder {
        static final SchemaManager INSTANCE = load();
    }
}
