package dev.herald.ldap.backend.lmdb;

import static dev.herald.ldap.backend.lmdb.TestSchema.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapContextNotEmptyException;
import org.apache.directory.api.ldap.model.exception.LdapEntryAlreadyExistsException;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.exception.LdapNoSuchObjectException;
import org.apache.directory.api.ldap.model.exception.LdapUnwillingToPerformException;
import org.apache.directory.api.ldap.model.filter.FilterParser;
import org.apache.directory.api.ldap.model.message.SearchScope;
import org.apache.directory.api.ldap.model.name.Dn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LmdbBackendTest {
    static final String SUFFIX = "dc=example,dc=com";

    @TempDir
    Path dir;
    LmdbBackend backend;

    @BeforeEach
    void open() throws LdapException {
        backend = new LmdbBackend(TestSchema.get(), LmdbOptions.builder(dir, SUFFIX).build());
        backend.write(w -> {
            w.add(entry(SUFFIX, "objectClass: domain", "dc: example"));
            w.add(entry("ou=people," + SUFFIX, "objectClass: organizationalUnit", "ou: people"));
            w.add(entry("ou=groups," + SUFFIX, "objectClass: organizationalUnit", "ou: groups"));
            w.add(person("alice", "Alice Smith"));
            w.add(person("bob", "Bob Jones"));
            return null;
        });
    }

    @AfterEach
    void close() throws LdapException {
        if (backend != null) {
            assertThat(backend.verify()).isEmpty();
            backend.close();
        }
    }

    static Entry person(String uid, String cn) throws LdapException {
        return entry("uid=" + uid + ",ou=people," + SUFFIX, "objectClass: inetOrgPerson", "uid: " + uid,
                "cn: " + cn, "sn: " + cn.substring(cn.indexOf(' ') + 1), "mail: " + uid + "@example.com");
    }

    List<String> search(String base, SearchScope scope, String filter, long limit) throws Exception {
        List<String> out = new ArrayList<>();
        try (var r = backend.openRead()) {
            r.search(new Dn(TestSchema.get(), base), scope, FilterParser.parse(TestSchema.get(), filter), limit,
                    e -> out.add(e.getDn().getName()));
        }
        return out;
    }

    @Test
    void getReturnsStoredEntryWithItsDnAndValues() throws Exception {
        try (var r = backend.openRead()) {
            Entry e = r.get(new Dn(TestSchema.get(), "UID=ALICE,ou=People,DC=example,dc=com")).orElseThrow();
            assertThat(e.getDn().getName()).isEqualTo("uid=alice,ou=people,dc=example,dc=com");
            assertThat(e.get("cn").getString()).isEqualTo("Alice Smith");
            assertThat(e.contains("objectClass", "inetOrgPerson")).isTrue();
            assertThat(r.get(new Dn("uid=nobody,ou=people," + SUFFIX))).isEmpty();
            assertThat(r.get(new Dn("dc=other,dc=org"))).isEmpty();
            assertThat(r.hasChildren(new Dn("ou=people," + SUFFIX))).isTrue();
            assertThat(r.hasChildren(new Dn("ou=groups," + SUFFIX))).isFalse();
        }
    }

    @Test
    void refusesWhatWouldCorruptTheTree() {
        assertThatThrownBy(() -> backend.write(w -> { w.add(person("alice", "Other Alice")); return null; }))
                .isInstanceOf(LdapEntryAlreadyExistsException.class);
        assertThatThrownBy(() -> backend.write(w -> {
            w.add(entry("uid=x,ou=nowhere," + SUFFIX, "objectClass: account", "uid: x"));
            return null;
        })).isInstanceOf(LdapNoSuchObjectException.class).hasMessageContaining("parent");
        assertThatThrownBy(() -> backend.write(w -> { w.delete(new Dn("ou=people," + SUFFIX)); return null; }))
                .isInstanceOf(LdapContextNotEmptyException.class);
        assertThatThrownBy(() -> backend.write(w -> { w.delete(new Dn("ou=missing," + SUFFIX)); return null; }))
                .isInstanceOf(LdapNoSuchObjectException.class);
        assertThatThrownBy(() -> backend.write(w -> {
            w.rename(new Dn("ou=people," + SUFFIX), entry("ou=x,ou=people," + SUFFIX, "objectClass: organizationalUnit", "ou: x"));
            return null;
        })).isInstanceOf(LdapUnwillingToPerformException.class).hasMessageContaining("below itself");
    }

    @Test
    void failedWriteLeavesNothingBehind() throws Exception {
        assertThatThrownBy(() -> backend.write(w -> {
            w.add(person("carol", "Carol King"));
            w.add(person("alice", "Duplicate"));
            return null;
        })).isInstanceOf(LdapEntryAlreadyExistsException.class);
        assertThat(search(SUFFIX, SearchScope.SUBTREE, "(uid=carol)", 100)).isEmpty();
    }

    @Test
    void replaceUpdatesTheIndexes() throws Exception {
        backend.write(w -> {
            Entry e = person("alice", "Alice Smith");
            e.removeAttributes("cn");
            e.add("cn", "Alicia Smythe");
            w.replace(e);
            return null;
        });
        assertThat(search(SUFFIX, SearchScope.SUBTREE, "(cn=alice smith)", 0)).isEmpty();
        assertThat(search(SUFFIX, SearchScope.SUBTREE, "(cn=ALICIA SMYTHE)", 0)).containsExactly(
                "uid=alice,ou=people,dc=example,dc=com");
        assertThat(search(SUFFIX, SearchScope.SUBTREE, "(cn=*smyth*)", 0)).hasSize(1);
    }

    @Test
    void deleteRemovesEntryAndKeys() throws Exception {
        backend.write(w -> { w.delete(new Dn("uid=bob,ou=people," + SUFFIX)); return null; });
        assertThat(search(SUFFIX, SearchScope.SUBTREE, "(uid=bob)", 0)).isEmpty();
        assertThat(search(SUFFIX, SearchScope.ONELEVEL, "(objectClass=*)", 0)).containsExactlyInAnyOrder(
                "ou=people,dc=example,dc=com", "ou=groups,dc=example,dc=com");
    }

    @Test
    void renameMovesTheWholeSubtreeInOneTransaction() throws Exception {
        backend.write(w -> {
            w.rename(new Dn("ou=people," + SUFFIX), entry("ou=staff,ou=groups," + SUFFIX,
                    "objectClass: organizationalUnit", "ou: staff"));
            return null;
        });
        assertThat(search(SUFFIX, SearchScope.SUBTREE, "(uid=alice)", 0))
                .containsExactly("uid=alice,ou=staff,ou=groups,dc=example,dc=com");
        assertThat(search("ou=groups," + SUFFIX, SearchScope.SUBTREE, "(objectClass=*)", 0)).containsExactly(
                "ou=groups,dc=example,dc=com", "ou=staff,ou=groups,dc=example,dc=com",
                "uid=alice,ou=staff,ou=groups,dc=example,dc=com", "uid=bob,ou=staff,ou=groups,dc=example,dc=com");
        // ou is not indexed: every entry in scope is a candidate, none of them still below ou=people
        assertThat(search(SUFFIX, SearchScope.SUBTREE, "(ou=people)", 100)).hasSize(5)
                .noneMatch(dn -> dn.contains("ou=people"));
        try (var r = backend.openRead()) {
            assertThat(r.get(new Dn("uid=bob,ou=people," + SUFFIX))).isEmpty();
            assertThat(r.get(new Dn("uid=bob,ou=staff,ou=groups," + SUFFIX))).isPresent();
        }
        // a new name for a leaf: the RDN attribute's index follows the new content
        backend.write(w -> {
            Entry moved = person("robert", "Bob Jones");
            moved.setDn(new Dn(TestSchema.get(), "uid=robert,ou=groups," + SUFFIX));
            w.rename(new Dn("uid=bob,ou=staff,ou=groups," + SUFFIX), moved);
            return null;
        });
        assertThat(search(SUFFIX, SearchScope.SUBTREE, "(uid=robert)", 0))
                .containsExactly("uid=robert,ou=groups,dc=example,dc=com");
        assertThat(search(SUFFIX, SearchScope.SUBTREE, "(uid=bob)", 0)).isEmpty();
    }

    @Test
    void dataSurvivesReopen() throws Exception {
        backend.close();
        backend = new LmdbBackend(TestSchema.get(), LmdbOptions.builder(dir, SUFFIX).build());
        assertThat(search(SUFFIX, SearchScope.SUBTREE, "(mail=bob@EXAMPLE.com)", 0))
                .containsExactly("uid=bob,ou=people,dc=example,dc=com");
        backend.write(w -> { w.add(person("carol", "Carol King")); return null; });
        assertThat(search(SUFFIX, SearchScope.SUBTREE, "(objectClass=person)", 0)).hasSize(3);
    }

    @Test
    void readerKeepsItsSnapshotWhileWritersCommit() throws Exception {
        try (var r = backend.openRead()) {
            backend.write(w -> { w.add(person("carol", "Carol King")); return null; });
            assertThat(r.get(new Dn("uid=carol,ou=people," + SUFFIX))).isEmpty();
        }
        try (var r = backend.openRead()) {
            assertThat(r.get(new Dn("uid=carol,ou=people," + SUFFIX))).isPresent();
        }
    }
}
