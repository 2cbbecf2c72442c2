package dev.herald.tls.pki;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.tls.AlertDescription;
import dev.herald.tls.testsupport.TestPki;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PKIX validation of client chains and the alert each failure maps to. */
class ClientChainVerifierTest {
    private static final TestPki.Standard PKI = TestPki.standard();
    private final ClientChainVerifier verifier = new ClientChainVerifier(List.of(PKI.root.certificate()), Clock.systemUTC());

    private static AlertDescription alertOf(ChainVerdict v) {
        assertThat(v).isInstanceOf(ChainVerdict.Invalid.class);
        return ((ChainVerdict.Invalid) v).alert();
    }

    @Test
    void validLeafGivesPathEndingWithTheAnchor() {
        ChainVerdict v = verifier.verify(PKI.clientEc.chain());
        assertThat(v).isInstanceOf(ChainVerdict.Valid.class);
        assertThat(((ChainVerdict.Valid) v).path()).containsExactly(PKI.clientEc.certificate(), PKI.root.certificate());
    }

    @Test
    void intermediateChainInAnyOrderAndWithTheRootIncluded() {
        List<X509Certificate> messy = new ArrayList<>();
        messy.add(PKI.clientViaIntermediate.certificate());
        messy.add(PKI.root.certificate());
        messy.add(PKI.untrustedRoot.certificate());
        messy.add(PKI.intermediate.certificate());
        ChainVerdict v = verifier.verify(messy);
        assertThat(v).isInstanceOf(ChainVerdict.Valid.class);
        assertThat(((ChainVerdict.Valid) v).path()).containsExactly(PKI.clientViaIntermediate.certificate(),
                PKI.intermediate.certificate(), PKI.root.certificate());
    }

    @Test
    void missingIntermediateIsUnknownCa() {
        assertThat(alertOf(verifier.verify(List.of(PKI.clientViaIntermediate.certificate())))).isEqualTo(AlertDescription.UNKNOWN_CA);
    }

    @Test
    void untrustedRootIsUnknownCa() {
        assertThat(alertOf(verifier.verify(PKI.clientUntrusted.chain()))).isEqualTo(AlertDescription.UNKNOWN_CA);
    }

    @Test
    void expiredAndNotYetValidAreCertificateExpired() {
        assertThat(alertOf(verifier.verify(PKI.clientExpired.chain()))).isEqualTo(AlertDescription.CERTIFICATE_EXPIRED);
        Clock past = Clock.fixed(Instant.now().minus(Duration.ofDays(3)), ZoneOffset.UTC);
        ClientChainVerifier early = new ClientChainVerifier(List.of(PKI.root.certificate()), past);
        assertThat(alertOf(early.verify(PKI.clientEc.chain()))).isEqualTo(AlertDescription.CERTIFICATE_EXPIRED);
    }

    @Test
    void wrongPurposeIsUnsupportedCertificate() {
        assertThat(alertOf(verifier.verify(PKI.clientServerAuthOnly.chain()))).isEqualTo(AlertDescription.UNSUPPORTED_CERTIFICATE);
        assertThat(alertOf(verifier.verify(PKI.clientNoDigitalSignature.chain())))
                .isEqualTo(AlertDescription.UNSUPPORTED_CERTIFICATE);
    }

    @Test
    void forgedIssuerSignatureIsUnknownCa() {
        // Same issuer name as our root, different key: the name chains, the signature does not.
        // The JDK validator reports this as "does not chain to a trust anchor", hence unknown_ca.
        TestPki.Ca impostor = TestPki.Ca.root("CN=Herald Test Root CA,O=Herald Test");
        TestPki.Issued forged = impostor.client("eve", TestPki.KeyType.EC_P256);
        assertThat(alertOf(verifier.verify(forged.chain()))).isEqualTo(AlertDescription.UNKNOWN_CA);
    }

    @Test
    void endEntityUsedAsCaIsBadCertificate() {
        // basic constraints: a client certificate (CA:false) cannot issue another one.
        TestPki.Ca fakeCa = TestPki.Ca.fromEndEntity(PKI.clientEc);
        TestPki.Issued child = fakeCa.client("child", TestPki.KeyType.EC_P256);
        assertThat(child.chain()).hasSize(2);
        assertThat(alertOf(verifier.verify(child.chain()))).isEqualTo(AlertDescription.BAD_CERTIFICATE);
    }

    @Test
    void caNamesAreTheAnchorSubjects() {
        ClientChainVerifier two = new ClientChainVerifier(List.of(PKI.root.certificate(), PKI.root.certificate(),
                PKI.intermediate.certificate()), Clock.systemUTC());
        assertThat(two.caNames()).hasSize(2);
        assertThat(two.caNames().get(0)).isEqualTo(PKI.root.certificate().getSubjectX500Principal().getEncoded());
    }

    @Test
    void noAnchorsMeansUnknownCa() {
        ClientChainVerifier none = new ClientChainVerifier(List.of(), Clock.systemUTC());
        assertThat(alertOf(none.verify(PKI.clientEc.chain()))).isEqualTo(AlertDescription.UNKNOWN_CA);
    }

    @Test
    void keyKinds() {
        assertThat(KeyKind.of(PKI.clientEc.certificate().getPublicKey())).contains(KeyKind.EC_P256);
        assertThat(KeyKind.of(PKI.clientEc384.certificate().getPublicKey())).contains(KeyKind.EC_P384);
        assertThat(KeyKind.of(PKI.clientRsa.certificate().getPublicKey())).contains(KeyKind.RSA);
        assertThat(KeyKind.of(PKI.clientEd25519.certificate().getPublicKey())).contains(KeyKind.ED25519);
        assertThat(KeyKind.of(PKI.clientEd25519.privateKey())).contains(KeyKind.ED25519);
    }
}
