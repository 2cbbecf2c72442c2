package dev.herald.ldap.boot;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.herald.config.ConfigException;
import dev.herald.config.model.ConfigProblem;
import dev.herald.config.model.HeraldConfig;
import dev.herald.config.model.SourceLocation;
import dev.herald.ldap.auth.SaslMechanismAdapter;
import dev.herald.ldap.auth.ServerDirectoryLookup;
import dev.herald.ldap.backend.Backend;
import dev.herald.ldap.directory.DirectoryService;
import dev.herald.ldap.directory.LdifLoader;
import dev.herald.ldap.schema.HeraldSchema;
import dev.herald.ldap.server.HeraldServer;
import dev.herald.ldap.server.ListenerBindException;
import dev.herald.ldap.settings.ServerSettings;
import dev.herald.sasl.SaslServices;
import dev.herald.sasl.external.ExternalMechanism;
import dev.herald.tls.TlsServerContext;

/**
 * A server assembled from one configuration file: the backend (with the attributes the
 * certificate mappers search as extra indexes), the initial LDIF when the directory is empty,
 * the TLS engine for StartTLS and LDAPS, SASL EXTERNAL with the configured mappers and
 * authorization policy, and the listeners. Both {@code serve --config} and {@code demo} run
 * through here. Every problem found while starting is a {@link ConfigException} naming the
 * file, the key and the fix (for example a port already in use, at the listener's line).
 */
