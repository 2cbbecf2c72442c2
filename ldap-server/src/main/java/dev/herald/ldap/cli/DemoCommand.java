package dev.herald.ldap.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.SchemaManager;

import dev.herald.ldap.backend.memory.InMemoryBackend;
import dev.herald.ldap.directory.DirectoryService;
import dev.herald.ldap.directory.LdifLoader;
import dev.herald.ldap.schema.HeraldSchema;
import dev.herald.ldap.server.HeraldServer;
import dev.herald.ldap.settings.Listener;
import dev.herald.ldap.settings.ServerSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code herald demo}: creates (or reuses) a demo directory folder with sample data under
 * dc=example,dc=com and a generated administrator password, serves it on 127.0.0.1, and
 * prints commands to try. Data is loaded from the folder's LDIF into the in-memory backend, so
 * changes made while it runs are not kept.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run a demo directory (dc=example,dc=com) on 127.0.0.1 and print commands to try.")
final class DemoCommand implements Callable<Integer> {

    static final String DATA_FILE = "data.ldif";
    static final String ADMIN_PASSWORD_FILE = "admin.password";

    @Option(names = "--dir", paramLabel = "DIR", description = "Demo folder (default: ${DEFAULT-VALUE}).")
    Path dir = Path.of("herald-demo");

    @Option(names = "--ldap-port", paramLabel = "N", description = "LDAP port (default: ${DEFAULT-VALUE}).")
    int ldapPort = 1389;

    @Option(names = "--ldaps-port", paramLabel = "N",
            description = "LDAPS port (default: ${DEFAULT-VALUE}); LDAPS arrives with the TLS work and is not served yet.")
    int ldapsPort = 1636;

    @Override
    public Integer call() throws Exception {
        Path data = dir.resolve(DATA_FILE);
        Path passwordFile = dir.resolve(ADMIN_PASSWORD_FILE);
        boolean created = prepare(dir);
        SchemaManager schema = HeraldSchema.shared();
        ServerSettings settings = ServerSettings.defaults(DemoData.SUFFIX, DemoData.ADMIN_DN)
                .withListeners(List.of(Listener.ldap("127.0.0.1", ldapPort)));
        InMemoryBackend backend = new InMemoryBackend(new Dn(schema, DemoData.SUFFIX));
        DirectoryService directory = new DirectoryService(schema, backend, settings, Clock.systemUTC());
        int loaded = LdifLoader.load(directory, data);
        HeraldServer server = HeraldServer.builder(settings, directory).build();
        try {
            server.start();
        } catch (IOException e) {
            System.err.println("herald demo: cannot listen on 127.0.0.1:" + ldapPort + ": " + e.getMessage()
                    + " (is another server using the port? choose one with --ldap-port)");
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            backend.close();
            stopped.countDown();
        }, "herald-shutdown"));
        System.out.println(banner(created, loaded, server.port(), passwordFile));
        System.out.flush();
        stopped.await();
        return 0;
    }

    /** Creates the folder with data and password files unless it has them; true when created. */
    static boolean prepare(Path dir) throws IOException {
        Path data = dir.resolve(DATA_FILE);
        Path passwordFile = dir.resolve(ADMIN_PASSWORD_FILE);
        if (Files.exists(data) && Files.exists(passwordFile)) {
            return false;
        }
        Files.createDirectories(dir);
        String adminPassword = DemoData.newAdminPassword();
        // No trailing newline: "ldapsearch -y FILE" uses the whole file as the password.
        writePrivate(passwordFile, adminPassword);
        writePrivate(data, DemoData.ldif(adminPassword));
        return true;
    }

    private static void writePrivate(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
        try {
            FileAttribute<Set<PosixFilePermission>> attr = PosixFilePermissions.asFileAttribute(ownerOnly);
            Files.createFile(file, attr);
        } catch (UnsupportedOperationException e) {
            Files.createFile(file); // not a POSIX file system
        } catch (FileAlreadyExistsException e) {
            throw e;
        }
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private String banner(boolean created, int loaded, int port, Path passwordFile) {
        String url = "ldap://127.0.0.1:" + port;
        String pw = passwordFile.toAbsolutePath().toString();
        return """

                Herald demo directory %s %s (%d entries, in memory: changes last until you stop it).
                Listening on %s. LDAPS (port %d) and StartTLS arrive with the TLS work.

                  Suffix         dc=example,dc=com
                  Administrator  cn=admin,dc=example,dc=com, password in %s
                  Users          uid=alice,ou=people,dc=example,dc=com (alice-pw)
                                 uid=bob,ou=people,dc=example,dc=com   (bob-pw)

                Try:
                  ldapsearch -x -H %s -D uid=alice,ou=people,dc=example,dc=com -w alice-pw -b dc=example,dc=com '(uid=bob)'
                  ldapwhoami -x -H %s -D uid=bob,ou=people,dc=example,dc=com -w bob-pw
                  ldapsearch -x -H %s -b '' -s base '+'
                  ldapsearch -x -H %s -b cn=schema -s base '+'
                  ldapmodify -x -H %s -D cn=admin,dc=example,dc=com -y %s <<EOF
                dn: uid=bob,ou=people,dc=example,dc=com
                changetype: modify
                replace: title
                title: Site reliability engineer
                EOF

                Stop with Ctrl-C.
                """.formatted(created ? "created in" : "reused from", dir.toAbsolutePath(), loaded, url, ldapsPort,
                pw, url, url, url, url, url, pw);
    }
}
