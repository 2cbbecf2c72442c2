package dev.herald.sasl.mapping;

import dev.herald.sasl.support.FakeDirectory;
import dev.herald.sasl.support.TestPki;

import java.security.cert.X509Certificate;
import java.util.List;

/** Shared PKI and directory for the mapper tests. */
abstract class MappingFixture {
    /** Two CAs with the same subject DN but different keys. */
    static final TestPki.Ca CA_A = TestPki.ca("CN=Herald Test CA,O=Herald");
    static final TestPki.Ca CA_B = TestPki.ca("CN=Herald Test CA,O=Herald");

    static final String ALICE = "uid=alice,ou=people,dc=example,dc=com";
    static final String BOB = "uid=bob,ou=people,dc=example,dc=com";
    static final SearchBase PEOPLE = SearchBase.subtree("ou=people,dc=example,dc=com");
    static final SearchBase ALL = SearchBase.subtree("dc=example,dc=com");

    final FakeDirectory dir = new FakeDirectory()
            .add("dc=example,dc=com")
            .add("ou=people,dc=example,dc=com")
            .add(ALICE, "cn", "alice", "cn", "Alice Smith", "mail", "alice@example.com", "mail", "a@example.com",
                    "userPrincipalName", "alice@corp.example", "certSubject", "CN=alice,O=Example")
            .add(BOB, "cn", "bob", "mail", "bob@example.com")
            .add("ou=admins,dc=example,dc=com")
            .add("cn=x,ou=admins,dc=example,dc=com")
            .add("uid=admin,ou=admins,dc=example,dc=com", "cn", "admin")
            .add("ou=partners,dc=example,dc=com")
            .add("uid=alice,ou=partners,dc=example,dc=com", "cn", "alice");

    MappingExplanation map(List<X509Certificate> chain, MapperSpec... specs) {
        return new CertificateMapper(List.of(specs), dir).map(chain);
    }

    static List<X509Certificate> chainA(org.bouncycastle.asn1.x500.X500Name subject) {
        return CA_A.chain(CA_A.leaf(subject).build());
    }

    static org.bouncycastle.asn1.x500.X500Name cn(String cn) {
        return TestPki.name("O", "Example", "CN", cn);
    }

    static MapperOptions opts(String name) {
        return MapperOptions.named(name);
    }

    static MapperSpec cnToUid(String name, SearchBase where) {
        return new MapperSpec.SubjectAttribute(opts(name), "CN", "uid", where);
    }
}
