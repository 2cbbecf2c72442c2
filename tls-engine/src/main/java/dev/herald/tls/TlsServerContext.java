package dev.herald.tls;

import dev.herald.tls.crypto.SignatureScheme;
import dev.herald.tls.crypto.TlsCrypto;
import dev.herald.tls.handshake.PreparedCredential;
import dev.herald.tls.handshake.ServerSettings;
import dev.herald.tls.handshake.verify.ClientAuthenticator;
import dev.herald.tls.pki.ClientChainVerifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A server configuration made ready for handshakes: credentials prepared and checked (each
 * private key must sign what its certificate's key verifies), trust anchors turned into a PKIX
 * verifier and CA names, the crypto provider chosen. Build one per configuration and share it
 * across connections (it is immutable and thread-safe); {@link #newConnection()} makes the
 * per-connection engine.
 */
public final class TlsServerContext {
    private final TlsServerConfig config;
    private final ServerSettings settings;

    private TlsServerContext(TlsServerConfig config, TlsCrypto crypto) {
        this.config = config;
        List<PreparedCredential> creds = new ArrayList<>();
        for (ServerCredential c : config.credentials()) {
            checkKeyPair(crypto, c);
            creds.add(new PreparedCredential(c));
        }
        ClientChainVerifier verifier = new ClientChainVerifier(config.trustAnchors(), config.clock());
        this.settings = new ServerSettings(
                crypto,
                config.versions(),
                config.cipherSuites().stream().filter(s -> s.version() == TlsVersion.TLS_1_3).toList(),
                config.cipherSuites().stream().filter(s -> s.version() == TlsVersion.TLS_1_2).toList(),
                config.groups(),
                List.copyOf(creds),
                new ClientAuthenticator(config.clientAuth(), verifier, crypto),
                verifier.caNames(),
                config.requireExtendedMasterSecret(),
                config.keyLogSink().orElse(null));
    }

    /** A context using the production crypto ({@code TlsCryptos.defaultCrypto()}). */
    public static TlsServerContext create(TlsServerConfig config) {
        return new TlsServerContext(config, dev.herald.tls.crypto.TlsCryptos.defaultCrypto());
    }

    /** A context using the given crypto provider. */
    public static TlsServerContext create(TlsServerConfig config, TlsCrypto crypto) {
        return new TlsServerContext(config, crypto);
    }

    private static void checkKeyPair(TlsCrypto crypto, ServerCredential c) {
        SignatureScheme scheme = dev.herald.tls.handshake.SignatureSchemes.forServerKey(c.keyKind(), TlsVersion.TLS_1_3).get(0);
        byte[] probe = "herald key pair check".getBytes(StandardCharsets.US_ASCII);
        boolean ok;
        try {
            ok = crypto.verify(scheme, c.leaf().getPublicKey(), probe, crypto.sign(scheme, c.privateKey(), probe));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("server key for " + c.leaf().getSubjectX500Principal()
                    + " cannot sign: " + e.getMessage(), e);
        }
        if (!ok) {
            throw new IllegalArgumentException("private key does not belong to the certificate "
                    + c.leaf().getSubjectX500Principal());
        }
    }

    public TlsServerConfig config() {
        return config;
    }

    /** Internal: the handshake's view of this context. */
    ServerSettings settings() {
        return settings;
    }

    /** A new engine for one connection. */
    public TlsServerConnection newConnection() {
        return new TlsServerConnection(this);
    }
}
