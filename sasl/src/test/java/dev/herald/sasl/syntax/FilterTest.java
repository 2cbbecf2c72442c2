package dev.herald.sasl.syntax;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FilterTest {

    // --- negative first ---

    @Test
    void injectionShapedValuesAreEscaped() {
        assertThat(Filter.equality("uid", "*)(uid=*").toString()).isEqualTo("(uid=\\2a\\29\\28uid=\\2a)");
        assertThat(Filter.equality("uid", "alice)(|(uid=*").toString()).isEqualTo("(uid=alice\\29\\28|\\28uid=\\2a)");
        assertThat(Filter.equality("cn", "a\\b").toString()).isEqualTo("(cn=a\\5cb)");
        assertThat(Filter.equality("cn", "nul\u0000x").toString()).isEqualTo("(cn=nul\\00x)");
        assertThat(Filter.equality("cn", "line\nbreak\u007f").toString()).isEqualTo("(cn=line\\0abreak\\7f)");
        assertThat(Filter.equality("cn", "*").toString()).isEqualTo("(cn=\\2a)");
        assertThat(Filter.equality("cn", "").toString()).isEqualTo("(cn=)");
    }

    @Test
    void nonAsciiTextStaysReadableAndBinaryIsHexEscaped() {
        assertThat(Filter.equality("sn", "Lučić").toString()).isEqualTo("(sn=Lučić)");
        byte[] der = {0x30, (byte) 0x82, 0x01, 0x2a, 0x41};
        assertThat(new Filter.Equality("userCertificate;binary", der).toString())
                .isEqualTo("(userCertificate;binary=0\\82\\01\\2aA)");
    }

    @Test
    void attributeNamesAreValidated() {
        assertThatThrownBy(() -> Filter.equality("uid=*)(cn", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Filter.equality("", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Filter.Present("a b")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "uid=a", "(uid=a", "(uid=a))", "(uid=a*)", "(uid=*a*)", "(uid>=a)", "(uid<=a)",
            "(uid~=a)", "(uid:caseExactMatch:=a)", "(&)", "(|)", "(!)", "(uid=\\2)", "(uid=\\zz)", "(uid=a(b)",
            "(=a)", "(u id=a)", "(uid=a)(uid=b)"})
    void unsupportedOrMalformedFiltersAreRefused(String text) {
        assertThatThrownBy(() -> Filter.parse(text)).isInstanceOf(SyntaxException.class);
    }

    @Test
    void deepNestingIsRefused() {
        String deep = "(!".repeat(40) + "(a=b)" + ")".repeat(40);
        assertThatThrownBy(() -> Filter.parse(deep)).isInstanceOf(SyntaxException.class).hasMessageContaining("nests");
    }

    // --- positive ---

    @Test
    void parsesAndRendersTheSupportedSubset() throws SyntaxException {
        String text = "(&(objectClass=person)(|(uid=a\\2ab)(mail=x@y))(!(cn=*)))";
        Filter f = Filter.parse(text);
        assertThat(f.toString()).isEqualTo(text);
        assertThat(f.equalities()).hasSize(3);
        assertThat(f.equalities().get(1).text()).contains("a*b");
        assertThat(Filter.parse("(cn=Lu\\c4\\8di\\c4\\87)").equalities().get(0).text()).contains("Lučić");
    }

    @Test
    void anyOfDeduplicates() {
        assertThat(Filter.anyOf("mail", List.of("a@x", "b@x", "a@x")).toString()).isEqualTo("(|(mail=a@x)(mail=b@x))");
        assertThat(Filter.anyOf("mail", List.of("a@x")).toString()).isEqualTo("(mail=a@x)");
    }

    @Test
    void equalityDefendsItsBytes() {
        byte[] v = "abc".getBytes(StandardCharsets.UTF_8);
        Filter.Equality e = new Filter.Equality("cn", v);
        v[0] = '*';
        e.value()[1] = '*';
        assertThat(e.toString()).isEqualTo("(cn=abc)");
    }
}
