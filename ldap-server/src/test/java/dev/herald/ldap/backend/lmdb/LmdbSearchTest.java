package dev.herald.ldap.backend.lmdb;

import static dev.herald.ldap.backend.lmdb.TestSchema.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.directory.api.ldap.model.exception.LdapAdminLimitExceededException;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.exception.LdapNoSuchObjectException;
import org.apache.directory.api.ldap.model.filter.ExprNode;
import org.apache.directory.api.ldap.model.filter.FilterParser;
import org.apache.directory.api.ldap.model.message.SearchScope;
import org.apache.directory.api.ldap.model.name.Dn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scopes, candidate sets from the indexes, and the unindexed-search limit. */
class LmdbSearchTest {
    static final String SUFFIX = "dc=example,dc=com";
    static final int PEOPLE = 200;

    @TempDir
    static Path dir;
    static LmdbBackend backend;

    @BeforeAll
    static void fill() throws LdapException {
        backend = new LmdbBackend(TestSchema.get(), LmdbOptions.builder(dir, SUFFIX)
                .index("employeeNumber", IndexKind.EQUALITY).build());
        backend.write(w -> {
            w.add(entry(SUFFIX, "objectClass: domain", "dc: example"));
            w.add(entry("ou=people," + SUFFIX, "objectClass: organizationalUnit", "ou: people"));
            w.add(entry("ou=eng,ou=people," + SUFFIX, "objectClass: organizationalUnit", "ou: eng"));
            w.add(entry("ou=groups," + SUFFIX, "objectClass: organizationalUnit", "ou: groups"));
            for (int i = 0; i < PEOPLE; i++) {
                String parent = (i % 2 == 0 ? "ou=eng,ou=people," : "ou=people,") + SUFFIX;
                w.add(entry("uid=user" + i + "," + parent, "objectClass: inetOrgPerson", "uid: user" + i,
                        "cn: User Number" + i, "sn: Number" + i, "mail: user" + i + "@Example.COM",
                        "employeeNumber: " + i, "description: person " + i));
            }
            w.add(entry("cn=staff,ou=groups," + SUFFIX, "objectClass: groupOfNames", "cn: staff",
                    "member: uid=user1,ou=people," + SUFFIX, "member: UID=USER2,OU=ENG,ou=people," + SUFFIX));
            return null;
        });
    }

    @AfterAll
    static void close() throws LdapException {
        assertThat(backend.verify()).isEmpty();
        backend.close();
    }

    static List<String> search(String base, SearchScope scope, String filter, long limit) throws Exception {
        List<String> out = new ArrayList<>();
        try (var r = backend.openRead()) {
            ExprNode f = FilterParser.parse(TestSchema.get(), filter);
            r.search(new Dn(TestSchema.get(), base), scope, f, limit, e -> out.add(e.getDn().getName()));
        }
        return out;
    }

    @Test
    void equalityUsesMatchingRuleNormalisation() throws Exception {
        assertThat(search(SUFFIX, SearchScope.SUBTREE, "(cn=USER   NUMBER7)", 0))
                .containsExactly("uid=user7,ou=people,dc=example,dc=com");
        assertThat(search(SUFFIX, SearchScope.SUBTREE, "(mail=USER8@example.com)", 0)).hasSize(1);
        assertThat(search(SUFFIX, SearchScope.SUBTREE, "(member=uid=user2,ou=eng,ou=people,dc=example,dc=com)", 0))
                .containsExactly("cn=staff,ou=groups,dc=example,dc=com");
        assertThat(search(SUFFIX, SearchScope.SUBTREE, "(employeeNumber=42)", 0)).hasSize(1);
    }

    @Test
    void filtersWithoutSchemaAreNormalisedByTheBackend() throws Exception {
        List<String> out = new ArrayList<>();
        try (var r = backend.openRead()) {
            r.search(new Dn(SUFFIX), SearchScope.SUBTREE, FilterParser.parse("(CN=user number3)"), 0,
                    e -> out.add(e.getDn().getName()));
        }
        assertThat(out).containsExactly("uid=user3,ou=people,dc=example,dc=com");
    }

    @Test
    void substringAndPresence() throws Exception {
        assertThat(search(SUFFIX, SearchScope.SUBTREE, "(cn=*number19*)", 0))
                .contains("uid=user19,ou=people,dc=example,dc=com").hasSizeLessThanOrEqualTo(11);
        assertThat(search(SUFFIX, SearchScope.SUBTREE, "(uid=user19*)", 0)).hasSize(11); // 19, 190..199
        assertThat(search(SUFFIX, SearchScope.SUBTREE, "(mail=*9@example.com)", 0)).hasSize(20);
        assertThat(search(SUFFIX, SearchScope.SUBTREE, "(mail=*)", 0)).hasSize(PEOPLE);
        assertThat(search(SUFFIX, SearchScope.SUBTREE, "(member=*)", 0)).hasSize(1);
        assertThat(search(SUFFIX, SearchScope.SUBTREE, "(cn=*zzz*)", 0)).isEmpty();
    }

