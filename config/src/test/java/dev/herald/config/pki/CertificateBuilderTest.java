package dev.herald.config.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CertificateBuilderTest {

    private static final CertifiedKey CA = CertificateBuilder.rootCa("CN=Builder CA,O=Herald").build();

    private static void validate(X509Certificate root, List<X509Certificate> chain) throws Exception {
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        params.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(chain), params);
    }

    @Test
    void anExpiredCertificateFailsValidation() {
        CertifiedKey c = CertificateBuilder.client("CN=old", CA).expired().build();
        assertThatThrownBy(() -> c.certificate().checkValidity()).isInstanceOf(CertificateExpiredException.class);
        assertThatThrownBy(() -> validate(CA.certificate(), c.chain())).isInstanceOf(CertPathValidatorException.class);
    }

    @Test
    void aNotYetValidCertificateFailsValidation() {
        CertifiedKey c = CertificateBuilder.client("CN=future", CA).notYetValid().build();
        assertThatThrownBy(() -> c.certificate().checkValidity()).isInstanceOf(CertificateNotYetValidException.class);
    }

    @Test
    void aCertificateFromAnotherCaFailsValidation() {
        CertifiedKey other = CertificateBuilder.rootCa("CN=Other CA").build();
        CertifiedKey c = CertificateBuilder.client("CN=x", other).build();
        assertThatThrownBy(() -> validate(CA.certificate(), c.chain())).isInstanceOf(CertPathValidatorException.class);
    }

    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = {"EC_P256", "EC_P384", "RSA_2048", "ED25519"})
    void everyKeyTypeMakesAValidChainThroughAnIntermediate(KeyType type) throws Exception {
        CertifiedKey root = CertificateBuilder.rootCa("CN=Root " + type).keyType(type).build();
        CertifiedKey inter = CertificateBuilder.intermediateCa("CN=Inter " + type, root).keyType(type).pathLength(0).build();
        CertifiedKey leaf = CertificateBuilder.server("CN=leaf", inter).keyType(type).dnsNames("leaf.example.com").build();
        assertThat(leaf.chain()).containsExactly(leaf.certificate(), inter.certificate());
        assertThat(leaf.fullChain()).containsExactly(leaf.certificate(), inter.certificate(), root.certificate());
        assertThat(leaf.root()).isEqualTo(root.certificate());
        validate(root.certificate(), leaf.chain());
        assertThat(KeyTypes.describe(leaf.certificate().getPublicKey())).isEqualTo(switch (type) {
            case EC_P256 -> "ECDSA P-256";
            case EC_P384 -> "ECDSA P-384";
            case RSA_2048 -> "RSA 2048";
            default -> "Ed25519";
        });
        assertThat(inter.certificate().getBasicConstraints()).isZero();
    }

    @Test
    void subjectsArePrintedBackAsWritten() {
        CertifiedKey c = CertificateBuilder.client("CN=alice,OU=people,O=Herald Demo", CA).build();
        assertThat(c.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=alice,OU=people,O=Herald Demo");
        assertThat(c.certificate().getIssuerX500Principal()).isEqualTo(CA.certificate().getSubjectX500Principal());
    }

    @Test
    void emailAddressInTheSubjectIsAnIa5String() throws Exception {
        CertifiedKey c = CertificateBuilder.client("EMAILADDRESS=carol@example.com,CN=carol", CA).build();
        var name = org.bouncycastle.asn1.x500.X500Name.getInstance(c.certificate().getSubjectX500Principal().getEncoded());
        var email = name.getRDNs(org.bouncycastle.asn1.x500.style.BCStyle.EmailAddress)[0].getFirst().getValue();
        assertThat(email).isInstanceOf(org.bouncycastle.asn1.DERIA5String.class);
    }

    @Test
    void roleDefaultsSetKeyUsages() throws Exception {
        CertifiedKey server = CertificateBuilder.server("CN=s", CA).build();
        CertifiedKey client = CertificateBuilder.client("CN=c", CA).build();
        assertThat(server.certificate().getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(client.certificate().getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        assertThat(server.certificate().getKeyUsage()[0]).isTrue();
        assertThat(server.certificate().getBasicConstraints()).isEqualTo(-1);
        assertThat(CA.certificate().getBasicConstraints()).isEqualTo(Integer.MAX_VALUE);
        assertThat(CA.certificate().getKeyUsage()[5]).isTrue();
        CertifiedKey rsa = CertificateBuilder.server("CN=rsa", CA).keyType(KeyType.RSA_2048).build();
        assertThat(rsa.certificate().getKeyUsage()[2]).as("keyEncipherment for RSA servers").isTrue();
    }

    @Test
    void keyUsageAndExtendedKeyUsageCanBeReplacedOrLeftOut() throws Exception {
        CertifiedKey c = CertificateBuilder.leaf("CN=x", CA).keyUsage(KeyUsageBit.KEY_AGREEMENT)
                .extendedKeyUsage(KeyPurpose.EMAIL_PROTECTION, KeyPurpose.CODE_SIGNING).build();
        assertThat(c.certificate().getKeyUsage()[0]).isFalse();
        assertThat(c.certificate().getKeyUsage()[4]).isTrue();
        assertThat(c.certificate().getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.4", "1.3.6.1.5.5.7.3.3");
        CertifiedKey bare = CertificateBuilder.leaf("CN=y", CA).keyUsage().extendedKeyUsage().noBasicConstraints().build();
        assertThat(bare.certificate().getKeyUsage()).isNull();
        assertThat(bare.certificate().getExtendedKeyUsage()).isNull();
        assertThat(bare.certificate().getBasicConstraints()).isEqualTo(-1);
    }

    @Test
    void subjectAltNamesOfEveryKind() throws Exception {
        CertifiedKey c = CertificateBuilder.client("CN=bob", CA).dnsNames("bob.example.com").ipAddresses("192.0.2.7")
                .emails("bob@example.com").uris("https://example.com/bob").userPrincipalNames("bob@EXAMPLE.COM").build();
        var sans = c.certificate().getSubjectAlternativeNames();
        assertThat(sans).anySatisfy(s -> assertThat(s).isEqualTo(List.of(2, "bob.example.com")))
                .anySatisfy(s -> assertThat(s).isEqualTo(List.of(7, "192.0.2.7")))
                .anySatisfy(s -> assertThat(s).isEqualTo(List.of(1, "bob@example.com")))
                .anySatisfy(s -> assertThat(s).isEqualTo(List.of(6, "https://example.com/bob")));
        // Read the otherName with Bouncy Castle: the JDK's getSubjectAlternativeNames() wraps its value in an extra [0].
        var names = org.bouncycastle.asn1.x509.GeneralNames.fromExtensions(
                new org.bouncycastle.cert.jcajce.JcaX509CertificateHolder(c.certificate()).getExtensions(),
                org.bouncycastle.asn1.x509.Extension.subjectAlternativeName);
        var other = java.util.Arrays.stream(names.getNames()).filter(n -> n.getTagNo() == 0).findFirst().orElseThrow();
        ASN1Sequence seq = ASN1Sequence.getInstance(other.getName());
        assertThat(seq.getObjectAt(0).toString()).isEqualTo("1.3.6.1.4.1.311.20.2.3");
        assertThat(DERUTF8String.getInstance(ASN1TaggedObject.getInstance(seq.getObjectAt(1)).getExplicitBaseObject()).getString())
                .isEqualTo("bob@EXAMPLE.COM");
    }

    @Test
    void validityWindowAndSerialAreAsAsked() {
        Instant from = Instant.parse("2030-01-01T00:00:00Z");
        Instant until = Instant.parse("2031-01-01T00:00:00Z");
        CertifiedKey c = CertificateBuilder.client("CN=x", CA).validity(from, until)
                .serialNumber(java.math.BigInteger.valueOf(4242)).build();
        assertThat(c.certificate().getNotBefore().toInstant()).isEqualTo(from);
        assertThat(c.certificate().getNotAfter().toInstant()).isEqualTo(until);
        assertThat(c.certificate().getSerialNumber()).isEqualTo(4242);
    }

    @Test
    void extraExtensionsAreAdded() {
        // A critical extension nobody knows: verifiers must reject it (RFC 5280 §4.2).
        CertifiedKey c = CertificateBuilder.client("CN=x", CA).extension("1.2.3.4.5", true, new byte[] {0x05, 0x00}).build();
        assertThat(c.certificate().getCriticalExtensionOIDs()).contains("1.2.3.4.5");
    }

    @Test
    void anExistingKeyPairCanBeCertified() {
        CertifiedKey first = CertificateBuilder.client("CN=x", CA).build();
        CertifiedKey again = CertificateBuilder.client("CN=x", CA).keyPair(first.keyPair()).build();
        assertThat(again.certificate().getPublicKey()).isEqualTo(first.certificate().getPublicKey());
    }

    @Test
    void selfSignedLeavesAreNotCas() {
        CertifiedKey c = CertificateBuilder.selfSignedLeaf("CN=self").build();
        assertThat(c.issuers()).isEmpty();
        assertThat(c.root()).isEqualTo(c.certificate());
        assertThat(c.certificate().getBasicConstraints()).isEqualTo(-1);
        assertThat(KeyMaterial.verifies(c.certificate(), c.certificate())).isTrue();
    }
}
