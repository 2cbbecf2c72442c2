package dev.herald.tls.handshake.verify;

/**
 * Proof that the client's CertificateVerify signature verified with the leaf key, under a
 * scheme we offered. Only {@link ClientAuthenticator} makes one; a {@link PeerAuthentication.Verified}
 * cannot exist without it.
 */
public final class CertificateVerifyChecked {
    CertificateVerifyChecked() {
    }
}
