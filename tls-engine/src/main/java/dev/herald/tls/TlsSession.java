package dev.herald.tls;

import dev.herald.tls.crypto.NamedGroup;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The immutable result of a completed handshake.
 *
 * @param version negotiated protocol version
 * @param cipherSuite negotiated suite
 * @param group key-exchange group
 * @param serverName the SNI host name the client sent, if any
 * @param peerCertificates the verified client chain, leaf first and ending with the trust
 *     anchor's certificate; empty when the client is not authenticated
 * @param certificateRequested whether we sent a CertificateRequest
 * @param certificatePresented whether the client sent a non-empty chain
 * @param certificateVerified whether that chain passed PKIX and its CertificateVerify (then
 *     {@code peerCertificates} is non-empty)
 * @param presentedSubject the subject DN (RFC 2253) of the presented leaf, verified or not, for logs
 * @param certificateProblem why a presented chain was ignored (allow mode), for logs
 * @param extendedMasterSecret whether RFC 7627 was used (always true for TLS 1.3)
 * @param handshakeDuration from the first ClientHello byte to the handshake's completion
 */
public record TlsSession(
        TlsVersion version,
        CipherSuite cipherSuite,
        NamedGroup group,
        Optional<String> serverName,
        List<X509Certificate> peerCertificates,
        boolean certificateRequested,
        boolean certificatePresented,
        boolean certificateVerified,
        Optional<String> presentedSubject,
        Optional<String> certificateProblem,
        boolean extendedMasterSecret,
        Duration handshakeDuration) {

    public TlsSession {
        peerCertificates = List.copyOf(peerCertificates);
        if (certificateVerified == peerCertificates.isEmpty()) {
            throw new IllegalArgumentException("certificateVerified must match a non-empty verified chain");
        }
    }

    /** The verified client leaf certificate, if any. */
    public Optional<X509Certificate> peerLeaf() {
        return peerCertificates.isEmpty() ? Optional.empty() : Optional.of(peerCertificates.get(0));
    }

    /** A one-line summary (certificates by subject only). */
    @Override
    public String toString() {
        return "TlsSession[" + version + ", " + cipherSuite + ", " + group.tlsName()
                + serverName.map(n -> ", sni=" + n).orElse("")
                + ", clientCertificate=" + (!certificateRequested ? "not requested"
                        : !certificatePresented ? "none" : certificateVerified ? "verified" : "not verified")
                + presentedSubject.map(s -> " (" + s + ")").orElse("")
                + certificateProblem.map(p -> " [" + p + "]").orElse("")
                + ", ems=" + extendedMasterSecret + ", " + handshakeDuration.toMillis() + " ms]";
    }
}
