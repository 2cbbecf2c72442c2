package dev.herald.ldap.directory;

import static dev.herald.ldap.directory.TestDirectory.ALICE;
import static dev.herald.ldap.directory.TestDirectory.BOB;
import static dev.herald.ldap.directory.TestDirectory.SUFFIX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.filter.FilterParser;
import org.apache.directory.api.ldap.model.message.SearchScope;
import org.apache.directory.api.ldap.model.name.Dn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Searches under a {@link CandidateBudget}: single entries pass, a search the backend cannot
 * bound (the in-memory backend has no index counts) is refused before it delivers anything,
 * and without a budget nothing changes. Bounds from LMDB's indexes: {@code CandidateBoundTest}
 * and {@code InlineDispatchTest}.
 */
class CandidateBudgetTest {

    static DirectoryService dir;

    @BeforeAll
    static void create() throws Exception {
        dir = TestDirectory.create();
    }

    @AfterEach
    void clear() {
        CandidateBudget.clear();
    }

    private static List<Entry> search(String base, SearchScope scope, String filter, List<Entry> out) throws Exception {
        dir.search(TestDirectory.as(ALICE), new SearchSpec(new Dn(base), scope, FilterParser.parse(filter), List.of(), false),
                CandidateBudgetTest::rootDse,
                new SearchListener() {
                    @Override
                    public boolean entry(Entry entry) {
                        out.add(entry);
                        return true;
                    }

                    @Override
                    public boolean stopRequested() {
                        return false;
                    }
                });
        return out;
    }

    private static Entry rootDse() {
        try {
            return new org.apache.directory.api.ldap.model.entry.DefaultEntry(dir.schema(), "", "objectClass: top");
        } catch (org.apache.directory.api.ldap.model.exception.LdapException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void singleEntriesAreWithinAnyBudget() throws Exception {
        CandidateBudget.limit(0);
        assertThat(search(BOB, SearchScope.OBJECT, "(objectClass=*)", new ArrayList<>())).hasSize(1);
        assertThat(search("", SearchScope.OBJECT, "(objectClass=*)", new ArrayList<>())).hasSize(1);
    }

    @Test
    void anUnboundedSearchIsRefusedBeforeItDeliversAnything() throws Exception {
        CandidateBudget.limit(16);
        List<Entry> out = new ArrayList<>();
        assertThatThrownBy(() -> search(SUFFIX, SearchScope.SUBTREE, "(uid=bob)", out))
                .isInstanceOf(CandidateBudget.Exceeded.class);
        assertThatThrownBy(() -> search("cn=schema", SearchScope.OBJECT, "(objectClass=*)", out))
                .as("the subschema entry is large").isInstanceOf(CandidateBudget.Exceeded.class);
        assertThat(out).isEmpty();
        // errors stay errors
        assertThatThrownBy(() -> search("ou=nowhere," + SUFFIX, SearchScope.SUBTREE, "(uid=bob)", out))
                .isNotInstanceOf(CandidateBudget.Exceeded.class);
    }

    @Test
    void withoutABudgetNothingIsChecked() throws Exception {
        CandidateBudget.limit(1);
        CandidateBudget.clear();
        assertThat(search(SUFFIX, SearchScope.SUBTREE, "(uid=bob)", new ArrayList<>())).hasSize(1);
        assertThat(search("cn=schema", SearchScope.OBJECT, "(objectClass=*)", new ArrayList<>())).hasSize(1);
        Thread other = new Thread(() -> {
            try {
                assertThat(search(SUFFIX, SearchScope.SUBTREE, "(uid=bob)", new ArrayList<>())).hasSize(1);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        CandidateBudget.limit(1);
        other.start();
        other.join();
        assertThatThrownBy(() -> CandidateBudget.limit(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
