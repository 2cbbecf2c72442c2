package dev.herald.config;

import dev.herald.config.model.CertificateMapping;
import dev.herald.config.model.ClientCertificateMode;
import dev.herald.config.model.DirectorySettings;
import dev.herald.config.model.HeraldConfig;
import dev.herald.config.model.Limits;
import dev.herald.config.model.Listeners;
import dev.herald.config.model.LoggingSettings;
import dev.herald.config.model.SaslSettings;
import dev.herald.config.model.SecuritySettings;
import dev.herald.config.model.SourceLocation;
import dev.herald.config.model.TlsSettings;
import dev.herald.config.pki.KeyMaterial;
import dev.herald.config.yaml.ConfigMapping;
import dev.herald.config.yaml.ConfigNode;
import dev.herald.config.yaml.Problems;
import dev.herald.config.yaml.YamlFile;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads and validates a Herald configuration file into a {@link HeraldConfig}. Every mistake
 * found is collected; if there is any, {@link #load} throws one {@link ConfigException} listing
 * them all, each naming the file, line, key path, problem and fix. Relative paths resolve
 * against the file's folder; secrets come from the environment map and files given here.
 *
 * <pre>{@code
 * HeraldConfig config = new ConfigLoader().load(Path.of("/etc/herald/config.yaml"));
 * config.warnings().forEach(w -> log.warn(w.format()));
 * }</pre>
 */
public final class ConfigLoader {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);

    private static final String TOP_FIX = "the file is a mapping of sections: listeners, tls, directory, sasl, security, limits, logging";

    private final Map<String, String> environment;
    private final Clock clock;

    /** Reads secrets from the process environment and checks validity against the system clock. */
    public ConfigLoader() {
        this(System.getenv(), Clock.systemUTC());
    }

    /** For tests and tools: an explicit environment (for {@code { env: NAME }} secrets) and clock (for certificate validity warnings). */
    public ConfigLoader(Map<String, String> environment, Clock clock) {
        this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Loads {@code file}. */
    public HeraldConfig load(Path file) throws ConfigException {
        Path absolute = file.toAbsolutePath().normalize();
        Problems problems = new Problems();
        Optional<ConfigNode> root = YamlFile.read(absolute, problems);
        return bind(absolute, root, problems);
    }

    /** Loads YAML text as if it were the contents of {@code file} (relative paths resolve against its folder). */
    public HeraldConfig loadString(String yaml, Path file) throws ConfigException {
        Path absolute = file.toAbsolutePath().normalize();
        Problems problems = new Problems();
        Optional<ConfigNode> root = YamlFile.parse(yaml, absolute, problems);
        return bind(absolute, root, problems);
    }

    private HeraldConfig bind(Path file, Optional<ConfigNode> root, Problems problems) throws ConfigException {
        if (root.isEmpty()) {
            throw new ConfigException(problems.errors(), problems.warnings());
        }
        Optional<ConfigMapping> top = root.get().mapping(TOP_FIX);
        if (top.isEmpty()) {
            throw new ConfigException(problems.errors(), problems.warnings());
        }
        ConfigMapping m = top.get();
        Secrets secrets = new Secrets(environment);

        Listeners listeners = ListenersSection.bind(m.get("listeners"));
        ConfigNode tlsNode = m.get("tls");
        Optional<TlsSettings> tls = new TlsSection(secrets, clock).bind(tlsNode);
        boolean tlsBroken = tlsNode.present() && tls.isEmpty();
        DirectorySection directorySection = new DirectorySection(secrets);
        DirectorySettings directory = directorySection.bind(m.get("directory"));
        String suffix = directory != null ? directory.suffix() : null;
        ConfigNode saslNode = m.get("sasl");
        SaslSettings sasl = new SaslSection(directorySection.suffixRdns, suffix).bind(saslNode);
        ConfigNode securityNode = m.get("security");
        SecuritySettings security = SmallSections.security(securityNode);
        Limits limits = SmallSections.limits(m.get("limits"));
        LoggingSettings logging = SmallSections.logging(m.get("logging"));
        m.finish();

        if (!tlsBroken) {
            crossCheck(root.get(), listeners, tls, sasl, security, securityNode, saslNode, tlsNode);
        }
        if (problems.hasErrors()) {
            throw new ConfigException(problems.errors(), problems.warnings());
        }
        if (listeners == null || directory == null || sasl == null || security == null || limits == null || logging == null) {
            throw new IllegalStateException("a section failed to bind without recording a problem");
        }
        HeraldConfig config = new HeraldConfig(file, listeners, tls, directory, sasl, security, limits, logging, problems.warnings());
        LOG.debug("loaded configuration {} ({} warnings)", file, config.warnings().size());
        return config;
    }

    /** Rules that involve several sections. Skipped for sections that are already broken. */
    private static void crossCheck(ConfigNode root, Listeners listeners, Optional<TlsSettings> tls, SaslSettings sasl,
            SecuritySettings security, ConfigNode securityNode, ConfigNode saslNode, ConfigNode tlsNode) {
        Problems problems = root.problems();
        if (listeners != null && listeners.ldaps().isPresent() && tls.isEmpty()) {
            problems.error(listeners.ldaps().get().location(), "an LDAPS listener is configured but there is no tls section with credentials",
                    "add tls: { credentials: [ { certificate: server.pem, key: server.key } ] }, or remove listeners.ldaps");
        }
        if (security != null && tls.isEmpty()) {
            SourceLocation at = securityNode.location();
            if (security.requireTlsForAllOperations()) {
                problems.error(at.withKeyPath("security.require-tls-for-all-operations"),
                        "every operation requires TLS, but TLS is not configured, so no client could do anything",
                        "add a tls section, or set require-tls-for-all-operations: false");
            } else if (security.requireTlsForSimpleBind() && listeners != null && listeners.ldap().isPresent()) {
                problems.warn(at.withKeyPath("security.require-tls-for-simple-bind"),
                        "simple binds require TLS, but TLS is not configured: every simple bind with a password will fail "
                                + "with confidentialityRequired",
                        "add a tls section (StartTLS), or set require-tls-for-simple-bind: false on a trusted network only");
            }
        }
        if (sasl == null) {
            return;
        }
        boolean mappers = !sasl.external().mappers().isEmpty();
        boolean requested = tls.isPresent() && tls.get().clientCertificates() != ClientCertificateMode.NEVER;
        if (mappers && !requested) {
            problems.warn(saslNode.location().withKeyPath("sasl.external.mappers"),
                    "certificate mappers are configured but client certificates are never requested, so SASL EXTERNAL cannot succeed",
                    tls.isEmpty() ? "add a tls section with trust-anchors" : "set tls.client-certificates to try (or allow / demand)");
        }
        if (requested && !mappers) {
            problems.warn(tlsNode.location().withKeyPath("tls.client-certificates"),
                    "client certificates are requested but sasl.external.mappers is empty, so SASL EXTERNAL binds will all fail",
                    "add a mapper, e.g. { type: subject-attribute, certificate-attribute: CN, entry-attribute: uid }");
        }
        if (tls.isPresent() && mappers) {
            for (CertificateMapping mapping : sasl.external().mappers()) {
                if (mapping.issuer().isPresent() && !trusted(mapping.issuer().get(), tls.get())) {
                    problems.warn(mapping.location().withKeyPath(mapping.location().keyPath() + ".issuer"),
                            "the issuer " + mapping.issuer().get().getSubjectX500Principal().getName()
                                    + " is not one of tls.trust-anchors nor issued by one, so no chain from it is ever verified "
                                    + "and this mapper never matches",
                            "add the CA to tls.trust-anchors, or fix the issuer path");
                }
            }
        }
    }

    private static boolean trusted(X509Certificate issuer, TlsSettings tls) {
        for (X509Certificate anchor : tls.trustAnchors()) {
            if (anchor.equals(issuer) || (issuer.getIssuerX500Principal().equals(anchor.getSubjectX500Principal())
                    && KeyMaterial.verifies(issuer, anchor))) {
                return true;
            }
        }
        return false;
    }
}