public final class HeraldInstance implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HeraldInstance.class);

    private final HeraldConfig config;
    private final HeraldServer server;
    private final Backend backend;
    private final int loaded;

    private HeraldInstance(HeraldConfig config, HeraldServer server, Backend backend, int loaded) {
        this.config = config;
        this.server = server;
        this.backend = backend;
        this.loaded = loaded;
    }

    /** The parts of a configured directory without the network: backend, directory and SASL services. */
    public record Directory(Backend backend, DirectoryService service, SaslServices sasl, int loadedEntries)
            implements AutoCloseable {
        @Override
        public void close() {
            backend.close();
        }
    }

    /**
     * Opens the configured backend, loads the initial LDIF if the directory is empty, and builds
     * the SASL services over it. The caller closes the result.
     */
    public static Directory openDirectory(HeraldConfig config) throws ConfigException {
        return openDirectory(config, DirectorySource.CONFIGURED);
    }

    /** Where a tool reads the directory from. */
    public enum DirectorySource {
        /** The configured backend, opened for writing (the server). */
        CONFIGURED,
        /**
         * The configured backend without writing: an LMDB folder is opened read-only (beside a
         * running server), an in-memory one gets the initial LDIF.
         */
        CONFIGURED_READ_ONLY
    }

    /** Like {@link #openDirectory(HeraldConfig)}, from the given source. */
    public static Directory openDirectory(HeraldConfig config, DirectorySource source) throws ConfigException {
        SchemaManager schema = HeraldSchema.shared();
        Set<String> indexed = SaslConfigurations.searchedAttributes(config.sasl());
        boolean readOnly = source == DirectorySource.CONFIGURED_READ_ONLY
                && config.directory().backend() == dev.herald.config.model.BackendType.LMDB;
        Backend backend = readOnly ? Backends.lmdb(config, schema, indexed, true) : Backends.open(config, schema, indexed);
        return over(config, backend, !readOnly);
    }

    /**
     * The directory over an in-memory backend loaded from {@code ldif} instead of the configured
     * storage (the explain command's offline mode).
     */
    public static Directory openDirectory(HeraldConfig config, Path ldif) throws ConfigException {
        SchemaManager schema = HeraldSchema.shared();
        Backend backend = Backends.memory(config, schema);
        Directory d = over(config, backend, false);
        try {
            LdifLoader.load(d.service(), ldif);
        } catch (IOException | LdapException e) {
            d.close();
            throw ConfigException.at(at(config, "directory"), "cannot load " + ldif + ": " + e.getMessage(),
                    "fix the LDIF file");
        }
        return d;
    }

    private static Directory over(HeraldConfig config, Backend backend, boolean loadInitialLdif) throws ConfigException {
        SchemaManager schema = HeraldSchema.shared();
        ServerSettings settings = SettingsMapper.settings(config);
        try {
            DirectoryService directory;
            try {
                directory = new DirectoryService(schema, backend, settings, Clock.systemUTC());
            } catch (LdapException | IllegalArgumentException e) {
                throw ConfigException.at(at(config, "directory.suffix"), e.getMessage(),
                        "check directory.suffix and directory.admin-dn");
            }
            int loaded = loadInitialLdif ? loadInitialLdif(config, directory) : 0;
            ServerDirectoryLookup lookup = new ServerDirectoryLookup(directory);
            SaslServices services;
            try {
                services = SaslServices.create(lookup, SaslConfigurations.mappers(config.sasl().external().mappers()),
                        SaslConfigurations.authorization(config.sasl().authz(), config.source()),
                        SaslConfigurations.usernames(config.sasl(), config.source()));
            } catch (IllegalArgumentException e) {
                throw ConfigException.at(at(config, "sasl.external.mappers"), e.getMessage(), "fix the mappers");
            }
            return new Directory(backend, directory, services, loaded);
        } catch (ConfigException | RuntimeException e) {
            backend.close();
            throw e;
        }
    }

    /** Assembles and starts the server described by {@code config}. */
    public static HeraldInstance start(HeraldConfig config) throws ConfigException, InterruptedException {
        return start(config, UnaryOperator.identity());
    }

    /**
     * Like {@link #start(HeraldConfig)}, with the storage backend wrapped by {@code
     * backendWrapper} (instrumentation, tests that need to hold an operation in progress).
     */
    public static HeraldInstance start(HeraldConfig config, UnaryOperator<Backend> backendWrapper)
            throws ConfigException, InterruptedException {
        for (ConfigProblem w : config.warnings()) {
            LOG.warn("{}", w.format());
        }
        Optional<TlsServerContext> tls = Optional.empty();
        if (config.tls().isPresent()) {
            tls = Optional.of(TlsConfigurations.context(config.tls().get(), config.source()));
        }
        Directory directory = over(config, backendWrapper.apply(
                Backends.open(config, HeraldSchema.shared(), SaslConfigurations.searchedAttributes(config.sasl()))), true);
        try {
            HeraldServer.Builder builder = HeraldServer.builder(SettingsMapper.settings(config), directory.service())
                    .saslMechanism(new SaslMechanismAdapter(new ExternalMechanism(), directory.sasl(),
                            directory.service().schema()));
            tls.ifPresent(builder::tls);
            HeraldServer server = builder.build();
            try {
                server.start();
            } catch (ListenerBindException e) {
                var listener = config.listeners().all().get(e.index());
                throw ConfigException.at(listener.location(),
                        "cannot listen on " + listener.address().getHostAddress() + " port " + listener.port() + ": "
                                + describe(e.getCause()),
                        "stop the program that uses this port (ss -ltnp shows it), or choose another port");
            } catch (IOException e) {
                throw ConfigException.at(at(config, "listeners"), e.getMessage(), "check the listeners");
            }
            return new HeraldInstance(config, server, directory.backend(), directory.loadedEntries());
        } catch (ConfigException | RuntimeException | InterruptedException e) {
            directory.close();
            throw e;
        }
    }

    private static int loadInitialLdif(HeraldConfig config, DirectoryService directory) throws ConfigException {
        Optional<Path> ldif = config.directory().initialLdif();
        if (ldif.isEmpty()) {
            return 0;
        }
        try {
            if (directory.hasSuffixEntry()) {
                return 0;
            }
            return LdifLoader.load(directory, ldif.get());
        } catch (IOException | LdapException e) {
            throw ConfigException.at(at(config, "directory.initial-ldif"),
                    "cannot load " + ldif.get() + ": " + e.getMessage(), "fix the LDIF file");
        }
    }

    private static SourceLocation at(HeraldConfig config, String key) {
        return new SourceLocation(config.source(), 0, 0, key);
    }

    private static String describe(Throwable t) {
        if (t == null) {
            return "unknown error";
        }
        String m = t.getMessage();
        if (t instanceof java.net.BindException || (m != null && m.toLowerCase(java.util.Locale.ROOT).contains("in use"))) {
            return "the address is already in use";
        }
        return m == null ? t.getClass().getSimpleName() : m;
    }

    public HeraldConfig config() {
        return config;
    }

    public HeraldServer server() {
        return server;
    }

    /** Entries loaded from the initial LDIF at this start (0 when the directory already had data). */
    public int loadedEntries() {
        return loaded;
    }

    /** The bound listener addresses, LDAP first, then LDAPS (as configured). */
    public List<InetSocketAddress> addresses() {
        return server.boundAddresses();
    }

    /**
     * The listeners as URLs with the ports actually bound, e.g. {@code ldap://127.0.0.1:1389},
     * in configuration order (LDAP, then LDAPS).
     */
    public List<String> urls() {
        List<InetSocketAddress> bound = addresses();
        List<dev.herald.config.model.Listener> configured = config.listeners().all();
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < bound.size(); i++) {
            String host = bound.get(i).getAddress().getHostAddress();
            if (host.indexOf(':') >= 0) {
                host = "[" + host + "]";
            }
            out.add(configured.get(i).protocol().scheme() + "://" + host + ":" + bound.get(i).getPort());
        }
        return out;
    }

    /** The URL of the first listener of this protocol, if there is one. */
    public Optional<String> url(dev.herald.config.model.ListenerProtocol protocol) {
        return urls().stream().filter(u -> u.startsWith(protocol.scheme() + "://")).findFirst();
    }

    @Override
    public void close() {
        server.close();
        backend.close();
    }
}
