package dev.herald.tls.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.tls.testsupport.TestPki;
import java.security.InvalidKeyException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Certificate signatures checked by the engine's code inside the JDK's PKIX validator give the
 * same verdicts as the JDK's own providers, including for broken signatures, and the provider
 * never serves anyone who did not ask for it by name.
 */
class CertificateSignatureProviderTest {
    private static final TestPki.Standard PKI = TestPki.standard();
    private static final TestPki.Ca P384_ROOT = TestPki.Ca.root("CN=P-384 Root,O=Herald Test", TestPki.KeyType.EC_P384);
    private static final TestPki.Ca ED_ROOT = TestPki.Ca.root("CN=Ed25519 Root,O=Herald Test", TestPki.KeyType.ED25519);
    private static final TestPki.Ca RSA_ROOT = TestPki.Ca.root("CN=RSA Root,O=Herald Test", TestPki.KeyType.RSA_2048);
    private static final List<X509Certificate> ANCHORS = List.of(PKI.root.certificate(), P384_ROOT.certificate(),
            ED_ROOT.certificate(), RSA_ROOT.certificate());

    private static final ClientChainVerifier ENGINE = new ClientChainVerifier(ANCHORS, Clock.systemUTC(), true);
    private static final ClientChainVerifier JDK = new ClientChainVerifier(ANCHORS, Clock.systemUTC(), false);

