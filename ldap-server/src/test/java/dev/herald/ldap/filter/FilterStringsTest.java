package dev.herald.ldap.filter;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.directory.api.ldap.model.filter.FilterParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FilterStringsTest {

    @ParameterizedTest
    @ValueSource(strings = {"(uid=bob)", "(&(objectClass=person)(|(cn=a*b*c)(!(sn=x))))", "(cn>=m)", "(cn<=m)",
        "(cn~=bob)", "(cn=*)", "(uid:caseExactMatch:=bob)", "(uid:dn:2.5.13.5:=bob)", "(:caseIgnoreMatch:=x)",
        "(cn=a\\2ab)", "(cn=*end)", "(cn=start*)"})
    void writesRfc4515Form(String filter) throws Exception {
        assertThat(FilterStrings.toString(FilterParser.parse(filter))).isEqualToIgnoringCase(filter);
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice", "ALICE SMITH", "x"})
    void substringMatchHonoursPositions(String ignored) {
        assertThat(FilterEvaluator.substringMatch("abcabc", "ab", java.util.List.of("ca"), "bc")).isTrue();
        assertThat(FilterEvaluator.substringMatch("abc", "ab", java.util.List.of(), "bc")).isFalse();
        assertThat(FilterEvaluator.substringMatch("abc", null, java.util.List.of("b", "a"), null)).isFalse();
    }
}
