package dev.herald.sasl.mapping;

import dev.herald.sasl.cert.FingerprintFormat;
import dev.herald.sasl.cert.SanType;
import dev.herald.sasl.support.TestPki;
import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** subject-dn, subject-attribute, subject-dn-attribute, fingerprint, subject-alt-name. */
class SubjectMappersTest extends MappingFixture {

    private static MapperSpec subjectDn() {
        return new MapperSpec.SubjectDn(opts("dn"), Optional.empty());
    }

    // --- subject-dn ---

    @Test
    void subjectDnWithEscapedCommaDoesNotNameAnotherEntry() {
        MappingExplanation e = map(chainA(TestPki.name("DC", "com", "DC", "example", "CN", "x,ou=admins")), subjectDn());
        assertThat(dir.calls).containsExactly("exists CN=x\\,ou\\=admins,DC=example,DC=com");
        assertThat(e.outcome()).isInstanceOf(MappingOutcome.NotMapped.class);
    }

    @Test
    void subjectDnInX500OrderIsNotReversedToFindAnEntry() {
        // A CA that encoded the name "backwards" gets the backwards DN, never a second guess.
        MappingExplanation e = map(chainA(TestPki.name("UID", "alice", "OU", "people", "DC", "example", "DC", "com")),
                subjectDn());
        assertThat(dir.calls).containsExactly("exists DC=com,DC=example,OU=people,UID=alice");
        assertThat(e.mappedDn()).isEmpty();
    }

    @Test
    void subjectDnMapsAnEntryWithTheSameDn() {
        MappingExplanation e = map(chainA(TestPki.name("DC", "com", "DC", "example", "OU", "people", "UID", "alice")),
                subjectDn());
        assertThat(e.mappedDn()).contains(ALICE);
    }

    @Test
    void subjectDnOutsideWithinIsNotUsed() {
        MapperSpec s = new MapperSpec.SubjectDn(opts("dn"), Optional.of("ou=people,dc=example,dc=com"));
        MappingExplanation e = map(chainA(TestPki.name("DC", "com", "DC", "example", "OU", "admins", "UID", "admin")), s);
        assertThat(dir.calls).isEmpty();
        assertThat(e.trials().get(0).result()).isEqualTo(TrialResult.NOT_APPLICABLE);
        assertThat(map(chainA(TestPki.name("DC", "com", "DC", "example", "OU", "people", "UID", "alice")), s).mappedDn())
                .contains(ALICE);
    }

