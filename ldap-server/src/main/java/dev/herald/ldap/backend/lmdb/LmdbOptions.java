package dev.herald.ldap.backend.lmdb;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How to open an LMDB data folder. Build with {@link #builder(Path, String)}; every field has a
 * default suitable for a server.
 *
 * @param dataDir the data folder (created when missing, unless read-only)
 * @param suffix the naming context, e.g. {@code dc=example,dc=com}; must match the folder's
 * @param initialMapSize the LMDB map size used when creating the folder (bytes)
 * @param maxMapSize the map never grows past this; a write that needs more fails
 * @param maxReaders concurrent read transactions across all processes (LMDB reader slots)
 * @param indexes attribute indexes; the folder is re-indexed on open when they change
 * @param readOnly open without writing (export while a server runs); no exclusive lock taken
 * @param durable sync each commit to disk; {@code false} only for bulk tools, which sync at close
 * @param growTimeout how long a write that filled the map waits for open readers before giving up
 * @param writeMap write through the memory map (MDB_WRITEMAP): faster bulk loads, as slapadd -q
 *     does; the data file is then extended to the map size (sparse)
 */
public record LmdbOptions(
        Path dataDir,
        String suffix,
        long initialMapSize,
        long maxMapSize,
        int maxReaders,
        List<IndexSpec> indexes,
        boolean readOnly,
        boolean durable,
        Duration growTimeout,
        boolean writeMap) {

    /** 1 GiB: only address space until used (the file grows with the data), so growth stays rare. */
    public static final long DEFAULT_INITIAL_MAP_SIZE = 1L << 30;
    public static final long DEFAULT_MAX_MAP_SIZE = 256L << 30;
    public static final int DEFAULT_MAX_READERS = 1024;

    public LmdbOptions {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(suffix, "suffix");
        if (initialMapSize < 64 * 1024) {
            throw new IllegalArgumentException("initialMapSize must be at least 64 KiB");
        }
        if (maxMapSize < initialMapSize) {
            throw new IllegalArgumentException("maxMapSize must be >= initialMapSize");
        }
        if (maxReaders < 1) {
            throw new IllegalArgumentException("maxReaders must be positive");
        }
        indexes = List.copyOf(mergeIndexes(indexes));
        Objects.requireNonNull(growTimeout, "growTimeout");
    }

    /** A builder with the defaults for {@code dataDir} holding {@code suffix}. */
    public static Builder builder(Path dataDir, String suffix) {
        return new Builder(dataDir, suffix);
    }

    /** The same options, read-only (for export and checks beside a running server). */
    public LmdbOptions asReadOnly() {
        return new LmdbOptions(dataDir, suffix, initialMapSize, maxMapSize, maxReaders, indexes, true,
                durable, growTimeout, false);
    }

    /**
     * The same options for an offline bulk load: no sync per commit (the backend syncs when it
     * closes) and writes through the map, like slapadd -q.
     */
    public LmdbOptions asBulk() {
        return new LmdbOptions(dataDir, suffix, initialMapSize, maxMapSize, maxReaders, indexes, readOnly,
                false, growTimeout, true);
    }

    /** Merges specs naming the same attribute (case-insensitively), uniting their kinds. */
    private static List<IndexSpec> mergeIndexes(List<IndexSpec> specs) {
        Map<String, IndexSpec> merged = new LinkedHashMap<>();
        for (IndexSpec s : specs) {
            merged.merge(s.attribute().toLowerCase(java.util.Locale.ROOT), s, (a, b) -> {
                Set<IndexKind> k = EnumSet.copyOf(a.kinds());
                k.addAll(b.kinds());
                return new IndexSpec(a.attribute(), k);
            });
        }
        return new ArrayList<>(merged.values());
    }

    /** Builder for {@link LmdbOptions}. */
    public static final class Builder {
        private final Path dataDir;
        private final String suffix;
        private long initialMapSize = DEFAULT_INITIAL_MAP_SIZE;
        private long maxMapSize = DEFAULT_MAX_MAP_SIZE;
        private int maxReaders = DEFAULT_MAX_READERS;
        private final List<IndexSpec> indexes = new ArrayList<>(IndexSpec.defaults());
        private boolean readOnly;
        private boolean durable = true;
        private Duration growTimeout = Duration.ofSeconds(10);
        private boolean writeMap;

        private Builder(Path dataDir, String suffix) {
            this.dataDir = dataDir;
            this.suffix = suffix;
        }

        public Builder initialMapSize(long bytes) { this.initialMapSize = bytes; return this; }
        public Builder maxMapSize(long bytes) { this.maxMapSize = bytes; return this; }
        public Builder maxReaders(int n) { this.maxReaders = n; return this; }
        /** Adds an index (merged with any other index on the same attribute). */
        public Builder index(String attribute, IndexKind first, IndexKind... rest) {
            indexes.add(IndexSpec.of(attribute, first, rest));
            return this;
        }
        /** Replaces the whole index list, defaults included. */
        public Builder indexes(List<IndexSpec> specs) { indexes.clear(); indexes.addAll(specs); return this; }
        public Builder readOnly(boolean ro) { this.readOnly = ro; return this; }
        public Builder durable(boolean d) { this.durable = d; return this; }
        public Builder growTimeout(Duration d) { this.growTimeout = d; return this; }
        public Builder writeMap(boolean w) { this.writeMap = w; return this; }

        public LmdbOptions build() {
            return new LmdbOptions(dataDir, suffix, initialMapSize, Math.max(maxMapSize, initialMapSize),
                    maxReaders, indexes, readOnly, durable, growTimeout, writeMap);
        }
    }
}
