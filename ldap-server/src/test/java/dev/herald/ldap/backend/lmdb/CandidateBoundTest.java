package dev.herald.ldap.backend.lmdb;

import static dev.herald.ldap.backend.lmdb.TestSchema.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.filter.ExprNode;
import org.apache.directory.api.ldap.model.filter.FilterParser;
import org.apache.directory.api.ldap.model.message.SearchScope;
import org.apache.directory.api.ldap.model.name.Dn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LmdbReadTxn#candidateBound}: from index counts only, never below the candidates the
 * search then delivers, and -1 whenever the plan is not an id set.
 */
class CandidateBoundTest {
    static final String SUFFIX = "dc=example,dc=com";
    static final int PEOPLE = 60;

    @TempDir
    static Path dir;
    static LmdbBackend backend;

    @BeforeAll
    static void fill() throws LdapException {
        backend = new LmdbBackend(TestSchema.get(), LmdbOptions.builder(dir, SUFFIX).build());
        backend.write(w -> {
            w.add(entry(SUFFIX, "objectClass: domain", "dc: example"));
            w.add(entry("ou=people," + SUFFIX, "objectClass: organizationalUnit", "ou: people"));
            for (int i = 0; i < PEOPLE; i++) {
                w.add(entry("uid=user" + i + ",ou=people," + SUFFIX, "objectClass: inetOrgPerson", "uid: user" + i,
                        "cn: User " + i, "sn: " + (i % 3 == 0 ? "Three" : "Other"), "description: d" + i,
                        "mail: user" + i + "@example.com"));
            }
            return null;
        });
    }

    @AfterAll
    static void close() {
        backend.close();
    }

    /** The bound, checked against the candidates the search delivers (the filter is not evaluated). */
    static long bound(String filter) throws Exception {
        try (var r = backend.openRead()) {
            ExprNode f = FilterParser.parse(TestSchema.get(), filter);
            long bound = r.candidateBound(f);
            long[] delivered = {0};
            r.search(new Dn(TestSchema.get(), SUFFIX), SearchScope.SUBTREE, f, Long.MAX_VALUE, e -> ++delivered[0] > 0);
            if (bound >= 0) {
                assertThat(delivered[0]).as("candidates of %s", filter).isLessThanOrEqualTo(bound);
            }
            return bound;
        }
    }

    @Test
    void indexedEqualityAndPresenceAreCounted() throws Exception {
        assertThat(bound("(uid=user5)")).isEqualTo(1);
        assertThat(bound("(uid=nobody)")).isZero();
        assertThat(bound("(objectClass=person)")).isEqualTo(PEOPLE);
        assertThat(bound("(mail=*)")).isEqualTo(PEOPLE);
    }

    @Test
    void andTakesTheSmallestCountOrOtherwiseItsFirstPart() throws Exception {
        assertThat(bound("(&(objectClass=inetOrgPerson)(uid=user7))")).isEqualTo(1);
        assertThat(bound("(&(uid=user7)(uid=user8))")).isEqualTo(1);
        assertThat(bound("(&(description=d1)(uid=user1))")).as("an unindexed part does not matter").isEqualTo(1);
        assertThat(bound("(&(|(uid=user1)(uid=user2))(description=d1))")).isEqualTo(2);
        assertThat(bound("(&(description=d1)(|(uid=user1)(uid=user2)))"))
                .as("without counts the plan starts with the first part, unindexed here").isEqualTo(-1);
    }

    @Test
    void orAddsUpAndFailsWithAnyUnknownPart() throws Exception {
        assertThat(bound("(|(uid=user1)(uid=user2)(mail=user3@example.com))")).isEqualTo(3);
        assertThat(bound("(|(uid=user1)(description=d2))")).isEqualTo(-1);
    }

    @Test
    void unindexedAndEverythingAreUnknown() throws Exception {
        assertThat(bound("(description=d1)")).isEqualTo(-1);
        assertThat(bound("(objectClass=*)")).isEqualTo(-1);
        assertThat(bound("(cn=*user 1*)")).as("substrings are not counted").isEqualTo(-1);
        assertThat(bound("(!(uid=user1))")).isEqualTo(-1);
        assertThat(bound("(cn~=user 5)")).isEqualTo(-1);
    }
}