    @Test
    void emptySubjectIsNotApplicable() {
        // RFC 5280 §4.1.2.6: an empty subject needs a subjectAltName.
        MappingExplanation e = map(CA_A.chain(CA_A.leaf(TestPki.name()).email("x@example.com").build()), subjectDn());
        assertThat(e.trials().get(0).result()).isEqualTo(TrialResult.NOT_APPLICABLE);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "x,ou=admins|x\\,ou\\=admins",
            "a+cn=b|a\\+cn\\=b",
            "#41|\\#41",
            "\" alice\"|\\ alice",
            "\"alice \"|\"alice\\ \"",
            "ali\\ce|ali\\\\ce",
            "*)(uid=*|*)(uid\\=*",
            "a;b<c>\"d|a\\;b\\<c\\>\\\"d",
    })
    void injectionShapedValuesStayOneRdnValueInEveryDn(String cnValue, String escaped) {
        org.bouncycastle.asn1.x500.X500Name subject = TestPki.name("DC", "com", "DC", "example", "CN", cnValue);
        map(chainA(subject), subjectDn(),
                new MapperSpec.Regex(opts("rx"), "CN=(.+),DC=example,DC=com", "uid=$1,ou=people,dc=example,dc=com"));
        assertThat(dir.calls).containsExactly(
                "exists CN=" + escaped + ",DC=example,DC=com",
                "exists uid=" + escaped + ",ou=people,dc=example,dc=com");
    }

    @Test
    void nulInASubjectValueIsEscapedInDns() {
        map(chainA(TestPki.name("DC", "com", "CN", "alice\u0000")), subjectDn());
        assertThat(dir.calls).containsExactly("exists CN=alice\\00,DC=com");
    }

    // --- subject-attribute: injection-shaped values never widen the search ---

    @Test
    void wildcardAndParenthesesInCnAreEscaped() {
        MappingExplanation e = map(chainA(cn("*)(uid=*")), cnToUid("cn", ALL));
        assertThat(dir.filters()).containsExactly("(uid=\\2a\\29\\28uid=\\2a)");
        assertThat(e.mappedDn()).isEmpty();
        assertThat(e.trials().get(0).result()).isEqualTo(TrialResult.NO_ENTRY);
    }

    @Test
    void orInjectionInCnIsEscaped() {
        map(chainA(cn("alice)(|(uid=*")), cnToUid("cn", ALL));
        assertThat(dir.filters()).containsExactly("(uid=alice\\29\\28|\\28uid=\\2a)");
    }

    @Test
    void lonelyStarNulAndBackslashAreEscaped() {
        assertThat(map(chainA(cn("*")), cnToUid("cn", ALL)).mappedDn()).isEmpty();
        assertThat(map(chainA(cn("alice\u0000")), cnToUid("cn", ALL)).mappedDn()).isEmpty();
        assertThat(map(chainA(cn("al\\69ce")), cnToUid("cn", ALL)).mappedDn()).isEmpty();
        assertThat(dir.filters()).containsExactly("(uid=\\2a)", "(uid=alice\\00)", "(uid=al\\5c69ce)");
    }

    @Test
    void cnMapsToUid() {
        assertThat(map(chainA(cn("alice")), cnToUid("cn", PEOPLE)).mappedDn()).contains(ALICE);
        assertThat(dir.calls).containsExactly(
                "search base=ou=people,dc=example,dc=com scope=SUB filter=(uid=alice) limit=2");
    }

    @Test
    void emailAddressMapsToMail() {
        MapperSpec s = new MapperSpec.SubjectAttribute(opts("email"), "emailAddress", "mail", PEOPLE);
        assertThat(map(chainA(TestPki.name("O", "Example", "CN", "Alice", "EMAILADDRESS", "bob@example.com")), s)
                .mappedDn()).contains(BOB);
    }

    @Test
    void missingAttributeFallsThroughToTheNextMapper() {
        MapperSpec uid = new MapperSpec.SubjectAttribute(opts("uid"), "UID", "uid", PEOPLE);
        MappingExplanation e = map(chainA(cn("bob")), uid, cnToUid("cn", PEOPLE));
        assertThat(e.trials()).extracting(MapperTrial::result)
                .containsExactly(TrialResult.NOT_APPLICABLE, TrialResult.MAPPED);
        assertThat(e.trials().get(0).detail()).isEqualTo("the subject has no UID");
        assertThat(e.mappedDn()).contains(BOB);
    }

    @Test
    void severalSubjectValuesThatLeadToDifferentEntriesAreAmbiguous() {
        MappingExplanation e = map(chainA(TestPki.name("O", "Example", "CN", "alice", "CN", "bob")),
                cnToUid("cn", PEOPLE), new MapperSpec.SubjectDn(opts("dn"), Optional.empty()));
        assertThat(dir.filters()).containsExactly("(|(uid=bob)(uid=alice))");
        assertThat(e.outcome()).isEqualTo(new MappingOutcome.Ambiguous(1, "cn"));
        assertThat(e.trials()).hasSize(1);
    }

    @Test
    void twoEntriesWithTheSameValueAreAmbiguousNeverOnePicked() {
        // "alice" is the cn of uid=alice in people and in partners.
        MapperSpec s = new MapperSpec.SubjectAttribute(opts("cn-cn"), "CN", "cn", ALL);
        MappingExplanation e = map(chainA(cn("alice")), s, cnToUid("fallback", PEOPLE));
        assertThat(e.outcome()).isInstanceOf(MappingOutcome.Ambiguous.class);
        assertThat(e.mappedDn()).isEmpty();
        assertThat(dir.calls).hasSize(1);
    }

    @Test
    void nonStringSubjectValueIsNotApplicable() {
        MappingExplanation e = map(CA_A.chain(CA_A.leaf(TestPki.rawName("CN", new org.bouncycastle.asn1.ASN1Integer(7))).build()),
                cnToUid("cn", PEOPLE));
        assertThat(e.trials().get(0).detail()).contains("not a character string");
    }

    // --- subject-dn-attribute ---

    @Test
    void subjectDnAttributeSearchesTheRenderedSubject() {
        MapperSpec s = new MapperSpec.SubjectDnAttribute(opts("sdn"), "certSubject", PEOPLE);
        assertThat(map(chainA(cn("alice")), s).mappedDn()).contains(ALICE);
        map(chainA(cn("*)(certSubject=*")), s);
        assertThat(dir.filters()).containsExactly("(certSubject=CN=alice,O=Example)",
                "(certSubject=CN=\\2a\\29\\28certSubject\\5c=\\2a,O=Example)");
    }

    // --- fingerprint ---

    @Test
    void fingerprintMapsInEachFormat() throws Exception {
        X509Certificate leaf = CA_A.leaf(cn("carol")).build();
        String colon = new dev.herald.sasl.cert.ClientCertificateProbe(leaf).fingerprint(FingerprintFormat.COLON_HEX);
        dir.add("uid=carol,ou=people,dc=example,dc=com", "certFingerprint", colon);
        MapperSpec hex = new MapperSpec.Fingerprint(opts("fp-hex"), FingerprintFormat.HEX, "certFingerprint", PEOPLE);
        MapperSpec col = new MapperSpec.Fingerprint(opts("fp-colon"), FingerprintFormat.COLON_HEX, "certFingerprint", PEOPLE);
        MappingExplanation e = map(CA_A.chain(leaf), hex, col);
        assertThat(e.trials()).extracting(MapperTrial::result).containsExactly(TrialResult.NO_ENTRY, TrialResult.MAPPED);
        assertThat(e.mappedDn()).contains("uid=carol,ou=people,dc=example,dc=com");
        assertThat(dir.filters().get(1)).isEqualTo("(certFingerprint=" + colon + ")");
    }

    // --- subject-alt-name ---

    @Test
    void sanEmailsMustAllLeadToOneEntry() {
        MapperSpec s = new MapperSpec.SubjectAltName(opts("san"), SanType.RFC822_NAME, "mail", PEOPLE);
        assertThat(map(CA_A.chain(CA_A.leaf(cn("x")).email("alice@example.com").email("a@example.com").build()), s)
                .mappedDn()).contains(ALICE);
        assertThat(map(CA_A.chain(CA_A.leaf(cn("x")).email("alice@example.com").email("bob@example.com").build()), s)
                .outcome()).isInstanceOf(MappingOutcome.Ambiguous.class);
    }

    @Test
    void sanInjectionIsEscaped() {
        MapperSpec s = new MapperSpec.SubjectAltName(opts("san"), SanType.RFC822_NAME, "mail", PEOPLE);
        assertThat(map(CA_A.chain(CA_A.leaf(cn("x")).email("*)(mail=*").build()), s).mappedDn()).isEmpty();
        assertThat(dir.filters()).containsExactly("(mail=\\2a\\29\\28mail=\\2a)");
    }

    @Test
    void sanUpnDnsAndUri() {
        dir.add("cn=host1,ou=people,dc=example,dc=com", "dNSName", "host1.example.com",
                "labeledURI", "https://id.example.com/host1");
        assertThat(map(CA_A.chain(CA_A.leaf(cn("x")).upn("alice@corp.example").build()),
                new MapperSpec.SubjectAltName(opts("upn"), SanType.UPN, "userPrincipalName", PEOPLE)).mappedDn())
                .contains(ALICE);
        assertThat(map(CA_A.chain(CA_A.leaf(cn("x")).dns("host1.example.com").build()),
                new MapperSpec.SubjectAltName(opts("dns"), SanType.DNS_NAME, "dNSName", PEOPLE)).mappedDn())
                .contains("cn=host1,ou=people,dc=example,dc=com");
        assertThat(map(CA_A.chain(CA_A.leaf(cn("x")).uri("https://id.example.com/host1").build()),
                new MapperSpec.SubjectAltName(opts("uri"), SanType.URI, "labeledURI", PEOPLE)).mappedDn())
                .contains("cn=host1,ou=people,dc=example,dc=com");
        MappingExplanation none = map(CA_A.chain(CA_A.leaf(cn("x")).email("alice@example.com").build()),
                new MapperSpec.SubjectAltName(opts("upn"), SanType.UPN, "userPrincipalName", PEOPLE));
        assertThat(none.trials().get(0).detail()).isEqualTo("the certificate has no subjectAltName userPrincipalName");
    }

    @Test
    void tooManyValuesIsAFailureNotATruncation() {
        TestPki.LeafBuilder b = CA_A.leaf(cn("x"));
        for (int i = 0; i < 17; i++) {
            b.email("u" + i + "@example.com");
        }
        MappingExplanation e = map(CA_A.chain(b.build()),
                new MapperSpec.SubjectAltName(opts("san"), SanType.RFC822_NAME, "mail", PEOPLE), cnToUid("cn", PEOPLE));
        assertThat(e.outcome()).isInstanceOf(MappingOutcome.Ambiguous.class);
        assertThat(dir.calls).isEmpty();
        assertThat(List.of(e.trials().get(0).detail())).allMatch(d -> d.contains("more than 16"));
    }
}
