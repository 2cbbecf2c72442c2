package dev.herald.sasl.mapping;

import dev.herald.sasl.directory.DirectoryException;
import dev.herald.sasl.support.TestPki;
import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Chain order, decisions, issuer scoping and explanations. */
class MapperChainTest extends MappingFixture {
    private static final SearchBase PARTNERS = SearchBase.subtree("ou=partners,dc=example,dc=com");

    // --- issuer scoping (negative first) ---

    @Test
    void certificateFromSameNamedCaBIsNotAUserOfCaA() {
        MapperSpec forA = new MapperSpec.SubjectAttribute(opts("a-people").issuedBy(CA_A.certificate()), "CN", "uid", PEOPLE);
        List<X509Certificate> fromB = CA_B.chain(CA_B.leaf(cn("alice")).build());
        MappingExplanation e = map(fromB, forA);
        assertThat(e.mappedDn()).isEmpty();
        assertThat(e.trials().get(0).result()).isEqualTo(TrialResult.SKIPPED_ISSUER);
        assertThat(dir.calls).isEmpty();
        assertThat(map(CA_A.chain(CA_A.leaf(cn("alice")).build()), forA).mappedDn()).contains(ALICE);
    }

    @Test
    void eachCaMapsIntoItsOwnSubtree() {
        MapperSpec forA = new MapperSpec.SubjectAttribute(opts("a").issuedBy(CA_A.certificate()), "CN", "uid", PEOPLE);
        MapperSpec forB = new MapperSpec.SubjectAttribute(opts("b").issuedBy(CA_B.certificate()), "CN", "uid", PARTNERS);
        assertThat(map(CA_B.chain(CA_B.leaf(cn("alice")).build()), forA, forB).mappedDn())
                .contains("uid=alice,ou=partners,dc=example,dc=com");
        assertThat(map(CA_A.chain(CA_A.leaf(cn("alice")).build()), forA, forB).mappedDn()).contains(ALICE);
    }

    @Test
    void aChainListingCaAAboveALeafFromCaBIsRefused() {
        MapperSpec forA = new MapperSpec.SubjectAttribute(opts("a").issuedBy(CA_A.certificate()), "CN", "uid", PEOPLE);
        X509Certificate fromB = CA_B.leaf(cn("alice")).build();
        MappingExplanation e = map(List.of(fromB, CA_A.certificate()), forA);
        assertThat(e.outcome()).isInstanceOf(MappingOutcome.Failed.class);
        assertThat(((MappingOutcome.Failed) e.outcome()).reason()).contains("not an issuer-linked path");
        assertThat(dir.calls).isEmpty();
    }

    @Test
    void scopeToARootCoversItsIntermediates() {
        TestPki.Ca issuing = CA_A.intermediate("CN=Issuing CA,O=Herald");
        MapperSpec forRoot = new MapperSpec.SubjectAttribute(opts("root").issuedBy(CA_A.certificate()), "CN", "uid", PEOPLE);
        MapperSpec forIssuing = new MapperSpec.SubjectAttribute(opts("mid").issuedBy(issuing.certificate()), "CN", "uid", PEOPLE);
        List<X509Certificate> chain = issuing.chain(issuing.leaf(cn("bob")).build());
        assertThat(chain).hasSize(3);
        assertThat(map(chain, forRoot).mappedDn()).contains(BOB);
        assertThat(map(chain, forIssuing).mappedDn()).contains(BOB);
        assertThat(map(CA_A.chain(CA_A.leaf(cn("bob")).build()), forIssuing).mappedDn()).isEmpty();
    }

    @Test
    void aSingleCertificateChainPassesNoIssuerRestriction() {
        MapperSpec forA = new MapperSpec.SubjectAttribute(opts("a").issuedBy(CA_A.certificate()), "CN", "uid", PEOPLE);
        assertThat(map(List.of(CA_A.certificate()), forA).trials().get(0).result()).isEqualTo(TrialResult.SKIPPED_ISSUER);
    }

    // --- decisions ---

    @Test
    void noEntryTriesTheNextMapperUnlessToldToStop() {
        MapperSpec first = new MapperSpec.SubjectAttribute(opts("mail"), "CN", "mail", PEOPLE);
        MappingExplanation e = map(chainA(cn("bob")), first, cnToUid("uid", PEOPLE));
        assertThat(e.outcome()).isEqualTo(new MappingOutcome.Mapped(BOB, 2, "uid"));

        MapperSpec stopping = new MapperSpec.SubjectAttribute(opts("mail").whenNoEntry(WhenNoEntry.FAIL), "CN", "mail", PEOPLE);
        MappingExplanation s = map(chainA(cn("bob")), stopping, cnToUid("uid", PEOPLE));
        assertThat(s.outcome()).isInstanceOf(MappingOutcome.NotMapped.class);
        assertThat(s.trials()).hasSize(1);
    }

