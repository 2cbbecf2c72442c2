package dev.herald.sasl.authz;

import dev.herald.sasl.syntax.Dn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuthzIdTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"uid=alice,dc=x", "dn", "dn.regex:.*", "x:alice", "dn.exact:uid=a", "DN uid=a", "dn:", "u:",
            "dn:uid=alice,", "dn:uid=a,,dc=x", "dn:uid=a\\", "dn:uid=a\\zz", "dn:uid= a", "dn:=a",
            "u:\u0007bell", "u:\u202Eevil", "dn:cn=a;b"})
    void malformedAuthzIdsAreRefused(String text) {
        assertThatThrownBy(() -> AuthzId.parse(utf8(text))).isInstanceOf(MalformedAuthzIdException.class);
    }

    @Test
    void nulAndInvalidUtf8AreRefused() {
        assertThatThrownBy(() -> AuthzId.parse(new byte[]{'u', ':', 'a', 0, 'b'})).hasMessageContaining("NUL");
        assertThatThrownBy(() -> AuthzId.parse(new byte[]{'d', 'n', ':', 'c', 'n', '=', (byte) 0xC3}))
                .hasMessageContaining("UTF-8");
        // Overlong encoding of '/' and an encoded surrogate.
        assertThatThrownBy(() -> AuthzId.parse(new byte[]{'u', ':', (byte) 0xC0, (byte) 0xAF})).hasMessageContaining("UTF-8");
        assertThatThrownBy(() -> AuthzId.parse(new byte[]{'u', ':', (byte) 0xED, (byte) 0xA0, (byte) 0x80}))
                .hasMessageContaining("UTF-8");
        assertThatThrownBy(() -> AuthzId.parse(utf8("u:" + "a".repeat(5000)))).hasMessageContaining("longer");
    }

    @Test
    void wellFormedAuthzIds() throws Exception {
        assertThat(AuthzId.parse(utf8("dn:uid=alice,ou=people,dc=example,dc=com")))
                .isEqualTo(new AuthzId.DnAuthzId(Dn.parse("uid=alice,ou=people,dc=example,dc=com")));
        assertThat(AuthzId.parse(utf8("DN:uid=alice"))).isInstanceOf(AuthzId.DnAuthzId.class);
        assertThat(AuthzId.parse(utf8("u:bob"))).isEqualTo(new AuthzId.UserAuthzId("bob"));
        assertThat(AuthzId.parse(utf8("U:b\u00ADob"))).isEqualTo(new AuthzId.UserAuthzId("bob"));
        assertThat(AuthzId.parse(utf8("dn:cn=Lu\\C4\\8Di\\C4\\87"))).hasToString("dn:cn=Lučić");
    }
}
