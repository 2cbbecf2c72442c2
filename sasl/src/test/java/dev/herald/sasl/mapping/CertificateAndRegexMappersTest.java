package dev.herald.sasl.mapping;

import dev.herald.sasl.cert.SanType;
import dev.herald.sasl.directory.Scope;
import dev.herald.sasl.support.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.security.cert.X509Certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** certificate (exact userCertificate;binary match) and regex. */
class CertificateAndRegexMappersTest extends MappingFixture {
    private static final String UCB = MapperSpec.ExactCertificate.DEFAULT_ATTRIBUTE;

    private static MapperSpec exact(CandidateSource source, int max) {
        return new MapperSpec.ExactCertificate(opts("exact"), source, UCB, max);
    }

    private static MapperSpec byCn() {
        return exact(new CandidateSource.ValueSearch(new CertificateValue.SubjectAttribute("CN"), "cn", ALL), 16);
    }

    // --- certificate ---

    @Test
    void candidateWithoutTheCertificateDoesNotMap() throws Exception {
        X509Certificate presented = CA_A.leaf(cn("alice")).build();
        X509Certificate other = CA_A.leaf(cn("alice")).build();
        dir.addBinary(ALICE, UCB, other.getEncoded());
        MappingExplanation e = map(CA_A.chain(presented), byCn());
        assertThat(e.mappedDn()).isEmpty();
        assertThat(e.trials().get(0).result()).isEqualTo(TrialResult.NO_ENTRY);
        assertThat(e.trials().get(0).detail()).contains("2 candidate(s), none holds this certificate");
    }

    @Test
    void exactMatchPicksTheOnlyHolderAmongSameNamedCandidates() throws Exception {
        X509Certificate presented = CA_A.leaf(cn("alice")).build();
        dir.addBinary(ALICE, UCB, presented.getEncoded());
        MappingExplanation e = map(CA_A.chain(presented), byCn());
        assertThat(e.mappedDn()).contains(ALICE);
        assertThat(dir.calls).containsExactly(
                "search base=dc=example,dc=com scope=SUB filter=(cn=alice) limit=17",
                "values " + ALICE + " " + UCB,
                "values uid=alice,ou=partners,dc=example,dc=com " + UCB);
    }

    @Test
    void twoHoldersAreAmbiguous() throws Exception {
        X509Certificate presented = CA_A.leaf(cn("alice")).build();
        dir.addBinary(ALICE, UCB, presented.getEncoded());
        dir.addBinary("uid=alice,ou=partners,dc=example,dc=com", UCB, presented.getEncoded());
        assertThat(map(CA_A.chain(presented), byCn()).outcome()).isInstanceOf(MappingOutcome.Ambiguous.class);
    }

    @Test
    void tooManyCandidatesIsAmbiguousNotTruncated() throws Exception {
        X509Certificate presented = CA_A.leaf(cn("alice")).build();
        dir.addBinary(ALICE, UCB, presented.getEncoded());
        MappingExplanation e = map(CA_A.chain(presented),
                exact(new CandidateSource.ValueSearch(new CertificateValue.SubjectAttribute("CN"), "cn", ALL), 1));
        assertThat(e.outcome()).isInstanceOf(MappingOutcome.Ambiguous.class);
        assertThat(e.trials().get(0).detail()).contains("more than 1 candidates");
    }

    @Test
    void candidateBySubjectDn() throws Exception {
        X509Certificate presented = CA_A.leaf(TestPki.name("DC", "com", "DC", "example", "OU", "people", "UID", "bob")).build();
        MapperSpec s = exact(new CandidateSource.SubjectDnEntry(), 16);
        assertThat(map(CA_A.chain(presented), s).mappedDn()).isEmpty();
        dir.addBinary(BOB, UCB, presented.getEncoded());
        assertThat(map(CA_A.chain(presented), s).mappedDn()).contains(BOB);
    }

    @Test
    void candidateByCertificateSearchEscapesEveryDerOctet() throws Exception {
        X509Certificate presented = CA_A.leaf(cn("alice")).email("alice@example.com").build();
        dir.addBinary(BOB, UCB, presented.getEncoded());
        MappingExplanation e = map(CA_A.chain(presented), exact(new CandidateSource.CertificateSearch(PEOPLE), 16));
        assertThat(e.mappedDn()).contains(BOB);
        String filter = dir.filters().get(0);
        assertThat(filter).startsWith("(userCertificate;binary=0\\82").endsWith(")");
        assertThat(filter.substring(1, filter.length() - 1)).doesNotContain("(", ")", "*");
        assertThat(filter.chars().allMatch(c -> c >= 0x20 && c < 0x7f)).isTrue();
    }

    @Test
    void candidateBySan() throws Exception {
        X509Certificate presented = CA_A.leaf(cn("x")).email("bob@example.com").build();
        dir.addBinary(BOB, UCB, presented.getEncoded());
        assertThat(map(CA_A.chain(presented), exact(new CandidateSource.ValueSearch(
                new CertificateValue.SubjectAltName(SanType.RFC822_NAME), "mail", PEOPLE), 4)).mappedDn()).contains(BOB);
    }

    // --- regex ---

    private static MapperSpec regex(String pattern, String replacement) {
        return new MapperSpec.Regex(opts("rx"), pattern, replacement);
    }

    @Test
    void regexCaptureCannotAddAnRdn() {
        MappingExplanation e = map(chainA(cn("x,ou=admins")), regex("CN=(.+),O=Example", "cn=$1,dc=example,dc=com"));
        assertThat(dir.calls).containsExactly("exists cn=x\\,ou\\=admins,dc=example,dc=com");
        assertThat(e.mappedDn()).isEmpty();
    }

