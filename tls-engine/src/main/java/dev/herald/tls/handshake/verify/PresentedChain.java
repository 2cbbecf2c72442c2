package dev.herald.tls.handshake.verify;

import dev.herald.tls.pki.ChainVerdict;
import dev.herald.tls.pki.KeyKind;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A non-empty client chain that has been parsed and run through PKIX, waiting for its
 * CertificateVerify. Only {@link ClientAuthenticator} makes one.
 */
public final class PresentedChain {
    final List<X509Certificate> chain;
    final KeyKind leafKind;
    final ChainVerdict verdict;

    PresentedChain(List<X509Certificate> chain, KeyKind leafKind, ChainVerdict verdict) {
        this.chain = List.copyOf(chain);
        this.leafKind = leafKind;
        this.verdict = verdict;
    }

    public X509Certificate leaf() {
        return chain.get(0);
    }
}
