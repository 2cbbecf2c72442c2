package dev.herald.config.model;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The directory this server holds. {@code suffix} is its naming context (syntax-checked here;
 * the server parses it with the LDAP API). {@code dataDir} and {@code maxSize} (the LMDB map
 * size in bytes) matter for the LMDB backend only. {@code initialLdif} is loaded when the
 * directory is empty at start. {@code adminDn} is the administrator, who bypasses access
 * control; {@code adminPassword}, when set, lets that DN bind with a simple bind even without an
 * entry (like slapd's rootpw; the value may be cleartext or a userPassword-style hash such as
 * {@code {SSHA}...}). {@code indexes} are additions to the server's default indexes, keyed by
 * attribute name as written. {@code unindexedSearchLimit} caps the entries a search no index
 * narrows may examine (0 = no cap).
 */
public record DirectorySettings(
        String suffix,
        BackendType backend,
        Path dataDir,
        long maxSize,
        Optional<Path> initialLdif,
        Optional<String> adminDn,
        Optional<Secret> adminPassword,
        Map<String, Set<IndexType>> indexes,
        int unindexedSearchLimit) {

    public static final long DEFAULT_MAX_SIZE = 1L << 30;
    public static final int DEFAULT_UNINDEXED_SEARCH_LIMIT = 10_000;

    public DirectorySettings {
        Objects.requireNonNull(suffix, "suffix");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(initialLdif, "initialLdif");
        Objects.requireNonNull(adminDn, "adminDn");
        Objects.requireNonNull(adminPassword, "adminPassword");
        Map<String, Set<IndexType>> copy = new java.util.LinkedHashMap<>();
        indexes.forEach((attribute, kinds) -> copy.put(attribute, Set.copyOf(kinds)));
        indexes = java.util.Collections.unmodifiableMap(copy);
    }
}
