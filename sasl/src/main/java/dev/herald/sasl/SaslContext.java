package dev.herald.sasl;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * What a mechanism knows about the connection a bind arrives on, plus the server-wide
 * {@link SaslServices}. Built by the LDAP layer for each bind.
 *
 * @param verifiedPeerChain the client chain the TLS engine verified (PKIX to a configured trust
 *                          anchor and a valid CertificateVerify), leaf first, trust anchor last;
 *                          empty without TLS or without a verified client certificate. Never a
 *                          chain that was presented but not verified.
 * @param services          the directory, mappers and policies
 */
public record SaslContext(Optional<List<X509Certificate>> verifiedPeerChain, SaslServices services) {
    public SaslContext {
        if (verifiedPeerChain == null || services == null) {
            throw new IllegalArgumentException("peer chain (possibly empty) and services must not be null");
        }
        verifiedPeerChain = verifiedPeerChain.filter(c -> !c.isEmpty()).map(List::copyOf);
    }

    /** A context for a connection without a verified client chain. */
    public static SaslContext withoutCertificate(SaslServices services) {
        return new SaslContext(Optional.empty(), services);
    }
}
