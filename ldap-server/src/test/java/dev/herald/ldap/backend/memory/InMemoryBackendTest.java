package dev.herald.ldap.backend.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.directory.api.ldap.model.entry.DefaultEntry;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapContextNotEmptyException;
import org.apache.directory.api.ldap.model.exception.LdapEntryAlreadyExistsException;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.exception.LdapNoSuchObjectException;
import org.apache.directory.api.ldap.model.filter.ObjectClassNode;
import org.apache.directory.api.ldap.model.message.SearchScope;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.herald.ldap.backend.ReadTxn;
import dev.herald.ldap.schema.HeraldSchema;

class InMemoryBackendTest {

    private final SchemaManager schema = HeraldSchema.shared();
    private InMemoryBackend backend;

    private Dn dn(String s) throws LdapException {
        return new Dn(schema, s);
    }

    private Entry entry(String dn, String... attrs) throws LdapException {
        return new DefaultEntry(schema, dn, (Object[]) attrs);
    }

    @BeforeEach
    void load() throws Exception {
        backend = new InMemoryBackend(dn("dc=example,dc=com"));
        backend.write(txn -> {
            txn.add(entry("dc=example,dc=com", "objectClass: domain", "dc: example"));
            txn.add(entry("ou=people,dc=example,dc=com", "objectClass: organizationalUnit", "ou: people"));
            txn.add(entry("uid=a,ou=people,dc=example,dc=com", "objectClass: account", "uid: a"));
            txn.add(entry("uid=b,ou=people,dc=example,dc=com", "objectClass: account", "uid: b"));
            txn.add(entry("ou=peoplex,dc=example,dc=com", "objectClass: organizationalUnit", "ou: peoplex"));
            return null;
        });
    }

    private List<String> search(ReadTxn txn, String base, SearchScope scope) throws LdapException {
        List<String> out = new ArrayList<>();
        txn.search(dn(base), scope, ObjectClassNode.OBJECT_CLASS_NODE, Long.MAX_VALUE, e -> out.add(e.getDn().getName()));
        return out;
    }

    @Test
    void scopesAndTreeShape() throws Exception {
        try (ReadTxn txn = backend.openRead()) {
            assertThat(search(txn, "ou=people,dc=example,dc=com", SearchScope.SUBTREE)).hasSize(3);
            assertThat(search(txn, "ou=people,dc=example,dc=com", SearchScope.ONELEVEL))
                    .containsExactlyInAnyOrder("uid=a,ou=people,dc=example,dc=com", "uid=b,ou=people,dc=example,dc=com");
            assertThat(search(txn, "dc=example,dc=com", SearchScope.ONELEVEL)).hasSize(2);
            assertThat(txn.hasChildren(dn("ou=people,dc=example,dc=com"))).isTrue();
            assertThat(txn.hasChildren(dn("ou=peoplex,dc=example,dc=com"))).isFalse();
            assertThat(txn.get(dn("UID=A, OU=People, DC=Example, DC=Com"))).isPresent();
        }
    }

    @Test
    void refusesWhatWouldBreakTheTree() {
        assertThatThrownBy(() -> backend.write(t -> { t.add(entry("uid=x,ou=none,dc=example,dc=com", "objectClass: account", "uid: x")); return null; }))
                .isInstanceOf(LdapNoSuchObjectException.class);
        assertThatThrownBy(() -> backend.write(t -> { t.add(entry("uid=a,ou=people,dc=example,dc=com", "objectClass: account", "uid: a")); return null; }))
                .isInstanceOf(LdapEntryAlreadyExistsException.class);
        assertThatThrownBy(() -> backend.write(t -> { t.delete(dn("ou=people,dc=example,dc=com")); return null; }))
                .isInstanceOf(LdapContextNotEmptyException.class);
        assertThatThrownBy(() -> backend.write(t -> { t.add(entry("dc=other,dc=com", "objectClass: domain", "dc: other")); return null; }))
                .isInstanceOf(LdapNoSuchObjectException.class);
    }

    @Test
    void failedTransactionsChangeNothingAndReadersKeepTheirSnapshot() throws Exception {
        try (ReadTxn before = backend.openRead()) {
            assertThatThrownBy(() -> backend.write(t -> {
                t.delete(dn("uid=a,ou=people,dc=example,dc=com"));
                throw new LdapException("abort");
            })).hasMessage("abort");
            backend.write(t -> { t.delete(dn("uid=b,ou=people,dc=example,dc=com")); return null; });
            assertThat(before.get(dn("uid=b,ou=people,dc=example,dc=com"))).as("snapshot unchanged").isPresent();
        }
        try (ReadTxn after = backend.openRead()) {
            assertThat(after.get(dn("uid=a,ou=people,dc=example,dc=com"))).isPresent();
            assertThat(after.get(dn("uid=b,ou=people,dc=example,dc=com"))).isEmpty();
        }
    }

    @Test
    void renameMovesTheSubtree() throws Exception {
        backend.write(t -> {
            Entry moved = t.get(dn("ou=people,dc=example,dc=com")).orElseThrow().clone();
            moved.setDn(dn("ou=staff,ou=peoplex,dc=example,dc=com"));
            t.rename(dn("ou=people,dc=example,dc=com"), moved);
            return null;
        });
        try (ReadTxn txn = backend.openRead()) {
            assertThat(search(txn, "ou=peoplex,dc=example,dc=com", SearchScope.SUBTREE)).containsExactlyInAnyOrder(
                    "ou=peoplex,dc=example,dc=com", "ou=staff,ou=peoplex,dc=example,dc=com",
                    "uid=a,ou=staff,ou=peoplex,dc=example,dc=com", "uid=b,ou=staff,ou=peoplex,dc=example,dc=com");
            assertThat(txn.get(dn("uid=a,ou=people,dc=example,dc=com"))).isEmpty();
            assertThat(txn.get(dn("uid=a,ou=staff,ou=peoplex,dc=example,dc=com")).orElseThrow().getDn().getName())
                    .isEqualTo("uid=a,ou=staff,ou=peoplex,dc=example,dc=com");
        }
    }

    @Test
    void unindexedLimit() throws Exception {
        try (ReadTxn txn = backend.openRead()) {
            assertThatThrownBy(() -> txn.search(dn("dc=example,dc=com"), SearchScope.SUBTREE, ObjectClassNode.OBJECT_CLASS_NODE,
                    2, e -> true)).isInstanceOf(org.apache.directory.api.ldap.model.exception.LdapAdminLimitExceededException.class);
        }
    }

    @Test
    void concurrentReadersSeeWholeTransactions() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        AtomicBoolean stop = new AtomicBoolean();
        try {
            List<Future<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                readers.add(pool.submit(() -> {
                    int checks = 0;
                    while (!stop.get()) {
                        try (ReadTxn txn = backend.openRead()) {
                            // Each write adds two entries in one transaction: never an odd count.
                            int n = search(txn, "ou=peoplex,dc=example,dc=com", SearchScope.ONELEVEL).size();
                            assertThat(n % 2).isZero();
                            checks++;
                        }
                    }
                    return checks;
                }));
            }
            for (int i = 0; i < 300; i++) {
                int k = i;
                backend.write(t -> {
                    t.add(entry("uid=x" + k + ",ou=peoplex,dc=example,dc=com", "objectClass: account", "uid: x" + k));
                    t.add(entry("uid=y" + k + ",ou=peoplex,dc=example,dc=com", "objectClass: account", "uid: y" + k));
                    return null;
                });
            }
            stop.set(true);
            for (Future<Integer> f : readers) {
                assertThat(f.get()).isPositive();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