    @Test
    void naiveValueClassCannotCrossAnEscapedComma() {
        // [^,]+ stops at the escaped comma; the rest then cannot match "OU=admins" because '=' is escaped too.
        MappingExplanation e = map(chainA(TestPki.name("O", "Example", "CN", "x,OU=admins")),
                regex("CN=([^,]+),OU=admins,O=Example", "uid=admin,ou=admins,dc=example,dc=com"));
        assertThat(e.trials().get(0).result()).isEqualTo(TrialResult.NOT_APPLICABLE);
        assertThat(dir.calls).isEmpty();
    }

    @Test
    void regexCaptureCannotWidenASearch() {
        MapperSpec s = regex("CN=([^,]+),O=Example", "ldap:///ou=people,dc=example,dc=com??sub?(mail=$1@example.com)");
        assertThat(map(chainA(cn("*)(uid=*")), s).mappedDn()).isEmpty();
        assertThat(map(chainA(cn("*")), s).mappedDn()).isEmpty();
        assertThat(dir.filters()).containsExactly("(mail=\\2a\\29\\28uid=\\2a@example.com)", "(mail=\\2a@example.com)");
    }

    @Test
    void regexIsAnchoredOnBothEnds() {
        MapperSpec s = regex("CN=([^,]+),O=Example", "uid=$1,ou=people,dc=example,dc=com");
        assertThat(map(CA_A.chain(CA_A.leaf(TestPki.name("O", "Evil", "O", "Example", "CN", "alice")).build()), s)
                .trials().get(0).result()).isEqualTo(TrialResult.NOT_APPLICABLE);
        assertThat(map(CA_A.chain(CA_A.leaf(TestPki.name("O", "Example", "CN", "alice", "CN", "pre")).build()), s)
                .trials().get(0).result()).isEqualTo(TrialResult.NOT_APPLICABLE);
        assertThat(dir.calls).isEmpty();
    }

    @Test
    void regexRewritesToADnCaseInsensitively() {
        assertThat(map(chainA(cn("Alice")), regex("cn=([^,]+),o=example", "uid=$1,ou=people,dc=example,dc=com"))
                .mappedDn()).contains(ALICE);
        assertThat(dir.calls).containsExactly("exists uid=Alice,ou=people,dc=example,dc=com");
    }

    @Test
    void regexRewritesToASearch() {
        MapperSpec s = regex("CN=([^,]+),O=(.+)", "ldap:///ou=people,dc=example,dc=com??one?(&(mail=$1@example.com)(cn=*))");
        assertThat(map(chainA(cn("bob")), s).mappedDn()).contains(BOB);
        assertThat(dir.calls).containsExactly("search base=ou=people,dc=example,dc=com scope=ONE"
                + " filter=(&(mail=bob@example.com)(cn=*)) limit=2");
    }

    @Test
    void regexCapturesAreUnescapedBeforeReuse() {
        dir.add("uid=a+b,ou=people,dc=example,dc=com".replace("+", "\\+"));
        assertThat(map(chainA(cn("a+b")), regex("CN=([^,]+),O=Example", "uid=$1,ou=people,dc=example,dc=com"))
                .mappedDn()).contains("uid=a\\+b,ou=people,dc=example,dc=com");
        assertThat(dir.calls).containsExactly("exists uid=a\\+b,ou=people,dc=example,dc=com");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "CN=(.+)|uid=$2,dc=x|uses $2",
            "CN=(.+|uid=$1,dc=x|not a valid regular expression",
            "CN=(.+)|$1|invalid DN",
            "CN=(.+)|$1=x,dc=x|invalid DN",
            "CN=(.+)|ldap://host/dc=x??sub?(uid=$1)|names a host",
            "CN=(.+)|ldap:///dc=x??sub?(uid=*$1*)|substring",
            "CN=(.+)|ldap:///dc=x??sub?($1=x)|attribute description",
            "CN=(.+)|ldap:///dc=x??sub?(uid=$x)|$x",
            "CN=(.+)|ldap:///dc=x??sub?(uid=$1)(cn=a)|unexpected text",
    })
    void badRegexSpecsAreRefusedWithTheReason(String pattern, String replacement, String message) {
        assertThatThrownBy(() -> regex(pattern, replacement)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rx").hasMessageContaining(message);
    }

    @Test
    void otherSpecValidation() {
        assertThatThrownBy(() -> new MapperSpec.SubjectAttribute(opts("m"), "CN", "uid)(x", PEOPLE))
                .hasMessageContaining("entry attribute");
        assertThatThrownBy(() -> new MapperSpec.SubjectAttribute(opts("m"), "nickname", "uid", PEOPLE))
                .hasMessageContaining("unknown certificate attribute");
        assertThatThrownBy(() -> new SearchBase("ou=people,,dc=x", Scope.SUB)).hasMessageContaining("search base");
        assertThatThrownBy(() -> MapperOptions.named("bad name")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MapperSpec.ExactCertificate(opts("m"), new CandidateSource.SubjectDnEntry(), UCB, 0))
                .hasMessageContaining("max candidates");
        assertThatThrownBy(() -> new CertificateMapper(java.util.List.of(cnToUid("same", PEOPLE), cnToUid("same", ALL)), dir))
                .hasMessageContaining("two mappers are named 'same'");
        assertThat(MapperType.fromConfigName("Subject-Alt-Name")).isEqualTo(MapperType.SUBJECT_ALT_NAME);
        assertThatThrownBy(() -> MapperType.fromConfigName("cn")).hasMessageContaining("unknown mapper type");
        assertThat(new MapperSpec.SubjectAttribute(opts("m"), "2.5.4.3", "uid", PEOPLE).certificateAttribute())
                .isEqualTo("2.5.4.3");
    }
}