    @Test
    void lookupFailureFailsClosed() {
        dir.failWith(new DirectoryException("backend down"));
        MappingExplanation e = map(chainA(cn("bob")), cnToUid("uid", PEOPLE), new MapperSpec.SubjectDn(opts("dn"), Optional.empty()));
        assertThat(e.outcome()).isInstanceOf(MappingOutcome.Failed.class);
        assertThat(e.trials()).hasSize(1);
        assertThat(e.trials().get(0).detail()).contains("backend down");
    }

    @Test
    void aLookupReturningEntriesOutsideTheBaseIsAnError() {
        dev.herald.sasl.directory.DirectoryLookup liar = new dev.herald.sasl.directory.DirectoryLookup() {
            @Override
            public Optional<String> exists(String dn) {
                return Optional.empty();
            }

            @Override
            public List<String> search(String baseDn, dev.herald.sasl.directory.Scope scope, String filter, int limit) {
                return List.of("uid=admin,ou=admins,dc=example,dc=com");
            }

            @Override
            public List<byte[]> values(String dn, String attribute) {
                return List.of();
            }
        };
        MappingExplanation e = new CertificateMapper(List.of(cnToUid("uid", PEOPLE)), liar).map(chainA(cn("bob")));
        assertThat(e.outcome()).isInstanceOf(MappingOutcome.Failed.class);
    }

    @Test
    void emptyChainsAndNoMappers() {
        assertThat(map(List.of(), cnToUid("uid", PEOPLE)).outcome()).isInstanceOf(MappingOutcome.Failed.class);
        assertThat(map(chainA(cn("bob"))).outcome()).isEqualTo(
                new MappingOutcome.NotMapped("no certificate mappers are configured"));
    }

    // --- explanations ---

    @Test
    void explainEvaluatesEveryMapperButKeepsTheDecision() {
        MapperSpec forB = new MapperSpec.SubjectAttribute(opts("b-only").issuedBy(CA_B.certificate()), "CN", "uid", PEOPLE);
        MapperSpec uid = new MapperSpec.SubjectAttribute(opts("by-uid"), "UID", "uid", PEOPLE);
        MapperSpec cnUid = cnToUid("by-cn", PEOPLE);
        MapperSpec cnCn = new MapperSpec.SubjectAttribute(opts("by-cn-any"), "CN", "cn", ALL);
        List<X509Certificate> chain = chainA(cn("alice"));
        CertificateMapper m = new CertificateMapper(List.of(forB, uid, cnUid, cnCn), dir);
        MappingExplanation mapped = m.map(chain);
        MappingExplanation explained = m.explain(chain);
        assertThat(explained.outcome()).isEqualTo(mapped.outcome()).isEqualTo(new MappingOutcome.Mapped(ALICE, 3, "by-cn"));
        assertThat(mapped.trials()).hasSize(3);
        assertThat(explained.trials()).hasSize(4);
        assertThat(explained.trials().get(3).afterDecision()).isTrue();
        assertThat(explained.trials().get(3).result()).isEqualTo(TrialResult.AMBIGUOUS);

        List<String> lines = explained.lines();
        // TestPki's CA names are encoded CN first, so their RFC 4514 form starts with O=.
        assertThat(lines.get(0)).startsWith("certificate subject=\"CN=alice,O=Example\" issuer=\"O=Herald,CN=Herald Test CA\" sha256=");
        assertThat(lines.get(1)).startsWith("[1] b-only (subject-attribute): skipped: issuer: the chain does not pass through issuer CA \"O=Herald,CN=Herald Test CA\" (sha256 ");
        assertThat(lines.get(2)).isEqualTo("[2] by-uid (subject-attribute): not applicable: the subject has no UID");
        assertThat(lines.get(3)).isEqualTo("[3] by-cn (subject-attribute): mapped: search base=\"ou=people,dc=example,dc=com\""
                + " scope=sub filter=\"(uid=alice)\" found 1 entry: \"" + ALICE + "\"");
        assertThat(lines.get(4)).startsWith("[4] by-cn-any (subject-attribute): after the decision, would be ambiguous: ");
        assertThat(lines.get(5)).isEqualTo("result: mapped to \"" + ALICE + "\" by [3] by-cn");
        assertThat(mapped.summary()).endsWith("-> mapped to \"" + ALICE + "\" by [3] by-cn ([1] b-only: skipped: issuer;"
                + " [2] by-uid: not applicable; [3] by-cn: mapped)");
    }

    @Test
    void explanationsAreLogSafe() {
        MappingExplanation e = map(chainA(cn("evil\u2028line\u202e\u0085")), cnToUid("uid", PEOPLE));
        for (String line : e.lines()) {
            assertThat(line).doesNotContain("\u2028", "\u202e", "\u0085", "\n", "\r");
        }
        assertThat(e.summary()).contains("\\u{2028}").contains("\\u{202E}").contains("\\u{85}");
    }
}
