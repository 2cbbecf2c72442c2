package dev.herald.tls.handshake.verify;

import dev.herald.tls.AlertDescription;
import dev.herald.tls.ClientAuthMode;
import dev.herald.tls.TlsException;
import dev.herald.tls.TlsVersion;
import dev.herald.tls.crypto.SignatureScheme;
import dev.herald.tls.crypto.TlsCrypto;
import dev.herald.tls.pki.ChainVerdict;
import dev.herald.tls.pki.ClientChainVerifier;
import dev.herald.tls.pki.KeyKind;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * Applies the client-certificate policy: the mode (never / allow / try / demand), PKIX
 * validation of a presented chain, and the CertificateVerify signature. It is the only source
 * of {@link PeerAuthentication} values, so every way out of the handshake goes through it.
 */
public final class ClientAuthenticator {
    private final ClientAuthMode mode;
    private final ClientChainVerifier chainVerifier;
    private final TlsCrypto crypto;

    public ClientAuthenticator(ClientAuthMode mode, ClientChainVerifier chainVerifier, TlsCrypto crypto) {
        this.mode = mode;
        this.chainVerifier = chainVerifier;
        this.crypto = crypto;
    }

    public ClientAuthMode mode() {
        return mode;
    }

    /** No CertificateRequest was sent; legal only in mode never. */
    public PeerAuthentication notRequested() {
        if (mode != ClientAuthMode.NEVER) {
            throw new IllegalStateException("a certificate must be requested in mode " + mode);
        }
        return new PeerAuthentication.Anonymous(false, List.of(), null);
    }

    /**
     * The client answered the request with an empty Certificate.
     *
     * @throws TlsException in mode demand: certificate_required in TLS 1.3 (RFC 8446 §4.4.2.4),
     *     handshake_failure in TLS 1.2 (RFC 5246 §7.4.6)
     */
    public PeerAuthentication noCertificate(TlsVersion version) throws TlsException {
        if (mode == ClientAuthMode.DEMAND) {
            throw TlsException.local(version == TlsVersion.TLS_1_3 ? AlertDescription.CERTIFICATE_REQUIRED
                    : AlertDescription.HANDSHAKE_FAILURE, "client sent no certificate but one is required");
        }
        return new PeerAuthentication.Anonymous(true, List.of(), null);
    }

    /**
     * Parses and validates a non-empty chain. Outside allow mode a chain that fails ends the
     * handshake with the alert for the failure; in allow mode the failure is remembered and the
     * chain will be dropped after its CertificateVerify.
     */
    public PresentedChain presented(List<byte[]> ders) throws TlsException {
        List<X509Certificate> chain;
        try {
            chain = ClientChainVerifier.parse(ders);
        } catch (CertificateException e) {
            throw TlsException.local(AlertDescription.BAD_CERTIFICATE, "client certificate does not parse: " + e.getMessage());
        }
        Optional<KeyKind> kind = KeyKind.of(chain.get(0).getPublicKey());
        if (kind.isEmpty()) {
            // We could not check its CertificateVerify at all: fatal in every mode.
            throw TlsException.local(AlertDescription.UNSUPPORTED_CERTIFICATE,
                    "client certificate key type " + chain.get(0).getPublicKey().getAlgorithm() + " is not supported");
        }
        ChainVerdict verdict = chainVerifier.verify(chain);
        if (verdict instanceof ChainVerdict.Invalid bad && mode != ClientAuthMode.ALLOW) {
            throw TlsException.local(bad.alert(), "client certificate \"" + chain.get(0).getSubjectX500Principal().getName()
                    + "\" rejected: " + bad.reason());
        }
        return new PresentedChain(chain, kind.get(), verdict);
    }

    /**
     * Checks the client's CertificateVerify.
     *
     * @param offered the schemes our CertificateRequest listed
     * @param signedContent the exact bytes the client signed
     * @throws TlsException illegal_parameter for a scheme we did not offer or that does not fit
     *     the key, decrypt_error for a signature that does not verify (in every mode)
     */
    public PeerAuthentication certificateVerify(PresentedChain chain, TlsVersion version, int schemeCode,
            byte[] signature, byte[] signedContent, List<SignatureScheme> offered) throws TlsException {
        SignatureScheme scheme = SignatureScheme.fromCode(schemeCode).filter(offered::contains).orElseThrow(
                () -> TlsException.local(AlertDescription.ILLEGAL_PARAMETER,
                        "CertificateVerify scheme 0x" + Integer.toHexString(schemeCode) + " was not offered"));
        if (version == TlsVersion.TLS_1_3 && !scheme.allowedInTls13Handshake()) {
            throw TlsException.local(AlertDescription.ILLEGAL_PARAMETER, scheme.tlsName() + " is not allowed in TLS 1.3 CertificateVerify");
        }
        if (!SchemeFit.fits(scheme, chain.leafKind, version)) {
            throw TlsException.local(AlertDescription.ILLEGAL_PARAMETER,
                    scheme.tlsName() + " does not match the client key (" + chain.leafKind + ")");
        }
        boolean valid = version == TlsVersion.TLS_1_3
                ? crypto.verify(scheme, chain.leaf().getPublicKey(), signedContent, signature)
                : crypto.verifyTls12(scheme, chain.leaf().getPublicKey(), signedContent, signature);
        if (!valid) {
            throw TlsException.local(AlertDescription.DECRYPT_ERROR, "client CertificateVerify signature does not verify");
        }
        CertificateVerifyChecked proof = new CertificateVerifyChecked();
        if (chain.verdict instanceof ChainVerdict.Valid ok) {
            return new PeerAuthentication.Verified(chain.chain, ok.path(), proof);
        }
        ChainVerdict.Invalid bad = (ChainVerdict.Invalid) chain.verdict;
        // Only allow mode gets here with an invalid chain (presented() threw otherwise).
        return new PeerAuthentication.Anonymous(true, chain.chain, bad.alert().rfcName() + ": " + bad.reason());
    }
}
