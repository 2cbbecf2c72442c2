package dev.herald.ldap.backend.lmdb;

import static dev.herald.ldap.backend.lmdb.LmdbBackendTest.SUFFIX;
import static dev.herald.ldap.backend.lmdb.LmdbBackendTest.person;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.directory.api.ldap.model.name.Dn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Read transactions are reset and renewed instead of begun anew: each one still sees one
 * snapshot for its whole life (the newest when it was opened), writers do not wait on idle
 * ones, at most {@link LmdbBackend#IDLE_READERS} are kept, and closing the backend ends them.
 */
class ReadTxnReuseTest {

    @TempDir
    Path dir;
    LmdbBackend backend;

    @BeforeEach
    void open() throws Exception {
        backend = new LmdbBackend(TestSchema.get(), LmdbOptions.builder(dir, SUFFIX).build());
        backend.write(w -> {
            w.add(TestSchema.entry(SUFFIX, "objectClass: domain", "dc: example"));
            w.add(TestSchema.entry("ou=people," + SUFFIX, "objectClass: organizationalUnit", "ou: people"));
            w.add(person("alice", "Alice Smith"));
            return null;
        });
    }

    @AfterEach
    void close() {
        backend.close();
    }

    private Dn dn(String uid) throws org.apache.directory.api.ldap.model.exception.LdapException {
        return new Dn(TestSchema.get(), "uid=" + uid + ",ou=people," + SUFFIX);
    }

    @Test
    void aRenewedTransactionSeesTheNewestSnapshotAndKeepsIt() throws Exception {
        try (var r = backend.openRead()) {
            assertThat(r.exists(dn("alice"))).isTrue();
        }
        assertThat(backend.idleReaders()).isEqualTo(1);
        try (var r = backend.openRead()) {
            assertThat(backend.idleReaders()).isZero(); // the idle one was taken
            backend.write(w -> {
                w.add(person("bob", "Bob Jones"));
                return null;
            });
            assertThat(r.exists(dn("bob"))).as("snapshot from before the write").isFalse();
        }
        try (var r = backend.openRead()) {
            assertThat(r.exists(dn("bob"))).as("renewed onto the newest snapshot").isTrue();
            backend.write(w -> {
                w.delete(dn("bob"));
                return null;
            });
            assertThat(r.exists(dn("bob"))).isTrue();
        }
        try (var r = backend.openRead()) {
            assertThat(r.exists(dn("bob"))).isFalse();
        }
    }

    @Test
    void aWriteTransactionSeesNamesItAddsThroughTheSameDnInstance() throws Exception {
        Dn carol = dn("carol");
        try (var r = backend.openRead()) {
            assertThat(r.exists(carol)).isFalse();
            assertThat(r.exists(carol)).as("remembered within the snapshot").isFalse();
        }
        backend.write(w -> {
            assertThat(w.get(carol)).isEmpty();
            w.add(person("carol", "Carol King"));
            assertThat(w.get(carol)).isPresent();
            w.delete(carol);
            assertThat(w.exists(carol)).isFalse();
            return null;
        });
    }

    @Test
    void idleTransactionsAreBoundedAndDoNotHoldWriters() throws Exception {
        List<LmdbReadTxn> open = new ArrayList<>();
        for (int i = 0; i < LmdbBackend.IDLE_READERS + 10; i++) {
            open.add(backend.openRead());
        }
        open.forEach(LmdbReadTxn::close);
        assertThat(backend.idleReaders()).isEqualTo(LmdbBackend.IDLE_READERS);
        // many writes with every idle reader reset: the free pages are reused, nothing waits
        for (int i = 0; i < 200; i++) {
            String uid = "u" + i;
            backend.write(w -> {
                w.add(person(uid, "User " + uid));
                return null;
            });
        }
        try (var r = backend.openRead()) {
            assertThat(r.exists(dn("u199"))).isTrue();
        }
        assertThat(backend.verify()).isEmpty();
    }

    @Test
    void closingTheBackendEndsIdleTransactionsAndTheFolderOpensAgain() throws Exception {
        try (var r = backend.openRead()) {
            assertThat(r.exists(dn("alice"))).isTrue();
        }
        backend.close();
        assertThat(backend.idleReaders()).isZero();
        backend = new LmdbBackend(TestSchema.get(), LmdbOptions.builder(dir, SUFFIX).build());
        try (var r = backend.openRead()) {
            assertThat(r.exists(dn("alice"))).isTrue();
        }
    }
}
