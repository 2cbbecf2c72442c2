package dev.herald.sasl.cert;

import dev.herald.sasl.support.TestPki;
import dev.herald.sasl.syntax.Dn;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.DERUniversalString;
import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClientCertificateTest {
    private static final TestPki.Ca CA = TestPki.ca("CN=Test CA,O=Herald");

    private static ClientCertificate leaf(org.bouncycastle.asn1.x500.X500Name subject) throws Exception {
        return ClientCertificate.of(CA.leaf(subject).build());
    }

    @Test
    void subjectIsRenderedInRfc4514OrderNotX500Order() throws Exception {
        ClientCertificate c = leaf(TestPki.name("DC", "com", "DC", "example", "OU", "people", "UID", "alice"));
        assertThat(c.subjectDn()).isEqualTo("UID=alice,OU=people,DC=example,DC=com");
    }

    @Test
    void injectionShapedSubjectValuesAreEscapedIntoOneValue() throws Exception {
        ClientCertificate c = leaf(TestPki.name("O", "Example", "CN", "x,ou=admins"));
        assertThat(c.subjectDn()).isEqualTo("CN=x\\,ou\\=admins,O=Example");
        Dn parsed = Dn.parse(c.subjectDn());
        assertThat(parsed.size()).isEqualTo(2);
        assertThat(parsed.rdns().get(0).avas().get(0).value()).isEqualTo("x,ou=admins");

        assertThat(leaf(TestPki.name("CN", "*)(uid=*")).subjectDn()).isEqualTo("CN=*)(uid\\=*");
        assertThat(leaf(TestPki.name("CN", "a+UID=root")).subjectDn()).isEqualTo("CN=a\\+UID\\=root");
        assertThat(leaf(TestPki.name("CN", "#41")).subjectDn()).isEqualTo("CN=\\#41");
        assertThat(leaf(TestPki.name("CN", " pad ")).subjectDn()).isEqualTo("CN=\\ pad\\ ");
        assertThat(leaf(TestPki.name("CN", "back\\slash")).subjectDn()).isEqualTo("CN=back\\\\slash");
        assertThat(leaf(TestPki.name("CN", "nul\u0000byte")).subjectDn()).isEqualTo("CN=nul\\00byte");
        assertThat(leaf(TestPki.name("CN", "line\nbreak")).subjectDn()).isEqualTo("CN=line\\0Abreak");
    }

    @Test
    void multiValuedRdnsKeepEveryAva() throws Exception {
        ClientCertificate c = ClientCertificate.of(CA.leaf(
                TestPki.nameWithMultiValuedLeaf(new String[]{"O", "Example"}, "CN", "alice", "UID", "a1")).build());
        // DER sorts the SET OF, so the order inside the RDN is the encoding's.
        assertThat(c.subjectDn()).matches("(CN=alice\\+UID=a1|UID=a1\\+CN=alice),O=Example");
        assertThat(c.subjectValues("0.9.2342.19200300.100.1.1").strings()).containsExactly("a1");
    }

    @Test
    void unknownTypesAndNonStringValuesUseHex() throws Exception {
        ClientCertificate c = ClientCertificate.of(CA.leaf(TestPki.rawName(
                "1.2.3.4", new DERUTF8String("Hi"),
                "CN", new ASN1Integer(5))).build());
        assertThat(c.subjectDn()).isEqualTo("CN=#020105,1.2.3.4=#0c024869");
        assertThat(c.subjectValues("2.5.4.3").strings()).isEmpty();
        assertThat(c.subjectValues("2.5.4.3").nonStrings()).isEqualTo(1);
    }

    @Test
    void stringTypesDecode() throws Exception {
        ClientCertificate c = ClientCertificate.of(CA.leaf(TestPki.rawName(
                "C", new DERPrintableString("US"),
                "EMAILADDRESS", new DERIA5String("alice@example.com"),
                "OU", new DERBMPString("Bmp"),
                "CN", new DERUniversalString(new byte[]{0, 0, 0, 'a', 0, 1, (byte) 0xF6, 0}))).build());
        assertThat(c.subjectDn()).isEqualTo("CN=a\uD83D\uDE00,OU=Bmp,emailAddress=alice@example.com,C=US");
    }

    @Test
    void malformedBmpStringFallsBackToHex() throws Exception {
        // A BMPString holding a lone high surrogate has no Unicode text.
        DERBMPString lone = new DERBMPString("a\uD800");
        ClientCertificate c = ClientCertificate.of(CA.leaf(TestPki.rawName("CN", lone)).build());
        assertThat(c.subjectDn()).startsWith("CN=#1e04");
        assertThat(c.subjectValues("2.5.4.3").strings()).isEmpty();
    }

    @Test
    void subjectAltNamesByType() throws Exception {
        X509Certificate x = CA.leaf(TestPki.name("CN", "alice"))
                .email("alice@example.com").email("a@example.com").dns("alice.example.com")
                .uri("https://id.example.com/alice").upn("alice@corp.example").build();
        ClientCertificate c = ClientCertificate.of(x);
        assertThat(c.subjectAltNames(SanType.RFC822_NAME)).containsExactly("alice@example.com", "a@example.com");
        assertThat(c.subjectAltNames(SanType.DNS_NAME)).containsExactly("alice.example.com");
        assertThat(c.subjectAltNames(SanType.URI)).containsExactly("https://id.example.com/alice");
        assertThat(c.subjectAltNames(SanType.UPN)).containsExactly("alice@corp.example");
        assertThat(ClientCertificate.of(CA.leaf("CN=nosan")).subjectAltNames(SanType.UPN)).isEmpty();
    }

    @Test
    void fingerprintFormats() throws Exception {
        X509Certificate x = CA.leaf("CN=fp");
        byte[] d = MessageDigest.getInstance("SHA-256").digest(x.getEncoded());
        String hex = HexFormat.of().formatHex(d);
        ClientCertificate c = ClientCertificate.of(x);
        assertThat(c.fingerprint(FingerprintFormat.HEX)).isEqualTo(hex);
        assertThat(c.fingerprint(FingerprintFormat.HEX_UPPER)).isEqualTo(hex.toUpperCase());
        assertThat(c.fingerprint(FingerprintFormat.COLON_HEX)).hasSize(95).startsWith(hex.substring(0, 2).toUpperCase() + ":");
        assertThat(c.fingerprint(FingerprintFormat.COLON_HEX_LOWER)).isEqualTo(HexFormat.ofDelimiter(":").formatHex(d));
    }

    @Test
    void chainLinkage() {
        TestPki.Ca a = TestPki.ca("CN=Same Name CA");
        TestPki.Ca b = TestPki.ca("CN=Same Name CA");
        X509Certificate fromB = b.leaf("CN=alice");
        assertThat(ChainLinkage.problem(b.chain(fromB))).isEmpty();
        // A leaf from B listed under A's certificate: same names, different key identifiers.
        assertThat(ChainLinkage.problem(List.of(fromB, a.certificate()))).get().asString()
                .contains("authority key identifier");
        assertThat(ChainLinkage.problem(List.of(fromB, TestPki.ca("CN=Other").certificate()))).get().asString()
                .contains("names differ");
        TestPki.Ca mid = a.intermediate("CN=Issuing CA");
        assertThat(ChainLinkage.problem(mid.chain(mid.leaf("CN=bob")))).isEmpty();
        assertThat(ChainLinkage.problem(List.of(mid.leaf("CN=bob"), a.certificate(), mid.certificate()))).isPresent();
    }

    @Test
    void issuerCaComparesCertificatesNotNames() {
        TestPki.Ca a = TestPki.ca("CN=Same Name CA");
        TestPki.Ca b = TestPki.ca("CN=Same Name CA");
        IssuerCa scopeA = IssuerCa.of(a.certificate());
        assertThat(scopeA.isAboveLeafIn(a.chain(a.leaf("CN=x")))).isTrue();
        assertThat(scopeA.isAboveLeafIn(b.chain(b.leaf("CN=x")))).isFalse();
        // The leaf itself never counts, even if it is the CA certificate.
        assertThat(scopeA.isAboveLeafIn(List.of(a.certificate()))).isFalse();
        assertThat(scopeA.toString()).contains("Same Name CA").contains("sha256");
        assertThat(HexFormat.of().formatHex(new byte[]{1})).isEqualTo("01");
    }

    @Test
    void assemblerPicksTheCaWhoseKeySignedTheLeaf() {
        TestPki.Ca a = TestPki.ca("CN=Same Name CA");
        TestPki.Ca b = TestPki.ca("CN=Same Name CA");
        TestPki.Ca mid = b.intermediate("CN=Issuing CA");
        X509Certificate leaf = mid.leaf("CN=alice");
        assertThat(ChainAssembler.assemble(leaf, List.of(a.certificate(), mid.certificate(), b.certificate())))
                .containsExactly(leaf, mid.certificate(), b.certificate());
        assertThat(ChainAssembler.assemble(leaf, List.of(a.certificate()))).containsExactly(leaf);
        assertThat(ChainAssembler.assemble(a.certificate(), List.of(a.certificate()))).containsExactly(a.certificate());
    }
}
