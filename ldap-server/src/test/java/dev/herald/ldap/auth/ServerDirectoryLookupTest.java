package dev.herald.ldap.auth;

import static dev.herald.ldap.directory.TestDirectory.ALICE;
import static dev.herald.ldap.directory.TestDirectory.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.directory.api.ldap.model.entry.DefaultModification;
import org.apache.directory.api.ldap.model.entry.ModificationOperation;
import org.apache.directory.api.ldap.model.name.Dn;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.herald.config.pki.CertificateBuilder;
import dev.herald.config.pki.CertifiedKey;
import dev.herald.ldap.directory.DirectoryService;
import dev.herald.ldap.directory.Requestor;
import dev.herald.ldap.directory.TestDirectory;
import dev.herald.sasl.directory.DirectoryException;
import dev.herald.sasl.directory.Scope;

/**
 * The sasl module's directory view: runs as the server (reads what anonymous users may not,
 * ignores the unindexed-search limit), honours {@code limit}, never reaches outside the naming
 * context, and returns stored values (DER for certificates).
 */
class ServerDirectoryLookupTest {

    static DirectoryService dir;
    static ServerDirectoryLookup lookup;
    static CertifiedKey cert;

    @BeforeAll
    static void setUp() throws Exception {
        dir = TestDirectory.create();
        lookup = new ServerDirectoryLookup(dir);
        CertifiedKey ca = CertificateBuilder.rootCa("CN=Lookup CA").build();
        cert = CertificateBuilder.client("CN=alice", ca).build();
        dir.modify(Requestor.SERVER, new Dn(ALICE), List.of(
                new DefaultModification(ModificationOperation.ADD_ATTRIBUTE, "userCertificate;binary",
                        cert.certificate().getEncoded()),
                new DefaultModification(ModificationOperation.ADD_ATTRIBUTE, "description", "fp-1")));
    }

    @Test
    void existsReturnsTheStoredDnAndNothingOutsideTheNamingContext() throws Exception {
        assertThat(lookup.exists("UID=Alice, OU=People, DC=Example, DC=Com")).contains(ALICE);
        assertThat(lookup.exists("uid=nobody,ou=people,dc=example,dc=com")).isEmpty();
        assertThat(lookup.exists("not a dn")).isEmpty();
        assertThat(lookup.exists("")).as("not the root DSE").isEmpty();
        assertThat(lookup.exists("cn=schema")).as("not the subschema entry").isEmpty();
        assertThat(lookup.exists("dc=other,dc=org")).isEmpty();
    }

    @Test
    void searchRunsAsTheServerAndHonoursTheLimit() throws Exception {
        // Anonymous reads are off, and the filter needs no index: the server may do both.
        assertThat(lookup.search("dc=example,dc=com", Scope.SUB, "(mail=bob@example.com)", 2)).containsExactly(BOB);
        assertThat(lookup.search("dc=example,dc=com", Scope.SUB, "(objectClass=inetOrgPerson)", 1)).hasSize(1);
        assertThat(lookup.search("dc=example,dc=com", Scope.SUB, "(objectClass=inetOrgPerson)", 5))
                .containsExactlyInAnyOrder(ALICE, BOB);
        assertThat(lookup.search("ou=people,dc=example,dc=com", Scope.ONE, "(uid=alice)", 2)).containsExactly(ALICE);
        assertThat(lookup.search("ou=people,dc=example,dc=com", Scope.BASE, "(uid=alice)", 2)).isEmpty();
        assertThat(lookup.search("ou=nowhere,dc=example,dc=com", Scope.SUB, "(uid=alice)", 2)).as("no base").isEmpty();
        assertThat(lookup.search("dc=example,dc=com", Scope.SUB, "(uid=alice)", 0)).isEmpty();
        assertThat(lookup.search("dc=example,dc=com", Scope.SUB, "(description=FP-1)", 2)).containsExactly(ALICE);
        assertThatThrownBy(() -> lookup.search("dc=example,dc=com", Scope.SUB, "(uid=", 2))
                .isInstanceOf(DirectoryException.class);
    }

    @Test
    void valuesAreStoredBytesIncludingUserPasswordAndDerCertificates() throws Exception {
        assertThat(lookup.values(ALICE, "mail")).singleElement()
                .satisfies(v -> assertThat(new String(v, StandardCharsets.UTF_8)).isEqualTo("alice@example.com"));
        assertThat(lookup.values(ALICE, "userCertificate;binary")).singleElement()
                .satisfies(v -> assertThat(v).isEqualTo(cert.certificate().getEncoded()));
        assertThat(lookup.values(ALICE, "userCertificate")).hasSize(1);
        assertThat(lookup.values(ALICE, "authzTo")).isEmpty();
        assertThat(lookup.values(ALICE, "noSuchAttributeType")).isEmpty();
        assertThat(lookup.values("uid=nobody,ou=people,dc=example,dc=com", "mail")).isEmpty();
    }

    @Test
    void aCertificateSearchFindsTheEntryHoldingTheDer() throws Exception {
        // What the sasl module's "certificate" mapper sends: every octet outside printable ASCII escaped.
        StringBuilder f = new StringBuilder("(userCertificate;binary=");
        for (byte b : cert.certificate().getEncoded()) {
            int x = b & 0xff;
            if (x >= 0x20 && x < 0x7f && x != '*' && x != '(' && x != ')' && x != '\\') {
                f.append((char) x);
            } else {
                f.append(String.format("\\%02x", x));
            }
        }
        f.append(')');
        assertThat(lookup.search("dc=example,dc=com", Scope.SUB, f.toString(), 2)).containsExactly(ALICE);
    }

    @Test
    void onlyTheAdministratorWritesAuthorizationAttributesEvenOnTheirOwnEntry() throws Exception {
        Dn bob = new Dn(BOB);
        for (String attribute : new String[] {"authzTo", "authzFrom", "saslAuthzTo"}) {
            var add = List.<org.apache.directory.api.ldap.model.entry.Modification>of(new DefaultModification(
                    ModificationOperation.ADD_ATTRIBUTE, attribute, "dn.subtree:dc=example,dc=com"));
            assertThatThrownBy(() -> dir.modify(TestDirectory.as(BOB), bob, add)).as(attribute)
                    .isInstanceOfSatisfying(org.apache.directory.api.ldap.model.exception.LdapOperationException.class,
                            e -> assertThat(e.getResultCode()).isEqualTo(
                                    org.apache.directory.api.ldap.model.message.ResultCodeEnum.INSUFFICIENT_ACCESS_RIGHTS));
        }
        dir.modify(TestDirectory.as(TestDirectory.ADMIN), bob, List.of(new DefaultModification(
                ModificationOperation.ADD_ATTRIBUTE, "authzTo", "dn:" + ALICE)));
        assertThat(lookup.values(BOB, "authzTo")).singleElement()
                .satisfies(v -> assertThat(new String(v, StandardCharsets.UTF_8)).isEqualTo("dn:" + ALICE));
    }
}
