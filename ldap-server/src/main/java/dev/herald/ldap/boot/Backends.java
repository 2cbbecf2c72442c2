package dev.herald.ldap.boot;

import java.util.List;
import java.util.Set;

import org.apache.directory.api.ldap.model.exception.LdapException;

import org.apache.directory.api.ldap.model.exception.LdapInvalidDnException;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.herald.config.ConfigException;
import dev.herald.config.model.HeraldConfig;
import dev.herald.config.model.SourceLocation;
import dev.herald.ldap.backend.Backend;
import dev.herald.ldap.backend.lmdb.IndexKind;
import dev.herald.ldap.backend.lmdb.LmdbBackend;
import dev.herald.ldap.backend.lmdb.LmdbOptions;
import dev.herald.ldap.backend.memory.InMemoryBackend;

/** Opens the configured storage backend. */
final class Backends {

    private static final Logger LOG = LoggerFactory.getLogger(Backends.class);

    private Backends() {}

    /**
     * @param extraIndexes attributes to index for equality beyond the backend's defaults (those
     *     the certificate mappers search)
     */
    static Backend open(HeraldConfig config, SchemaManager schema, Set<String> extraIndexes) throws ConfigException {
        return switch (config.directory().backend()) {
            case MEMORY -> memory(config, schema);
            case LMDB -> lmdb(config, schema, extraIndexes, false);
        };
    }

    /** An empty in-memory backend for the configured suffix. */
    static Backend memory(HeraldConfig config, SchemaManager schema) throws ConfigException {
        Dn suffix;
        try {
            suffix = new Dn(schema, config.directory().suffix());
        } catch (LdapInvalidDnException e) {
            throw ConfigException.at(new SourceLocation(config.source(), 0, 0, "directory.suffix"), e.getMessage(),
                    "write the suffix as an RFC 4514 DN, e.g. dc=example,dc=com");
        }
        return new InMemoryBackend(suffix);
    }

    /**
     * The LMDB backend for {@code directory.data-dir}: map size up to {@code max-size}, the
     * default indexes plus {@code directory.indexes} plus equality on {@code extraIndexes}.
     *
     * @param readOnly open beside a running server (the explain command), without the write lock
     */
    static Backend lmdb(HeraldConfig config, SchemaManager schema, Set<String> extraIndexes, boolean readOnly)
            throws ConfigException {
        var d = config.directory();
        LmdbOptions.Builder b = LmdbOptions.builder(d.dataDir(), d.suffix())
                .initialMapSize(Math.min(LmdbOptions.DEFAULT_INITIAL_MAP_SIZE, d.maxSize()))
                .maxMapSize(d.maxSize())
                .readOnly(readOnly);
        d.indexes().forEach((attribute, kinds) -> {
            if (!kinds.isEmpty()) {
                List<IndexKind> k = kinds.stream().map(t -> IndexKind.valueOf(t.name())).toList();
                b.index(attribute, k.get(0), k.subList(1, k.size()).toArray(IndexKind[]::new));
            }
        });
        for (String attribute : extraIndexes) {
            if (schema.getAttributeType(attribute) == null) {
                LOG.warn("certificate mappers search attribute {}, which the schema does not define", attribute);
                continue;
            }
            b.index(attribute, IndexKind.EQUALITY);
        }
        try {
            return new LmdbBackend(schema, b.build());
        } catch (LdapException | RuntimeException e) {
            throw ConfigException.at(new SourceLocation(config.source(), 0, 0, "directory.data-dir"),
                    "cannot open the LMDB data folder " + d.dataDir() + ": " + e.getMessage(),
                    "check the folder (it must hold this suffix's data, and no other server may be using it)");
        }
    }
}