    static Stream<Arguments> chains() {
        return Stream.of(
                Arguments.of("P-256 root, P-256 leaf", PKI.clientEc.chain()),
                Arguments.of("P-256 root, P-384 leaf", PKI.clientEc384.chain()),
                Arguments.of("P-256 root, RSA leaf", PKI.clientRsa.chain()),
                Arguments.of("P-256 root, Ed25519 leaf", PKI.clientEd25519.chain()),
                Arguments.of("via intermediate", PKI.clientViaIntermediate.chain()),
                Arguments.of("P-384 root (SHA384withECDSA)", P384_ROOT.client("p384", TestPki.KeyType.EC_P256).chain()),
                Arguments.of("Ed25519 root", ED_ROOT.client("ed", TestPki.KeyType.EC_P256).chain()),
                Arguments.of("RSA root (JDK path)", RSA_ROOT.client("rsa", TestPki.KeyType.EC_P256).chain()),
                Arguments.of("untrusted root", PKI.clientUntrusted.chain()),
                Arguments.of("expired", PKI.clientExpired.chain()),
                Arguments.of("end entity as CA", TestPki.Ca.fromEndEntity(PKI.clientEc).client("child", TestPki.KeyType.EC_P256).chain()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("chains")
    void sameVerdictAsTheJdk(String name, List<X509Certificate> chain) {
        assertSameVerdict(chain);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("chains")
    void brokenSignatureIsRejectedLikeTheJdkDoes(String name, List<X509Certificate> chain) throws Exception {
        boolean validUntampered = ENGINE.verify(chain) instanceof ChainVerdict.Valid;
        List<X509Certificate> broken = new ArrayList<>(chain);
        broken.set(0, tamperLastByte(chain.get(0)));
        long before = CertificateSignatureProvider.ENGINE_VERIFICATIONS.get();
        ChainVerdict v = assertSameVerdict(broken);
        assertThat(v).isInstanceOf(ChainVerdict.Invalid.class);
        boolean fastAlgorithms = broken.stream().allMatch(c -> CertificateSignatureProvider.ALGORITHMS.contains(c.getSigAlgName()));
        if (validUntampered && fastAlgorithms) {
            assertThat(CertificateSignatureProvider.ENGINE_VERIFICATIONS.get()).as("engine checked a signature").isGreaterThan(before);
        }
    }

    @Test
    void brokenIntermediateSignatureIsRejected() throws Exception {
        List<X509Certificate> broken = new ArrayList<>(PKI.clientViaIntermediate.chain());
        broken.set(1, tamperLastByte(broken.get(1)));
        assertThat(assertSameVerdict(broken)).isInstanceOf(ChainVerdict.Invalid.class);
    }

    @Test
    void changedSignedContentIsRejected() throws Exception {
        byte[] der = PKI.clientEc.certificate().getEncoded();
        byte[] subject = "alice".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int at = indexOf(der, subject);
        assertThat(at).isPositive();
        der[at] = 'A';
        X509Certificate changed = ClientChainVerifier.parse(List.of(der)).get(0);
        long before = CertificateSignatureProvider.ENGINE_VERIFICATIONS.get();
        assertThat(assertSameVerdict(List.of(changed))).isInstanceOf(ChainVerdict.Invalid.class);
        assertThat(CertificateSignatureProvider.ENGINE_VERIFICATIONS.get()).isGreaterThan(before);
    }

    private static ChainVerdict assertSameVerdict(List<X509Certificate> chain) {
        ChainVerdict fast = ENGINE.verify(chain);
        ChainVerdict jdk = JDK.verify(chain);
        assertThat(fast.getClass()).isEqualTo(jdk.getClass());
        if (fast instanceof ChainVerdict.Invalid f) {
            assertThat(f.alert()).isEqualTo(((ChainVerdict.Invalid) jdk).alert());
        } else {
            assertThat(((ChainVerdict.Valid) fast).path()).isEqualTo(((ChainVerdict.Valid) jdk).path());
        }
        return fast;
    }

    /** The certificate with the last byte of its signature changed (still well-formed DER). */
    private static X509Certificate tamperLastByte(X509Certificate c) throws Exception {
        byte[] der = c.getEncoded();
        der[der.length - 1] ^= 0x01;
        return ClientChainVerifier.parse(List.of(der)).get(0);
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        for (int i = 0; i + needle.length <= hay.length; i++) {
            if (Arrays.equals(hay, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }

    // ------------------------------------------------------------------ the provider itself

    private static Provider installed() {
        CertificateSignatureProvider.install();
        return Security.getProvider(CertificateSignatureProvider.NAME);
    }

    @Test
    void installedOnceAndLast() {
        Provider p = installed();
        CertificateSignatureProvider.install();
        Provider[] all = Security.getProviders();
        assertThat(all[all.length - 1]).isSameAs(p);
        assertThat(Arrays.stream(all).filter(x -> x.getName().equals(CertificateSignatureProvider.NAME))).hasSize(1);
    }

    @Test
    void genericLookupsNeverGetIt() throws Exception {
        installed();
        for (String alg : List.of("SHA256withECDSA", "SHA384withECDSA", "Ed25519")) {
            Signature s = Signature.getInstance(alg);
            s.initVerify(alg.equals("Ed25519") ? PKI.clientEd25519.certificate().getPublicKey()
                    : PKI.clientEc.certificate().getPublicKey());
            assertThat(s.getProvider().getName()).isNotEqualTo(CertificateSignatureProvider.NAME);
        }
    }

    @Test
    void verifiesWithTheEngineAndRefusesWrongSignatures() throws Exception {
        Provider p = installed();
        byte[] data = "to be signed".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance("SHA256withECDSA", "SunEC");
        signer.initSign(PKI.clientEc.privateKey());
        signer.update(data);
        byte[] sig = signer.sign();
        Signature v = Signature.getInstance("SHA256withECDSA", p);
        v.initVerify(PKI.clientEc.certificate().getPublicKey());
        v.update(data);
        assertThat(v.verify(sig)).isTrue();
        v.initVerify(PKI.clientEc384.certificate().getPublicKey()); // another key
        v.update(data);
        assertThat(v.verify(sig)).isFalse();
        v.initVerify(PKI.clientEc.certificate().getPublicKey());
        v.update(data, 1, data.length - 1); // other content
        assertThat(v.verify(sig)).isFalse();
    }

    @Test
    void keysItDoesNotHandleGoToTheJdk() throws Exception {
        Provider p = installed();
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC", "SunEC");
        g.initialize(new ECGenParameterSpec("secp521r1"));
        KeyPair kp = g.generateKeyPair();
        byte[] data = {1, 2, 3};
        Signature signer = Signature.getInstance("SHA256withECDSA", "SunEC");
        signer.initSign(kp.getPrivate());
        signer.update(data);
        byte[] sig = signer.sign();
        Signature v = Signature.getInstance("SHA256withECDSA", p);
        v.initVerify(kp.getPublic());
        v.update(data);
        assertThat(v.verify(sig)).isTrue();
        v.initVerify(kp.getPublic());
        v.update(new byte[] {1, 2, 4});
        assertThat(v.verify(sig)).isFalse();
        // an RSA key under an ECDSA algorithm: nobody takes it
        assertThatThrownBy(() -> v.initVerify(PKI.clientRsa.certificate().getPublicKey()))
                .isInstanceOf(InvalidKeyException.class);
    }

    @Test
    void doesNotSign() throws Exception {
        Signature s = Signature.getInstance("SHA256withECDSA", installed());
        assertThatThrownBy(() -> s.initSign(PKI.clientEc.privateKey())).isInstanceOf(InvalidKeyException.class);
    }
}
