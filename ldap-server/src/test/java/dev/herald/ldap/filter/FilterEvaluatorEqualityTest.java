package dev.herald.ldap.filter;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.directory.api.ldap.model.entry.DefaultEntry;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.filter.FilterParser;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.herald.ldap.schema.HeraldSchema;

/**
 * Equality items as the matching rules define them, with the shortcut on equal normalised
 * forms: case, inner spaces, subtypes, DNs, integers and octet strings.
 */
class FilterEvaluatorEqualityTest {

    private static final SchemaManager SCHEMA = HeraldSchema.shared();

    private static boolean matches(String filter) throws Exception {
        Entry e = new DefaultEntry(SCHEMA, "uid=bob,ou=people,dc=example,dc=com",
                "objectClass: inetOrgPerson", "objectClass: posixAccount", "uid: bob", "cn: Bob  Jones", "sn: Jones",
                "uidNumber: 1001", "gidNumber: 100", "homeDirectory: /home/bob",
                "seeAlso: cn=Staff,ou=Groups,dc=example,dc=com", "userPassword: secret");
        FilterEvaluator ev = new FilterEvaluator(SCHEMA, new FilterNormalizer(SCHEMA).normalize(FilterParser.parse(filter)));
        return ev.matches(e);
    }

    @ParameterizedTest
    @CsvSource({
        "(cn=bob jones), true",
        "(CN=BOB   JONES), true",
        "(cn=bob), false",
        "(name=bob jones), true",
        "(uid=BOB), true",
        "(uid=bobby), false",
        "(uidNumber=1001), true",
        "(uidNumber=1002), false",
        "'(seeAlso=CN=staff,OU=groups,DC=Example,DC=com)', true",
        "'(seeAlso=cn=other,ou=groups,dc=example,dc=com)', false",
        "(userPassword=secret), true",
        "(userPassword=Secret), false",
        "(homeDirectory=/home/bob), true",
        "(homeDirectory=/HOME/bob), false",
    })
    void equality(String filter, boolean expected) throws Exception {
        assertThat(matches(filter)).as(filter).isEqualTo(expected);
    }
}
