package dev.herald.ldap.backend.lmdb;

import static dev.herald.ldap.backend.lmdb.TestSchema.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;

import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.exception.LdapUnwillingToPerformException;
import org.apache.directory.api.ldap.model.name.Dn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A deliberately tiny map: writes grow it, or fail one at a time with a clear error. */
class LmdbMapGrowthTest {
    static final String SUFFIX = "dc=example,dc=com";

    @TempDir
    Path dir;

    static void addPeople(LmdbBackend b, int from, int count) throws LdapException {
        b.write(w -> {
            for (int i = from; i < from + count; i++) {
                w.add(entry("uid=u" + i + ",ou=people," + SUFFIX, "objectClass: inetOrgPerson", "uid: u" + i,
                        "cn: Person " + i, "sn: S" + i, "description: " + "x".repeat(200)));
            }
            return null;
        });
    }

    static void base(LmdbBackend b) throws LdapException {
        b.write(w -> {
            w.add(entry(SUFFIX, "objectClass: domain", "dc: example"));
            w.add(entry("ou=people," + SUFFIX, "objectClass: organizationalUnit", "ou: people"));
            return null;
        });
    }

    @Test
    void writesGrowTheMapAndKeepEverything() throws Exception {
        growAndKeep(dir.resolve("plain"), false);
    }

    @Test
    void writesThroughTheMapGrowItToo() throws Exception {
        growAndKeep(dir.resolve("writemap"), true);
    }

    private static void growAndKeep(Path dir, boolean writeMap) throws Exception {
        LmdbOptions o = LmdbOptions.builder(dir, SUFFIX).initialMapSize(256 << 10).maxMapSize(256L << 20)
                .durable(false).writeMap(writeMap).build();
        try (LmdbBackend b = new LmdbBackend(TestSchema.get(), o)) {
            long before = b.mapSize();
            base(b);
            for (int i = 0; i < 3000; i += 100) {
                addPeople(b, i, 100);
            }
            assertThat(b.mapSize()).isGreaterThan(before);
            assertThat(b.verify()).isEmpty();
        }
        try (LmdbBackend b = new LmdbBackend(TestSchema.get(), o); var r = b.openRead()) {
            assertThat(r.get(new Dn("uid=u2999,ou=people," + SUFFIX))).isPresent();
        }
    }

    @Test
    void aFullMapAtItsMaximumFailsThatWriteOnly() throws Exception {
        LmdbOptions o = LmdbOptions.builder(dir, SUFFIX).initialMapSize(256 << 10).maxMapSize(512 << 10)
                .durable(false).build();
        int stored = 0;
        try (LmdbBackend b = new LmdbBackend(TestSchema.get(), o)) {
            base(b);
            LdapException failure = null;
            while (failure == null) {
                try {
                    addPeople(b, stored, 20);
                    stored += 20;
                } catch (LdapException e) {
                    failure = e;
                }
            }
            assertThat(failure).isInstanceOf(LdapUnwillingToPerformException.class)
                    .hasMessageContaining(dir.toRealPath().toString()).hasMessageContaining("maximum map size");
            assertThat(stored).isGreaterThan(0);
            // reads and smaller writes still work
            try (var r = b.openRead()) {
                assertThat(r.get(new Dn("uid=u" + (stored - 1) + ",ou=people," + SUFFIX))).isPresent();
            }
            assertThat(b.verify()).isEmpty();
        }
        try (LmdbBackend b = new LmdbBackend(TestSchema.get(), o)) {
            assertThat(b.verify()).isEmpty();
        }
    }

    @Test
    void growthWaitsForOpenReadersThenGivesUpCleanly() throws Exception {
        LmdbOptions o = LmdbOptions.builder(dir, SUFFIX).initialMapSize(256 << 10).maxMapSize(64L << 20)
                .growTimeout(Duration.ofMillis(200)).durable(false).build();
        try (LmdbBackend b = new LmdbBackend(TestSchema.get(), o)) {
            base(b);
            var reader = b.openRead();
            LdapException failure = null;
            int i = 0;
            while (failure == null && i < 100_000) {
                try {
                    addPeople(b, i, 50);
                    i += 50;
                } catch (LdapException e) {
                    failure = e;
                }
            }
            assertThat(failure).isInstanceOf(LdapUnwillingToPerformException.class)
                    .hasMessageContaining("read transactions stayed open");
            reader.close();
            addPeople(b, i, 50); // with the reader gone the map grows
            assertThat(b.verify()).isEmpty();
        }
    }

    /**
     * Read transactions are kept reset for reuse between searches; the map must still grow
     * under them (LMDB resizes only with no active transaction: a reset one is not active), and
     * a renewed one must read the grown map.
     */
    @Test
    void theMapGrowsUnderReusedReadTransactions() throws Exception {
        LmdbOptions o = LmdbOptions.builder(dir.resolve("reused"), SUFFIX).initialMapSize(256 << 10)
                .maxMapSize(256L << 20).durable(false).build();
        try (LmdbBackend b = new LmdbBackend(TestSchema.get(), o)) {
            long before = b.mapSize();
            base(b);
            for (int i = 0; i < 3000; i += 100) {
                try (var r1 = b.openRead(); var r2 = b.openRead()) {
                    if (i > 0) {
                        assertThat(r1.get(new Dn("uid=u" + (i - 1) + ",ou=people," + SUFFIX))).isPresent();
                        assertThat(r2.get(new Dn("uid=u0,ou=people," + SUFFIX))).isPresent();
                    }
                }
                assertThat(b.idleReaders()).isPositive(); // reset, kept while the writer grows the map
                addPeople(b, i, 100);
            }
            assertThat(b.mapSize()).isGreaterThan(before);
            try (var r = b.openRead()) {
                assertThat(r.get(new Dn("uid=u2999,ou=people," + SUFFIX))).isPresent();
            }
            assertThat(b.verify()).isEmpty();
        }
    }
}
