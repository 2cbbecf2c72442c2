package dev.herald.tls.handshake;

import dev.herald.tls.CipherSuite;
import dev.herald.tls.ClientAuthMode;
import dev.herald.tls.KeyLogSink;
import dev.herald.tls.TlsVersion;
import dev.herald.tls.crypto.NamedGroup;
import dev.herald.tls.crypto.TlsCrypto;
import dev.herald.tls.handshake.verify.ClientAuthenticator;
import java.util.List;
import java.util.Set;

/**
 * Everything the handshake needs from the server context, immutable and shared by all
 * connections of a context. (Internal: built by {@code TlsServerContext}.)
 *
 * @param caNames DER subject names of the trust anchors, for CertificateRequest
 */
public record ServerSettings(
        TlsCrypto crypto,
        Set<TlsVersion> versions,
        List<CipherSuite> suites13,
        List<CipherSuite> suites12,
        List<NamedGroup> groups,
        List<PreparedCredential> credentials,
        ClientAuthenticator authenticator,
        List<byte[]> caNames,
        boolean requireExtendedMasterSecret,
        KeyLogSink keyLog) {

    public ClientAuthMode clientAuth() {
        return authenticator.mode();
    }

    public boolean requestsCertificate() {
        return authenticator.mode() != ClientAuthMode.NEVER;
    }
}
