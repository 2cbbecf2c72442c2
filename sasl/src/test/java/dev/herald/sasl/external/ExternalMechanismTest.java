package dev.herald.sasl.external;

import dev.herald.sasl.AuthenticatedIdentity;
import dev.herald.sasl.SaslContext;
import dev.herald.sasl.SaslFailure;
import dev.herald.sasl.SaslServices;
import dev.herald.sasl.SaslSession;
import dev.herald.sasl.SaslStep;
import dev.herald.sasl.authz.AuthorizationPolicy;
import dev.herald.sasl.authz.UsernameMapping;
import dev.herald.sasl.directory.DirectoryException;
import dev.herald.sasl.mapping.MapperOptions;
import dev.herald.sasl.mapping.MapperSpec;
import dev.herald.sasl.mapping.SearchBase;
import dev.herald.sasl.support.FakeDirectory;
import dev.herald.sasl.support.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ExternalMechanismTest {
    private static final TestPki.Ca CA = TestPki.ca("CN=Herald Test CA");
    private static final TestPki.Ca OTHER_CA = TestPki.ca("CN=Herald Test CA");
    private static final String ALICE = "uid=alice,ou=people,dc=example,dc=com";
    private static final String BOB = "uid=bob,ou=people,dc=example,dc=com";
    private static final String PROXY = "cn=proxy,ou=services,dc=example,dc=com";
    private static final SearchBase PEOPLE = SearchBase.subtree("ou=people,dc=example,dc=com");

    private final FakeDirectory dir = new FakeDirectory()
            .add("dc=example,dc=com").add("ou=people,dc=example,dc=com").add("ou=services,dc=example,dc=com")
            .add(ALICE, "cn", "alice").add(BOB, "cn", "bob")
            .add("uid=twin1,ou=people,dc=example,dc=com", "cn", "twin")
            .add("uid=twin2,ou=people,dc=example,dc=com", "cn", "twin")
            .add(PROXY, "authzTo", "dn.subtree:ou=people,dc=example,dc=com");

    private AuthorizationPolicy policy = new AuthorizationPolicy(Optional.of("authzTo"), Optional.empty(), List.of(), true);
    private Optional<UsernameMapping> usernames = Optional.of(new UsernameMapping("uid", PEOPLE));

    private SaslServices services() {
        List<MapperSpec> mappers = List.of(
                new MapperSpec.SubjectAttribute(MapperOptions.named("cn-uid").issuedBy(CA.certificate()), "CN", "uid", PEOPLE),
                new MapperSpec.SubjectAttribute(MapperOptions.named("cn-cn").issuedBy(CA.certificate()), "CN", "cn",
                        SearchBase.subtree("dc=example,dc=com")));
        return SaslServices.create(dir, mappers, policy, usernames);
    }

    private static List<X509Certificate> chain(String cn) {
        return CA.chain(CA.leaf(TestPki.name("O", "Example", "CN", cn)).build());
    }

    private SaslStep bind(Optional<List<X509Certificate>> chain, byte[] credentials) {
        return new ExternalMechanism().newSession(new SaslContext(chain, services())).step(credentials);
    }

    private SaslStep bind(String cn, String authzId) {
        return bind(Optional.of(chain(cn)), authzId == null ? null : authzId.getBytes(StandardCharsets.UTF_8));
    }

    private static SaslStep.Failure failure(SaslStep s) {
        assertThat(s).isInstanceOf(SaslStep.Failure.class);
        return (SaslStep.Failure) s;
    }

    private static AuthenticatedIdentity success(SaslStep s) {
        assertThat(s).isInstanceOf(SaslStep.Success.class);
        assertThat(((SaslStep.Success) s).serverCredentials()).isEmpty();
        return ((SaslStep.Success) s).identity();
    }

    // --- negative first ---

    @Test
    void withoutAVerifiedChainItIsInappropriateAuthentication() {
        for (Optional<List<X509Certificate>> none : List.of(Optional.<List<X509Certificate>>empty(), Optional.of(List.<X509Certificate>of()))) {
            for (byte[] creds : new byte[][]{null, new byte[0], "dn:uid=alice,ou=people,dc=example,dc=com".getBytes(StandardCharsets.UTF_8)}) {
                SaslStep.Failure f = failure(bind(none, creds));
                assertThat(f.reason()).isEqualTo(SaslFailure.INAPPROPRIATE_AUTHENTICATION);
                assertThat(f.reason().ldapResultCode()).isEqualTo(48);
            }
        }
        assertThat(dir.calls).isEmpty();
    }

    @Test
    void unmappedCertificateIsInvalidCredentials() {
        SaslStep.Failure f = failure(bind("nobody", null));
        assertThat(f.reason()).isEqualTo(SaslFailure.INVALID_CREDENTIALS);
        assertThat(f.reason().ldapResultCode()).isEqualTo(49);
        assertThat(f.diagnosticMessage()).isEqualTo(ExternalSession.NOT_MAPPED);
        assertThat(f.logDetail()).contains("not mapped").contains("(uid=nobody)").contains("(cn=nobody)");
    }

    @Test
    void ambiguousCertificateIsInvalidCredentialsNeverOneOfThem() {
        SaslStep.Failure f = failure(bind("twin", null));
        assertThat(f.reason()).isEqualTo(SaslFailure.INVALID_CREDENTIALS);
        assertThat(f.diagnosticMessage()).isEqualTo(ExternalSession.NOT_MAPPED);
        assertThat(f.diagnosticMessage()).doesNotContain("twin1", "twin2");
        assertThat(f.logDetail()).contains("ambiguous");
    }

    @Test
    void certificateFromAnotherCaWithTheSameNameDoesNotMap() {
        List<X509Certificate> fromOther = OTHER_CA.chain(OTHER_CA.leaf(TestPki.name("O", "Example", "CN", "alice")).build());
        assertThat(failure(bind(Optional.of(fromOther), null)).reason()).isEqualTo(SaslFailure.INVALID_CREDENTIALS);
        assertThat(dir.calls).isEmpty();
    }

    @Test
    void lookupFailureIsOther() {
        dir.failWith(new DirectoryException("backend down"));
        SaslStep.Failure f = failure(bind("alice", null));
        assertThat(f.reason()).isEqualTo(SaslFailure.OTHER);
        assertThat(f.reason().ldapResultCode()).isEqualTo(80);
        assertThat(f.diagnosticMessage()).doesNotContain("backend");
        assertThat(f.logDetail()).contains("backend down");
    }

    @Test
    void misorderedChainIsOther() {
        X509Certificate fromOther = OTHER_CA.leaf(TestPki.name("O", "Example", "CN", "alice")).build();
        SaslStep.Failure f = failure(bind(Optional.of(List.of(fromOther, CA.certificate())), null));
        assertThat(f.reason()).isEqualTo(SaslFailure.OTHER);
        assertThat(dir.calls).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dn:uid=alice,,dc=x", "dn:uid=alice\\", "dn:", "x:alice", "uid=alice", "dn.exact:uid=alice",
            "u:", "u:\u0007", "DN uid=alice"})
    void malformedAuthzIdIsInvalidCredentialsBeforeAnyLookup(String authzId) {
        SaslStep.Failure f = failure(bind("alice", authzId));
        assertThat(f.reason()).isEqualTo(SaslFailure.INVALID_CREDENTIALS);
        assertThat(f.diagnosticMessage()).startsWith("malformed authorization identity");
        assertThat(dir.calls).isEmpty();
    }

    @Test
    void nulAndInvalidUtf8AuthzIdsAreInvalidCredentials() {
        for (byte[] bad : new byte[][]{{'d', 'n', ':', 'u', 'i', 'd', '=', 'a', 0},
                {'u', ':', (byte) 0xFF}, {'u', ':', (byte) 0xC0, (byte) 0x80}}) {
            SaslStep.Failure f = failure(bind(Optional.of(chain("alice")), bad));
            assertThat(f.reason()).isEqualTo(SaslFailure.INVALID_CREDENTIALS);
        }
        assertThat(dir.calls).isEmpty();
    }

    @Test
    void anotherIdentityWithoutARuleIsRefused() {
        SaslStep.Failure f = failure(bind("alice", "dn:" + BOB));
        assertThat(f.reason()).isEqualTo(SaslFailure.INVALID_CREDENTIALS);
        assertThat(f.diagnosticMessage()).isEqualTo(ExternalSession.NOT_AUTHORIZED);
        assertThat(f.logDetail()).contains("no authorization rule lets");
        assertThat(failure(bind("alice", "u:bob")).diagnosticMessage()).isEqualTo(ExternalSession.NOT_AUTHORIZED);
    }

    @Test
    void proxyOutsideItsAuthzToIsRefused() {
        assertThat(failure(bind("proxy", "dn:dc=example,dc=com")).reason()).isEqualTo(SaslFailure.INVALID_CREDENTIALS);
        assertThat(failure(bind("proxy", "dn:uid=ghost,ou=people,dc=example,dc=com")).logDetail()).contains("no such entry");
        assertThat(failure(bind("proxy", "u:ghost")).logDetail()).contains("names no single entry");
        assertThat(failure(bind("proxy", "u:twin")).logDetail()).contains("names no single entry");
    }

    @Test
    void userIdsWithoutAUsernameMappingAreRefused() {
        usernames = Optional.empty();
        SaslStep.Failure f = failure(bind("alice", "u:alice"));
        assertThat(f.reason()).isEqualTo(SaslFailure.INVALID_CREDENTIALS);
        assertThat(f.diagnosticMessage()).contains("u: authorization identities are not supported");
    }

    @Test
    void userIdsAreEscapedInTheUsernameSearch() {
        failure(bind("proxy", "u:*)(uid=*"));
        assertThat(dir.filters()).endsWith("(uid=\\2a\\29\\28uid=\\2a)");
    }

    @Test
    void aSecondStepIsAnOperationsError() {
        SaslSession s = new ExternalMechanism().newSession(new SaslContext(Optional.of(chain("alice")), services()));
        success(s.step(null));
        assertThat(s.isComplete()).isTrue();
        SaslStep.Failure f = failure(s.step(null));
        assertThat(f.reason()).isEqualTo(SaslFailure.OPERATIONS_ERROR);
        assertThat(f.reason().ldapResultCode()).isEqualTo(1);
    }

    // --- positive ---

    @Test
    void absentAndEmptyCredentialsAreBothTheImplicitAssertion() {
        AuthenticatedIdentity absent = success(bind(Optional.of(chain("alice")), null));
        AuthenticatedIdentity empty = success(bind(Optional.of(chain("alice")), new byte[0]));
        assertThat(absent).isEqualTo(empty).isEqualTo(new AuthenticatedIdentity("EXTERNAL", ALICE, ALICE));
        assertThat(absent.isProxied()).isFalse();
    }

    @Test
    void explicitAuthzIdNamingTheMappedEntrySucceeds() {
        assertThat(success(bind("alice", "dn:UID=Alice, ou=People,dc=example,dc=com")))
                .isEqualTo(new AuthenticatedIdentity("EXTERNAL", ALICE, ALICE));
        assertThat(success(bind("alice", "u:alice"))).isEqualTo(new AuthenticatedIdentity("EXTERNAL", ALICE, ALICE));
        // No authorization rule is consulted for oneself.
        policy = AuthorizationPolicy.denyAll();
        assertThat(success(bind("alice", "dn:" + ALICE)).authorizationDn()).isEqualTo(ALICE);
    }

    @Test
    void proxyMayActAsAnyoneItsAuthzToAllows() {
        AuthenticatedIdentity asBob = success(bind("proxy", "dn:" + BOB));
        assertThat(asBob).isEqualTo(new AuthenticatedIdentity("EXTERNAL", PROXY, BOB));
        assertThat(asBob.isProxied()).isTrue();
        assertThat(success(bind("proxy", "u:alice")).authorizationDn()).isEqualTo(ALICE);
        SaslStep ok = bind("proxy", "dn:" + BOB);
        assertThat(((SaslStep.Success) ok).logDetail()).contains("allowed by authzTo value \"dn.subtree:ou=people,dc=example,dc=com\"");
    }

    @Test
    void nonExistingTargetsOnlyWhenThePolicySaysSo() {
        policy = new AuthorizationPolicy(Optional.of("authzTo"), Optional.empty(), List.of(), false);
        assertThat(success(bind("proxy", "dn:uid=ghost,ou=people,dc=example,dc=com")).authorizationDn())
                .isEqualTo("uid=ghost,ou=people,dc=example,dc=com");
        assertThat(failure(bind("proxy", "dn:uid=ghost,ou=elsewhere,dc=example,dc=com")).reason())
                .isEqualTo(SaslFailure.INVALID_CREDENTIALS);
    }
}
