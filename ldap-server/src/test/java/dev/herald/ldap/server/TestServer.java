package dev.herald.ldap.server;

import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.SchemaManager;

import com.unboundid.ldap.sdk.LDAPConnection;

import dev.herald.ldap.backend.Backend;
import dev.herald.ldap.backend.memory.InMemoryBackend;
import dev.herald.ldap.directory.DirectoryService;
import dev.herald.ldap.directory.LdifLoader;
import dev.herald.ldap.directory.TestDirectory;
import dev.herald.ldap.schema.HeraldSchema;
import dev.herald.ldap.settings.Listener;
import dev.herald.ldap.settings.SecurityPolicy;
import dev.herald.ldap.settings.ServerSettings;

/** A Herald server on a free loopback port with test-data.ldif, for tests. */
public final class TestServer implements AutoCloseable {

    public static final String ADMIN_PW = "admin-pw";

    public final HeraldServer server;
    public final DirectoryService directory;
    public final Backend backend;

    private TestServer(HeraldServer server, DirectoryService directory, Backend backend) {
        this.server = server;
        this.directory = directory;
        this.backend = backend;
    }

    public static TestServer start() throws Exception {
        return start(UnaryOperator.identity(), Function.identity());
    }

    public static TestServer start(UnaryOperator<ServerSettings> tune) throws Exception {
        return start(tune, Function.identity());
    }

    /** Starts with adjusted settings and, optionally, a wrapper around the in-memory backend. */
    public static TestServer start(UnaryOperator<ServerSettings> tune, Function<Backend, Backend> wrap) throws Exception {
        return start(tune, wrap, b -> { });
    }

    /** Starts with adjusted settings, backend wrapper and additions to the server builder. */
    public static TestServer start(UnaryOperator<ServerSettings> tune, Function<Backend, Backend> wrap,
            java.util.function.Consumer<HeraldServer.Builder> extend) throws Exception {
        SchemaManager schema = HeraldSchema.shared();
        // These tests bind with passwords in clear on loopback; TLS is tested on its own.
        ServerSettings settings = tune.apply(ServerSettings.defaults(TestDirectory.SUFFIX, TestDirectory.ADMIN)
                .withListeners(List.of(Listener.ldap("127.0.0.1", 0)))
                .withSecurity(SecurityPolicy.allowingCleartextPasswords()));
        Backend backend = wrap.apply(new InMemoryBackend(new Dn(schema, settings.suffix())));
        DirectoryService directory = new DirectoryService(schema, backend, settings, Clock.systemUTC());
        try (Reader in = new InputStreamReader(
                TestServer.class.getResourceAsStream("/dev/herald/ldap/test-data.ldif"), StandardCharsets.UTF_8)) {
            LdifLoader.load(directory, in, "test-data.ldif");
        }
        HeraldServer.Builder builder = HeraldServer.builder(settings, directory);
        extend.accept(builder);
        HeraldServer server = builder.build();
        server.start();
        return new TestServer(server, directory, backend);
    }

    public int port() {
        return server.port();
    }

    public LDAPConnection connect() throws Exception {
        return new LDAPConnection("127.0.0.1", port());
    }

    public LDAPConnection connect(String dn, String password) throws Exception {
        return new LDAPConnection("127.0.0.1", port(), dn, password);
    }

    public LDAPConnection admin() throws Exception {
        return connect(TestDirectory.ADMIN, ADMIN_PW);
    }

    @Override
    public void close() {
        server.close();
    }
}
