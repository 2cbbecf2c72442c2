package dev.herald.ldap.boot;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.herald.config.ConfigException;
import dev.herald.config.model.SourceLocation;
import dev.herald.config.model.TlsCredential;
import dev.herald.config.model.TlsProtocol;
import dev.herald.config.model.TlsSettings;
import dev.herald.tls.CipherSuite;
import dev.herald.tls.ClientAuthMode;
import dev.herald.tls.KeyLogSink;
import dev.herald.tls.ServerCredential;
import dev.herald.tls.TlsServerConfig;
import dev.herald.tls.TlsServerContext;
import dev.herald.tls.TlsVersion;
import dev.herald.tls.crypto.NamedGroup;

/**
 * Maps the configuration's {@code tls} section onto the TLS engine: credentials (chain, key,
 * SNI names), trust anchors, client-certificate mode (the same four OpenLDAP names on both
 * sides), protocols, suites and groups in preference order, extended master secret, handshake
 * timeout and the key log. The config module has already checked every name and file; what
 * the engine still refuses is reported against the {@code tls} key of the file.
 */
public final class TlsConfigurations {

    private static final Logger LOG = LoggerFactory.getLogger(TlsConfigurations.class);

    private TlsConfigurations() {}

    /** The engine configuration for {@code tls}. */
    public static TlsServerConfig engineConfig(TlsSettings tls, java.nio.file.Path source) throws ConfigException {
        SourceLocation where = new SourceLocation(source, 0, 0, "tls");
        TlsServerConfig.Builder b = TlsServerConfig.builder();
        for (TlsCredential c : tls.credentials()) {
            try {
                b.credential(new ServerCredential(c.chain(), c.privateKey(), engineNames(c.serverNames())));
            } catch (IllegalArgumentException e) {
                throw ConfigException.at(c.location(), e.getMessage(), "check the certificate and key of this credential");
            }
        }
        b.trustAnchors(tls.trustAnchors());
        b.clientAuth(ClientAuthMode.valueOf(tls.clientCertificates().name()));
        Set<TlsVersion> versions = EnumSet.noneOf(TlsVersion.class);
        for (TlsProtocol p : tls.protocols()) {
            versions.add(p == TlsProtocol.TLS_1_3 ? TlsVersion.TLS_1_3 : TlsVersion.TLS_1_2);
        }
        b.versions(versions);
        List<CipherSuite> suites = new ArrayList<>();
        for (String s : tls.cipherSuites()) {
            suites.add(CipherSuite.valueOf(s));
        }
        b.cipherSuites(suites);
        List<NamedGroup> groups = new ArrayList<>();
        for (String g : tls.groups()) {
            groups.add(group(g));
        }
        b.groups(groups);
        b.requireExtendedMasterSecret(tls.requireExtendedMasterSecret());
        b.handshakeTimeout(tls.handshakeTimeout());
        if (tls.keyLogFile().isPresent()) {
            LOG.warn("tls.key-log-file is set: TLS secrets are written to {}; anyone with that file can decrypt"
                    + " captured traffic (debugging only)", tls.keyLogFile().get());
            b.keyLogSink(KeyLogSink.toFile(tls.keyLogFile().get()));
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw ConfigException.at(where, e.getMessage(), "adjust the tls section (see docs/configuration.md)");
        }
    }

    /** A ready engine context: the configuration plus each key checked against its certificate. */
    public static TlsServerContext context(TlsSettings tls, java.nio.file.Path source) throws ConfigException {
        TlsServerConfig config = engineConfig(tls, source);
        try {
            return TlsServerContext.create(config);
        } catch (IllegalArgumentException e) {
            throw ConfigException.at(new SourceLocation(source, 0, 0, "tls.credentials"), e.getMessage(),
                    "use the key that belongs to the certificate");
        }
    }

    /**
     * SNI names for the engine: wildcards and DNS names as configured; IP addresses (clients
     * never send them in SNI) are left out.
     */
    static Set<String> engineNames(List<String> names) {
        Set<String> out = new HashSet<>();
        for (String n : names) {
            if (!n.matches("[0-9.]+") && !n.contains(":")) {
                out.add(n);
            }
        }
        return out;
    }

    private static NamedGroup group(String name) {
        for (NamedGroup g : NamedGroup.values()) {
            if (g.tlsName().equals(name)) {
                return g;
            }
        }
        throw new IllegalArgumentException("unknown group " + name);
    }
}
