package dev.herald.ldap.tls;

import java.security.cert.X509Certificate;
import java.util.List;

import dev.herald.ldap.session.TlsFacts;
import dev.herald.tls.CipherSuite;
import dev.herald.tls.TlsSession;

/**
 * Turns the TLS engine's {@link TlsSession} into the {@link TlsFacts} an LDAP session keeps.
 *
 * <p>The client chain is kept only when the engine verified it (PKIX to a trust anchor and a
 * valid CertificateVerify): a chain that was presented but not verified ({@code allow} mode) is
 * never handed on, so SASL EXTERNAL cannot be fooled by it.
 *
 * <p>The security strength factor is the key size of the negotiated AEAD cipher in bits, as
 * OpenLDAP computes it for TLS: AES-128-GCM 128, AES-256-GCM 256, ChaCha20-Poly1305 256.
 */
public final class TlsFactsMapper {

    private TlsFactsMapper() {}

    public static TlsFacts of(TlsSession session) {
        List<X509Certificate> chain = session.certificateVerified() ? session.peerCertificates() : List.of();
        return new TlsFacts(session.version().displayName(), session.cipherSuite().name(), chain,
                ssf(session.cipherSuite()));
    }

    /** The security strength factor of a cipher suite: its AEAD key length in bits. */
    public static int ssf(CipherSuite suite) {
        return suite.aead().keyLength() * 8;
    }
}