    @Test
    void andIntersectsOrUnionsNotFiltersCandidates() throws Exception {
        assertThat(search(SUFFIX, SearchScope.SUBTREE, "(&(objectClass=person)(uid=user5))", 0)).hasSize(1);
        assertThat(search(SUFFIX, SearchScope.SUBTREE, "(|(uid=user5)(uid=user6)(mail=user7@example.com))", 0))
                .hasSize(3);
        // the indexed part narrows; the unindexed and NOT parts are left to the evaluator
        assertThat(search(SUFFIX, SearchScope.SUBTREE, "(&(uid=user5)(description=x)(!(sn=y)))", 1)).hasSize(1);
        assertThat(search(SUFFIX, SearchScope.SUBTREE, "(&(uid=user5)(uid=user6))", 0)).isEmpty();
    }

    @Test
    void andStartsWithTheSmallestKeyAndSkipsHugeOnes() throws Exception {
        // the objectClass key holds every person; uid holds one: one candidate, read cheaply
        assertThat(search(SUFFIX, SearchScope.SUBTREE, "(&(objectClass=person)(uid=user5))", 0))
                .containsExactly("uid=user5,ou=people,dc=example,dc=com");
        assertThat(search(SUFFIX, SearchScope.SUBTREE, "(&(uid=user5)(objectClass=groupOfNames))", 0)).isEmpty();
        // once the candidates are few, an expensive part is left to the filter evaluation
        assertThat(search(SUFFIX, SearchScope.SUBTREE, "(&(uid=user5)(cn=*zzz*))", 0)).hasSize(1);
        assertThat(search(SUFFIX, SearchScope.SUBTREE, "(&(cn=*zzz*)(objectClass=person))", 0)).isEmpty();
    }

    @Test
    void objectClassMatchesSuperclassesOfStoredValues() throws Exception {
        assertThat(search(SUFFIX, SearchScope.SUBTREE, "(objectClass=person)", 0)).hasSize(PEOPLE);
        assertThat(search(SUFFIX, SearchScope.SUBTREE, "(objectClass=organizationalUnit)", 0)).hasSize(3);
    }

    @Test
    void scopesLimitCandidates() throws Exception {
        assertThat(search("ou=people," + SUFFIX, SearchScope.OBJECT, "(objectClass=*)", 0))
                .containsExactly("ou=people,dc=example,dc=com");
        assertThat(search("ou=people," + SUFFIX, SearchScope.ONELEVEL, "(objectClass=*)", 0))
                .hasSize(PEOPLE / 2 + 1);
        assertThat(search("ou=eng,ou=people," + SUFFIX, SearchScope.SUBTREE, "(objectClass=*)", 0))
                .hasSize(PEOPLE / 2 + 1).first().isEqualTo("ou=eng,ou=people,dc=example,dc=com");
        // indexed candidates are restricted to the scope too
        assertThat(search("ou=eng,ou=people," + SUFFIX, SearchScope.SUBTREE, "(uid=user1)", 0)).isEmpty();
        assertThat(search("ou=people," + SUFFIX, SearchScope.ONELEVEL, "(uid=user2)", 0)).isEmpty();
        assertThat(search("ou=people," + SUFFIX, SearchScope.SUBTREE, "(uid=user2)", 0)).hasSize(1);
        assertThatThrownBy(() -> search("ou=nope," + SUFFIX, SearchScope.SUBTREE, "(objectClass=*)", 0))
                .isInstanceOf(LdapNoSuchObjectException.class);
    }

    @Test
    void unindexedSearchOverTheLimitIsRefused() throws Exception {
        assertThatThrownBy(() -> search(SUFFIX, SearchScope.SUBTREE, "(description=person 5)", 100))
                .isInstanceOf(LdapAdminLimitExceededException.class);
        assertThatThrownBy(() -> search("ou=people," + SUFFIX, SearchScope.ONELEVEL, "(!(uid=user1))", 50))
                .isInstanceOf(LdapAdminLimitExceededException.class);
        // a supertype filter cannot use the cn index alone: name also covers sn, ou, ...
        assertThatThrownBy(() -> search(SUFFIX, SearchScope.SUBTREE, "(name=user number1)", 10))
                .isInstanceOf(LdapAdminLimitExceededException.class);
        // small scopes, allowed identities and (objectClass=*) are fine
        assertThat(search("ou=groups," + SUFFIX, SearchScope.SUBTREE, "(description=x)", 5)).hasSize(2);
        assertThat(search(SUFFIX, SearchScope.SUBTREE, "(description=person 5)", Long.MAX_VALUE))
                .hasSize(PEOPLE + 5);
        assertThat(search(SUFFIX, SearchScope.SUBTREE, "(objectClass=*)", 0)).hasSize(PEOPLE + 5);
    }

    @Test
    void sinkCanStopEarly() throws Exception {
        List<String> out = new ArrayList<>();
        try (var r = backend.openRead()) {
            r.search(new Dn(SUFFIX), SearchScope.SUBTREE, FilterParser.parse("(objectClass=*)"), 0, e -> {
                out.add(e.getDn().getName());
                return out.size() < 3;
            });
        }
        assertThat(out).hasSize(3);
    }
}
