package dev.herald.ldap.directory;

import static dev.herald.ldap.directory.TestDirectory.ADMIN;
import static dev.herald.ldap.directory.TestDirectory.ALICE;
import static dev.herald.ldap.directory.TestDirectory.BOB;
import static dev.herald.ldap.directory.TestDirectory.SUFFIX;
import static dev.herald.ldap.directory.TestDirectory.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import org.apache.directory.api.ldap.model.entry.DefaultModification;
import org.apache.directory.api.ldap.model.entry.ModificationOperation;
import org.apache.directory.api.ldap.model.filter.ExprNode;
import org.apache.directory.api.ldap.model.filter.FilterParser;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.name.Rdn;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.herald.ldap.backend.lmdb.LmdbBackend;
import dev.herald.ldap.backend.lmdb.LmdbOptions;
import dev.herald.ldap.filter.FilterNormalizer;
import dev.herald.ldap.schema.HeraldSchema;
import dev.herald.ldap.settings.ServerSettings;

/**
 * Entry projections are shared between searches ({@link EntryProjection.Cache}): searches of the
 * same shape get the same projection, of another shape another one, the cache stays bounded,
 * and searches over LMDB still return what the in-memory backend returns, also after entries
 * were modified and renamed (a whole subtree included) between searches.
 */
class ProjectionCacheTest {
    private final SchemaManager schema = HeraldSchema.shared();
    private final FilterNormalizer filters = new FilterNormalizer(schema);

    @TempDir
    Path data;

    private ExprNode filter(String f) throws Exception {
        return filters.normalize(FilterParser.parse(f));
    }

    private AttributeSelection sel(String... names) {
        return AttributeSelection.of(schema, List.of(names));
    }

    @Test
    void sameShapeSameProjectionOtherShapeAnother() throws Exception {
        AttributeType userPassword = schema.getAttributeType("userPassword");
        EntryProjection.Cache cache = new EntryProjection.Cache(userPassword);
        AttributeSelection cnMail = sel("cn", "mail");
        AttributeSelection sn = sel("sn");
        EntryProjection a = cache.of(filter("(uid=alice)"), cnMail);
        assertThat(cache.of(filter("(UID=bob)"), cnMail)).isSameAs(a);
        assertThat(cache.of(filter("(uid=x*)"), cnMail)).isSameAs(a); // only the tested types matter
        assertThat(cache.of(filter("(uid=alice)"), sn)).isNotSameAs(a);
        assertThat(cache.of(filter("(cn=alice)"), cnMail)).isNotSameAs(a);
        assertThat(cache.of(filter("(&(objectClass=person)(uid=a))"), cnMail)).isNotSameAs(a);
        assertThat(cache.of(filter("(:caseIgnoreMatch:=alice)"), cnMail)).isNull();

        // answers: tested, selected (with subtypes) and userPassword in; the rest out
        assertThat(a.test(schema.getAttributeType("uid"))).isTrue();
        assertThat(a.test(schema.getAttributeType("cn"))).isTrue();
        assertThat(a.test(schema.getAttributeType("mail"))).isTrue();
        assertThat(a.test(userPassword)).isTrue();
        assertThat(a.test(schema.getAttributeType("sn"))).isFalse();
        assertThat(a.test(schema.getAttributeType("telephoneNumber"))).isFalse();
        EntryProjection byName = cache.of(filter("(name=x)"), sel("description"));
        assertThat(byName.test(schema.getAttributeType("sn"))).isTrue(); // a subtype of name
        assertThat(byName.test(schema.getAttributeType("sn"))).isTrue(); // remembered answer
        assertThat(byName.test(schema.getAttributeType("mail"))).isFalse();
    }

    @Test
    void bounded() throws Exception {
        EntryProjection.Cache cache = new EntryProjection.Cache(schema.getAttributeType("userPassword"));
        ExprNode f = filter("(uid=a)");
        for (int i = 0; i < EntryProjection.Cache.LIMIT * 3; i++) {
            cache.of(f, sel("cn"));
            assertThat(cache.size()).isLessThanOrEqualTo(EntryProjection.Cache.LIMIT);
        }
    }

    @Test
    void searchesStayExactAcrossModifyAndRename() throws Exception {
        ServerSettings settings = ServerSettings.defaults(SUFFIX, ADMIN);
        try (LmdbBackend lmdb = new LmdbBackend(schema, LmdbOptions.builder(data, SUFFIX).durable(false).build())) {
            DirectoryService onLmdb = new DirectoryService(schema, lmdb, settings, Clock.systemUTC());
            try (Reader in = new InputStreamReader(
                    getClass().getResourceAsStream("/dev/herald/ldap/test-data.ldif"), StandardCharsets.UTF_8)) {
                LdifLoader.load(onLmdb, in, "test-data.ldif");
            }
            DirectoryService inMemory = TestDirectory.create(settings);
            List<String[]> searches = List.of(
                    new String[] {"(uid=bob)", "cn mail"},
                    new String[] {"(uid=robert)", "cn mail"},
                    new String[] {"(uid=alice)", "description"},
                    new String[] {"(description=*)", "cn mail"},
                    new String[] {"(&(objectClass=inetOrgPerson)(uid=*))", "mail"},
                    new String[] {"(ou=*)", "ou"},
                    new String[] {"(mail=*)", "*"});
            compare(onLmdb, inMemory, searches);
            for (DirectoryService d : List.of(onLmdb, inMemory)) {
                d.modify(as(ADMIN), new Dn(ALICE), List.of(
                        new DefaultModification(ModificationOperation.ADD_ATTRIBUTE, "description", "changed"),
                        new DefaultModification(ModificationOperation.REPLACE_ATTRIBUTE, "mail", "alice@new.example")));
            }
            compare(onLmdb, inMemory, searches);
            for (DirectoryService d : List.of(onLmdb, inMemory)) {
                d.rename(as(ADMIN), new Dn(BOB), new Rdn("uid=robert"), true, null);
            }
            compare(onLmdb, inMemory, searches);
            for (DirectoryService d : List.of(onLmdb, inMemory)) {
                d.rename(as(ADMIN), new Dn("ou=people," + SUFFIX), new Rdn("ou=staff"), false, null);
            }
            compare(onLmdb, inMemory, searches);
            assertThat(SearchProjectionTest.render(onLmdb, as(ADMIN), "(uid=robert)", List.of("cn")))
                    .containsOnlyKeys("uid=robert,ou=staff,dc=example,dc=com");
        }
    }

    private static void compare(DirectoryService onLmdb, DirectoryService inMemory, List<String[]> searches)
            throws Exception {
        for (int pass = 0; pass < 2; pass++) {
            for (String[] s : searches) {
                List<String> attrs = List.of(s[1].split(" "));
                for (String who : List.of(ADMIN, ALICE)) {
                    assertThat(SearchProjectionTest.render(onLmdb, as(who), s[0], attrs)).as(who + " " + s[0])
                            .isEqualTo(SearchProjectionTest.render(inMemory, as(who), s[0], attrs));
                }
            }
        }
    }
}
