package dev.herald.it;

import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.function.UnaryOperator;

import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.SchemaManager;

import dev.herald.ldap.backend.memory.InMemoryBackend;
import dev.herald.ldap.directory.DirectoryService;
import dev.herald.ldap.directory.LdifLoader;
import dev.herald.ldap.schema.HeraldSchema;
import dev.herald.ldap.server.HeraldServer;
import dev.herald.ldap.settings.Listener;
import dev.herald.ldap.settings.ServerSettings;

/** Herald running in this JVM on a free loopback port, loaded with example.ldif. */
public final class Herald implements AutoCloseable {

    public static final String SUFFIX = "dc=example,dc=com";
    public static final String ADMIN = "cn=admin,dc=example,dc=com";
    public static final String ADMIN_PW = "admin-pw";
    public static final String ALICE = "uid=alice,ou=people,dc=example,dc=com";
    public static final String BOB = "uid=bob,ou=people,dc=example,dc=com";

    private final HeraldServer server;

    private Herald(HeraldServer server) {
        this.server = server;
    }

    public static Herald start() throws Exception {
        return start(UnaryOperator.identity());
    }

    public static Herald start(UnaryOperator<ServerSettings> tune) throws Exception {
        SchemaManager schema = HeraldSchema.shared();
        ServerSettings settings = tune.apply(ServerSettings.defaults(SUFFIX, ADMIN)
                .withListeners(List.of(Listener.ldap("127.0.0.1", 0))));
        DirectoryService directory = new DirectoryService(schema, new InMemoryBackend(new Dn(schema, SUFFIX)), settings,
                Clock.systemUTC());
        try (Reader in = new InputStreamReader(Herald.class.getResourceAsStream("example.ldif"), StandardCharsets.UTF_8)) {
            LdifLoader.load(directory, in, "example.ldif");
        }
        HeraldServer server = HeraldServer.builder(settings, directory).build();
        server.start();
        return new Herald(server);
    }

    public int port() {
        return server.port();
    }

    public String url() {
        return "ldap://127.0.0.1:" + port();
    }

    @Override
    public void close() {
        server.close();
    }
}
