package dev.herald.ldap.session;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * What a connection's TLS layer established, as the SASL EXTERNAL mechanism and the access
 * policy need it: protocol version, cipher suite, and the client's certificate chain (leaf
 * first) only if it was verified (PKIX to a trust anchor and a valid CertificateVerify) —
 * empty when no certificate was presented or it was not verified. Filled in by the StartTLS /
 * LDAPS work when the handshake completes.
 *
 * @param ssf the security strength factor of the negotiated cipher (e.g. 128 or 256)
 */
public record TlsFacts(String protocol, String cipherSuite, List<X509Certificate> verifiedPeerChain, int ssf) {

    public TlsFacts {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(cipherSuite, "cipherSuite");
        verifiedPeerChain = List.copyOf(verifiedPeerChain);
    }

    public boolean hasVerifiedClientCertificate() {
        return !verifiedPeerChain.isEmpty();
    }
}
