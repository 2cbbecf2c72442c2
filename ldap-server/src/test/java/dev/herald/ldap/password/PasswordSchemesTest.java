package dev.herald.ldap.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Stored values produced by Python's hashlib (an independent implementation). */
class PasswordSchemesTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "bob-pw|{SSHA}6osNJ/af2/NC9zIQe7KIi8YxR1gxMjM0NTY3OA==",
        "carol-pw|{PBKDF2-SHA256}1000$MDEyMzQ1Njc4OWFiY2RlZg$qESI6prF.pF0cS3LOD.qgyK18VrND3nzRdrhtZTi9uQ",
        "dave-pw|{PBKDF2_SHA256}AAAD6AABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4fICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8uCQlJzHzPJocBy0lOrWthmUQIeeoGmtxa1FLW4c3snMEQu2M2JPUN4KnQczKcVx7JdScK5fcBHrZZ1fnrWJSCfTe2ggTJ4xoGBSX5kjHxxF2RW2EXu5rtrTZ0BJ7mGuVdbjtA/3HLhKK0BGd5JfnIwK6o1yW05VcLthlkTqf8rJah28qnG4L+Apax5yMWBqDkqlGW8l+fY9FbKQavog9E39TvYo26RAhHUcrYdaikkNsfUJz6hbrw2SU0lWTB9clTBOTW/eITOSiDXKFKB3ZZavJbXxcOlDyO5a2C3YIJeNZiSygRUfUlq9tqzMq/Qn9/Y07w/saAMYwP3qBsp3l7",
        "erin-pw|{SSHA512}J5VtidbimY/+hGjFAA4KfwY4CkLICK4UUvtBXR+fQH6rw4ofCC0MI5Mwgu4CydMbD1/zM+WHC5UAtJ9bOrU+23NhbHRzYWx0",
        "erin-pw|{ssha256}BSMleHdD2pstcTtEYSFrwM5/wDHiYcW1nVPRQFNcG0dzYWx0c2FsdA==",
        "plain-pw|plain-pw",
    })
    void verifiesValuesWrittenByOtherImplementations(String password, String stored) {
        assertThat(PasswordSchemes.verify(b(password), b(stored))).isTrue();
        assertThat(PasswordSchemes.verify(b(password + "x"), b(stored))).isFalse();
        assertThat(PasswordSchemes.verify(b(""), b(stored))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"PBKDF2-SHA256", "PBKDF2-SHA512", "PBKDF2-SHA1", "PBKDF2", "PBKDF2_SHA256",
        "SSHA", "SSHA256", "SSHA384", "SSHA512", "SHA", "SHA256", "SHA512"})
    void hashesAndVerifiesEveryScheme(String scheme) {
        String stored = PasswordSchemes.hash(scheme, b("s3cret"), 1000);
        assertThat(stored).startsWith("{" + scheme + "}");
        assertThat(PasswordSchemes.verify(b("s3cret"), b(stored))).isTrue();
        assertThat(PasswordSchemes.verify(b("s3creT"), b(stored))).isFalse();
    }

    @Test
    void saltsDiffer() {
        assertThat(PasswordSchemes.hash("SSHA", b("x"), 1)).isNotEqualTo(PasswordSchemes.hash("SSHA", b("x"), 1));
    }

    @Test
    void openLdapFormatUsesAdaptedBase64WithoutPadding() {
        String stored = PasswordSchemes.hash("PBKDF2-SHA256", b("pw"), 1234);
        assertThat(stored).matches("\\{PBKDF2-SHA256\\}1234\\$[A-Za-z0-9./]{22}\\$[A-Za-z0-9./]{43}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{UNKNOWN}abc", "{SSHA}", "{SSHA}!!!notbase64", "{SSHA}AAAA",
        "{PBKDF2-SHA256}0$MDEy$qESI", "{PBKDF2-SHA256}x$MDEy$qESI", "{PBKDF2-SHA256}1000$MDEy",
        "{PBKDF2-SHA256}99999999$MDEyMzQ1Njc4OWFiY2RlZg$qESI6prF.pF0cS3LOD.qgyK18VrND3nzRdrhtZTi9uQ",
        "{PBKDF2_SHA256}AAAD6A==", "{SHA}AAAA"})
    void malformedOrUnknownStoredValuesNeverMatch(String stored) {
        assertThat(PasswordSchemes.verify(b("pw"), b(stored))).isFalse();
        assertThat(PasswordSchemes.verify(b(""), b(stored))).isFalse();
    }

    @Test
    void unknownSchemeCannotHash() {
        assertThatThrownBy(() -> PasswordSchemes.hash("MD4", b("x"), 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pbkdf2MatchesRfc6070Vector() {
        // RFC 6070 test vector 2: "password" / "salt", 2 iterations, HMAC-SHA1.
        byte[] dk = Pbkdf2.derive("HmacSHA1", b("password"), b("salt"), 2, 20);
        assertThat(java.util.HexFormat.of().formatHex(dk)).isEqualTo("ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957");
    }
}
