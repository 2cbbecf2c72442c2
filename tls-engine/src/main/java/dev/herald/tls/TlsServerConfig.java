package dev.herald.tls;

import dev.herald.tls.crypto.NamedGroup;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Immutable configuration of the TLS server engine. Build it with {@link #builder()}; the
 * builder checks consistency (credentials usable with the enabled suites, trust anchors for
 * modes that verify chains, ...) and fails with a message that says what to change.
 */
public final class TlsServerConfig {

    /** Default cipher-suite preference: AES-128-GCM, AES-256-GCM, ChaCha20, ECDSA before RSA. */
    public static final List<CipherSuite> DEFAULT_CIPHER_SUITES = List.of(
            CipherSuite.TLS_AES_128_GCM_SHA256,
            CipherSuite.TLS_AES_256_GCM_SHA384,
            CipherSuite.TLS_CHACHA20_POLY1305_SHA256,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
            CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
            CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
            CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256);

    public static final List<NamedGroup> DEFAULT_GROUPS = List.of(NamedGroup.X25519, NamedGroup.SECP256R1, NamedGroup.SECP384R1);

    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    private final List<ServerCredential> credentials;
    private final List<X509Certificate> trustAnchors;
    private final ClientAuthMode clientAuth;
    private final Set<TlsVersion> versions;
    private final List<CipherSuite> cipherSuites;
    private final List<NamedGroup> groups;
    private final boolean requireExtendedMasterSecret;
    private final Duration handshakeTimeout;
    private final KeyLogSink keyLogSink;
    private final int recordPaddingBlock;
    private final Clock clock;

    private TlsServerConfig(Builder b) {
        this.credentials = List.copyOf(b.credentials);
        this.trustAnchors = List.copyOf(b.trustAnchors);
        this.clientAuth = b.clientAuth;
        this.versions = Set.copyOf(b.versions);
        this.cipherSuites = List.copyOf(b.cipherSuites);
        this.groups = List.copyOf(b.groups);
        this.requireExtendedMasterSecret = b.requireExtendedMasterSecret;
        this.handshakeTimeout = b.handshakeTimeout;
        this.keyLogSink = b.keyLogSink;
        this.recordPaddingBlock = b.recordPaddingBlock;
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder preloaded with this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.credentials.addAll(credentials);
        b.trustAnchors.addAll(trustAnchors);
        b.clientAuth = clientAuth;
        b.versions = EnumSet.copyOf(versions);
        b.cipherSuites = new ArrayList<>(cipherSuites);
        b.groups = new ArrayList<>(groups);
        b.requireExtendedMasterSecret = requireExtendedMasterSecret;
        b.handshakeTimeout = handshakeTimeout;
        b.keyLogSink = keyLogSink;
        b.recordPaddingBlock = recordPaddingBlock;
        b.clock = clock;
        return b;
    }

    /** Server identities, in preference order. */
    public List<ServerCredential> credentials() {
        return credentials;
    }

    /** CAs whose client certificates we accept; their names go into CertificateRequest. */
    public List<X509Certificate> trustAnchors() {
        return trustAnchors;
    }

    public ClientAuthMode clientAuth() {
        return clientAuth;
    }

    public Set<TlsVersion> versions() {
        return versions;
    }

    /** Enabled suites in server preference order. */
    public List<CipherSuite> cipherSuites() {
        return cipherSuites;
    }

    /** Enabled key-exchange groups in server preference order. */
    public List<NamedGroup> groups() {
        return groups;
    }

    /** TLS 1.2 clients that do not offer extended_master_secret (RFC 7627) are refused. */
    public boolean requireExtendedMasterSecret() {
        return requireExtendedMasterSecret;
    }

    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    public Optional<KeyLogSink> keyLogSink() {
        return Optional.ofNullable(keyLogSink);
    }

    /** TLS 1.3 records are padded to a multiple of this many bytes (0: no padding). */
    public int recordPaddingBlock() {
        return recordPaddingBlock;
    }

    /** The clock for certificate validity checks. */
    public Clock clock() {
        return clock;
    }

    /** Builder for {@link TlsServerConfig}; {@link #build()} validates. */
    public static final class Builder {
        private final List<ServerCredential> credentials = new ArrayList<>();
        private final List<X509Certificate> trustAnchors = new ArrayList<>();
        private ClientAuthMode clientAuth = ClientAuthMode.TRY;
        private Set<TlsVersion> versions = EnumSet.allOf(TlsVersion.class);
        private List<CipherSuite> cipherSuites = new ArrayList<>(DEFAULT_CIPHER_SUITES);
        private List<NamedGroup> groups = new ArrayList<>(DEFAULT_GROUPS);
        private boolean requireExtendedMasterSecret;
        private Duration handshakeTimeout = DEFAULT_HANDSHAKE_TIMEOUT;
        private KeyLogSink keyLogSink;
        private int recordPaddingBlock;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        public Builder credential(ServerCredential credential) {
            credentials.add(Objects.requireNonNull(credential, "credential"));
            return this;
        }

        public Builder credentials(List<ServerCredential> list) {
            credentials.clear();
            list.forEach(this::credential);
            return this;
        }

        public Builder trustAnchors(List<X509Certificate> anchors) {
            trustAnchors.clear();
            anchors.forEach(a -> trustAnchors.add(Objects.requireNonNull(a, "trust anchor")));
            return this;
        }

        public Builder clientAuth(ClientAuthMode mode) {
            this.clientAuth = Objects.requireNonNull(mode, "clientAuth");
            return this;
        }

        public Builder versions(TlsVersion... v) {
            return versions(Set.of(v));
        }

        public Builder versions(Set<TlsVersion> v) {
            this.versions = v.isEmpty() ? EnumSet.noneOf(TlsVersion.class) : EnumSet.copyOf(v);
            return this;
        }

        public Builder cipherSuites(List<CipherSuite> suites) {
            this.cipherSuites = new ArrayList<>(new LinkedHashSet<>(suites));
            return this;
        }

        public Builder groups(List<NamedGroup> g) {
            this.groups = new ArrayList<>(new LinkedHashSet<>(g));
            return this;
        }

        public Builder requireExtendedMasterSecret(boolean require) {
            this.requireExtendedMasterSecret = require;
            return this;
        }

        public Builder handshakeTimeout(Duration timeout) {
            this.handshakeTimeout = Objects.requireNonNull(timeout, "handshakeTimeout");
            return this;
        }

        /** Where to write NSS key-log lines; null (the default) writes none. */
        public Builder keyLogSink(KeyLogSink sink) {
            this.keyLogSink = sink;
            return this;
        }

        public Builder recordPaddingBlock(int block) {
            this.recordPaddingBlock = block;
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        public TlsServerConfig build() {
            List<String> errors = new ArrayList<>();
            if (credentials.isEmpty()) {
                errors.add("no server credential (certificate chain and private key) configured");
            }
            if (versions.isEmpty()) {
                errors.add("no TLS version enabled");
            }
            if (groups.isEmpty()) {
                errors.add("no key-exchange group enabled");
            }
            if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
                errors.add("handshake timeout must be positive, got " + handshakeTimeout);
            }
            if (recordPaddingBlock < 0 || recordPaddingBlock > 16384) {
                errors.add("record padding block must be between 0 and 16384, got " + recordPaddingBlock);
            }
            if ((clientAuth == ClientAuthMode.TRY || clientAuth == ClientAuthMode.DEMAND) && trustAnchors.isEmpty()) {
                errors.add("client certificate mode " + clientAuth.name().toLowerCase(java.util.Locale.ROOT)
                        + " needs at least one trust anchor (CA certificate) to verify client chains;"
                        + " add trust anchors or use mode never");
            }
            for (TlsVersion v : versions) {
                List<CipherSuite> forVersion = cipherSuites.stream().filter(s -> s.version() == v).toList();
                if (forVersion.isEmpty()) {
                    errors.add(v + " is enabled but none of its cipher suites is");
                } else if (v == TlsVersion.TLS_1_2 && !credentials.isEmpty()) {
                    boolean usable = forVersion.stream().anyMatch(s -> credentials.stream()
                            .anyMatch(c -> suiteFits(s, c)));
                    if (!usable) {
                        errors.add("TLSv1.2 is enabled but no enabled TLSv1.2 suite fits the credentials' key types"
                                + " (ECDHE_ECDSA suites need an EC or Ed25519 key, ECDHE_RSA suites an RSA key)");
                    }
                }
            }
            if (!errors.isEmpty()) {
                throw new IllegalArgumentException("invalid TLS configuration: " + String.join("; ", errors));
            }
            return new TlsServerConfig(this);
        }

        private static boolean suiteFits(CipherSuite s, ServerCredential c) {
            boolean rsa = c.keyKind() == dev.herald.tls.pki.KeyKind.RSA;
            return (s.authentication() == CipherSuite.Authentication.RSA) == rsa;
        }
    }
}
