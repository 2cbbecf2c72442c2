package dev.herald.config;

import dev.herald.config.model.BackendType;
import dev.herald.config.model.DirectorySettings;
import dev.herald.config.model.IndexType;
import dev.herald.config.model.Secret;
import dev.herald.config.syntax.DnSyntax;
import dev.herald.config.syntax.SyntaxException;
import dev.herald.config.yaml.ConfigMapping;
import dev.herald.config.yaml.ConfigNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Binds {@code directory}: suffix, backend and its storage, initial LDIF, administrator, indexes, the unindexed-search cap. */
final class DirectorySection {

    private final Secrets secrets;

    /** The parsed suffix, for checks elsewhere; null until bound or when broken. */
    List<List<DnSyntax.Ava>> suffixRdns;

    DirectorySection(Secrets secrets) {
        this.secrets = secrets;
    }

    DirectorySettings bind(ConfigNode node) {
        String fix = "add directory: { suffix: dc=example,dc=com } (see docs/configuration.md)";
        if (!node.present()) {
            node.error("the directory section is missing", fix);
            return null;
        }
        Optional<ConfigMapping> mo = node.mapping(fix);
        if (mo.isEmpty()) {
            return null;
        }
        ConfigMapping m = mo.get();
        int errorsBefore = node.problems().errorCount();

        Optional<String> suffix = m.required("suffix", "add suffix: dc=example,dc=com (the naming context this server holds)")
                .flatMap(n -> Dns.read(n, "dc=example,dc=com"));
        suffix.ifPresent(s -> {
            try {
                suffixRdns = DnSyntax.parse(s);
            } catch (SyntaxException e) {
                throw new IllegalStateException(e); // checked by Dns.read
            }
        });

        Map<String, BackendType> backends = Choices.of(BackendType.values(), BackendType::configName);
        ConfigNode backendNode = m.get("backend");
        BackendType backend = backendNode.present() ? backendNode.oneOf(backends, "backend").orElse(null) : BackendType.LMDB;

        ConfigNode dataDirNode = m.get("data-dir");
        Path dataDir = dataDirNode.present() ? dataDirNode.path("write the folder for the database files").orElse(null)
                : node.baseDir().resolve("data");
        if (dataDir != null && Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
            dataDirNode.error(dataDir + " exists and is not a folder", "point data-dir at a folder (it is created when missing)");
        }
        ConfigNode maxSizeNode = m.get("max-size");
        long maxSize = maxSizeNode.byteSize(1L << 20, 1L << 40).orElse(DirectorySettings.DEFAULT_MAX_SIZE);
        if (backend == BackendType.MEMORY) {
            if (dataDirNode.present()) {
                dataDirNode.warn("data-dir is not used by the memory backend", "remove it, or use backend: lmdb");
            }
            if (maxSizeNode.present()) {
                maxSizeNode.warn("max-size is not used by the memory backend", "remove it, or use backend: lmdb");
            }
        }

        ConfigNode ldifNode = m.get("initial-ldif");
        Optional<Path> ldif = ldifNode.path("write the path of an LDIF file");
        if (ldif.isPresent()) {
            if (!Files.exists(ldif.get())) {
                ldifNode.error("the LDIF file " + ldif.get() + " does not exist",
                        "fix the path (relative paths resolve against " + node.baseDir() + ") or remove initial-ldif");
            } else if (!Files.isRegularFile(ldif.get()) || !Files.isReadable(ldif.get())) {
                ldifNode.error(ldif.get() + " is not a readable file", "point initial-ldif at a readable LDIF file");
            }
        }

        ConfigNode adminNode = m.get("admin-dn");
        Optional<String> adminDn = adminNode.present() ? Dns.read(adminNode, "cn=admin,dc=example,dc=com") : Optional.empty();
        if (adminDn.isPresent() && Dns.relation(adminDn.get(), suffixRdns) == DnSyntax.Relation.OUTSIDE) {
            adminNode.warn("the administrator " + adminDn.get() + " lies outside the suffix " + suffix.orElse(""),
                    "this works only with admin-password (there is no entry to bind against); usually the admin is cn=admin,<suffix>");
        }
        ConfigNode adminPasswordNode = m.get("admin-password");
        Optional<Secret> adminPassword = secrets.read(adminPasswordNode);
        if (adminPassword.isPresent() && !adminNode.present()) {
            adminPasswordNode.error("admin-password is given without admin-dn", "add admin-dn, or remove admin-password");
        }

        Map<String, Set<IndexType>> indexes = indexes(m.get("indexes"));

        ConfigNode limitNode = m.get("unindexed-search-limit");
        Integer unindexedLimit = Counts.read(limitNode, 0, Integer.MAX_VALUE, DirectorySettings.DEFAULT_UNINDEXED_SEARCH_LIMIT,
                "write the most entries a search without a usable index may examine, or unlimited");
        m.finish();

        if (node.problems().errorCount() > errorsBefore || suffix.isEmpty() || backend == null || dataDir == null
                || indexes == null || unindexedLimit == null || (adminNode.present() && adminDn.isEmpty())
                || (adminPasswordNode.present() && adminPassword.isEmpty())) {
            return null;
        }
        return new DirectorySettings(suffix.get(), backend, dataDir, maxSize, ldif, adminDn, adminPassword, indexes, unindexedLimit);
    }

    private static Map<String, Set<IndexType>> indexes(ConfigNode node) {
        if (!node.present()) {
            return Map.of();
        }
        Optional<ConfigMapping> mo = node.mapping("write indexes: { uid: [equality, presence], mail: [equality, substring] }");
        if (mo.isEmpty()) {
            return null;
        }
        Map<String, IndexType> choices = Choices.of(IndexType.values(), IndexType::configName);
        Map<String, Set<IndexType>> out = new LinkedHashMap<>();
        boolean ok = true;
        for (String attr : mo.get().keys()) {
            ConfigNode value = mo.get().get(attr);
            if (!DnSyntax.isAttributeType(attr)) {
                value.error("'" + attr + "' is not an attribute name", "use an attribute type name such as uid or mail");
                ok = false;
                continue;
            }
            Optional<List<ConfigNode>> items = value.list("list index kinds: " + String.join(", ", choices.keySet()));
            if (items.isEmpty()) {
                value.error("no index kinds are listed for " + attr, "list index kinds: " + String.join(", ", choices.keySet()));
                ok = false;
                continue;
            }
            Set<IndexType> kinds = EnumSet.noneOf(IndexType.class);
            for (ConfigNode item : items.get()) {
                Optional<IndexType> k = item.oneOf(choices, "index kind");
                if (k.isEmpty()) {
                    ok = false;
                } else {
                    kinds.add(k.get());
                }
            }
            out.put(attr, Set.copyOf(kinds.isEmpty() ? EnumSet.noneOf(IndexType.class) : kinds));
        }
        mo.get().finish();
        return ok ? out : null;
    }
}
