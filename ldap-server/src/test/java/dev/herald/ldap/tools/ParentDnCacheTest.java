package dev.herald.ldap.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.directory.api.ldap.model.exception.LdapOperationException;
import org.apache.directory.api.ldap.model.message.ResultCodeEnum;
import org.apache.directory.api.ldap.model.name.Dn;
import org.junit.jupiter.api.Test;

import dev.herald.ldap.backend.lmdb.TestSchema;
import dev.herald.ldap.directory.SchemaValues;

class ParentDnCacheTest {
    private final SchemaValues values = new SchemaValues(TestSchema.get());
    private final ParentDnCache cache = new ParentDnCache(values);

    @Test
    void givesWhatNormalisingTheWholeDnGives() throws Exception {
        String[] dns = {
            "dc=example,dc=com",
            "uid=user5,ou=people,dc=example,dc=com",
            "uid=user6,ou=people,dc=example,dc=com",
            "CN=Foo Bar+sn=X ,  OU=People,dc=Example,dc=COM",
            "cn=a\\,b,ou=people,dc=example,dc=com",
            "cn=  spaced  out ,ou=people,dc=example,dc=com",
            "cn=#04024869,ou=people,dc=example,dc=com",
            "2.5.4.3=by oid,ou=people,dc=example,dc=com",
            "cn=Zoë Ünicode,ou=people,dc=example,dc=com",
        };
        for (int round = 0; round < 2; round++) {
            for (String s : dns) {
                Dn expected = values.dn(s);
                Dn got = cache.resolve(new Dn(s));
                assertThat(got.isSchemaAware()).isTrue();
                assertThat(got.getName()).isEqualTo(expected.getName());
                assertThat(got.getNormName()).isEqualTo(expected.getNormName());
                assertThat(got.getRdn().getNormName()).isEqualTo(expected.getRdn().getNormName());
                assertThat(got).isEqualTo(expected);
            }
        }
    }

    @Test
    void unknownTypesAreInvalidDnSyntax() throws Exception {
        assertThatThrownBy(() -> cache.resolve(new Dn("shoeSize=42,ou=people,dc=example,dc=com")))
                .isInstanceOfSatisfying(LdapOperationException.class,
                        e -> assertThat(e.getResultCode()).isEqualTo(ResultCodeEnum.INVALID_DN_SYNTAX));
        assertThatThrownBy(() -> cache.resolve(new Dn("uid=x,shoeSize=42,dc=example,dc=com")))
                .isInstanceOfSatisfying(LdapOperationException.class,
                        e -> assertThat(e.getResultCode()).isEqualTo(ResultCodeEnum.INVALID_DN_SYNTAX));
    }
}
