package dev.herald.config.model;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * TLS for StartTLS and the LDAPS listener. {@code credentials} holds at least one certificate
 * chain with its key (several let the engine pick by key type and SNI). {@code trustAnchors}
 * are the CA certificates client chains must lead to; they are also the CA names sent in
 * CertificateRequest. {@code cipherSuites} (IANA names) and {@code groups} are in preference
 * order and use only {@link TlsNames} names. {@code keyLogFile}, when present, asks the engine to
 * write SSLKEYLOGFILE-format secrets there (debugging only).
 */
public record TlsSettings(
        List<TlsCredential> credentials,
        List<X509Certificate> trustAnchors,
        ClientCertificateMode clientCertificates,
        List<TlsProtocol> protocols,
        List<String> cipherSuites,
        List<String> groups,
        boolean requireExtendedMasterSecret,
        Duration handshakeTimeout,
        Optional<Path> keyLogFile) {

    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    public static final List<TlsProtocol> DEFAULT_PROTOCOLS = List.of(TlsProtocol.TLS_1_3, TlsProtocol.TLS_1_2);

    public TlsSettings {
        credentials = List.copyOf(credentials);
        trustAnchors = List.copyOf(trustAnchors);
        Objects.requireNonNull(clientCertificates, "clientCertificates");
        protocols = List.copyOf(protocols);
        cipherSuites = List.copyOf(cipherSuites);
        groups = List.copyOf(groups);
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        Objects.requireNonNull(keyLogFile, "keyLogFile");
        if (credentials.isEmpty()) {
            throw new IllegalArgumentException("TLS needs at least one credential");
        }
    }
}
