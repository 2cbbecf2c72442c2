package dev.herald.ldap.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import dev.herald.config.demo.DemoConfig;
import dev.herald.config.demo.DemoPki;
import dev.herald.config.model.HeraldConfig;
import dev.herald.config.model.ListenerProtocol;
import dev.herald.ldap.boot.HeraldInstance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code herald demo}: writes (or reuses) a demo folder — {@code config.yaml}, a demo PKI
 * under {@code pki/}, {@code demo.ldif}, a generated administrator password in {@code
 * admin.password} (mode 600) — and runs the server from that configuration exactly as {@code
 * serve --config DIR/config.yaml} would: LDAP with StartTLS and LDAPS on 127.0.0.1, client
 * certificates requested, SASL EXTERNAL mapping a certificate's CN to {@code uid}, data in LMDB
 * under {@code DIR/data}. It prints commands to try, first the {@code ldapwhoami} that shows
 * alice's certificate mapped to her entry.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run a demo directory (dc=example,dc=com) with StartTLS, LDAPS and SASL EXTERNAL on 127.0.0.1, "
                + "and print commands to try.")
final class DemoCommand implements Callable<Integer> {

    static final String ADMIN_PASSWORD_FILE = DemoConfig.ADMIN_PASSWORD_FILE;

    @Option(names = "--dir", paramLabel = "DIR", description = "Demo folder (default: ${DEFAULT-VALUE}).")
    Path dir = Path.of("herald-demo");

    @Option(names = "--ldap-port", paramLabel = "N", description = "LDAP (StartTLS) port (default: ${DEFAULT-VALUE}).")
    int ldapPort = 1389;

    @Option(names = "--ldaps-port", paramLabel = "N", description = "LDAPS port (default: ${DEFAULT-VALUE}).")
    int ldapsPort = 1636;

    @Override
    public Integer call() throws Exception {
        Path configFile;
        try {
            configFile = DemoConfig.write(dir, ldapPort, ldapsPort);
        } catch (IllegalArgumentException | java.io.IOException e) {
            System.err.println("herald demo: cannot prepare " + dir + ": " + e.getMessage());
            return 1;
        }
        HeraldConfig config = ServerRunner.load(configFile, System.err);
        if (config == null) {
            return ServerRunner.CONFIG_ERROR;
        }
        return ServerRunner.run(config, this::banner, System.out, System.err);
    }

    /** The text printed once the server runs: where it listens and the commands to try. */
    String banner(HeraldInstance instance) {
        String ldap = instance.url(ListenerProtocol.LDAP).orElseThrow();
        String ldaps = instance.url(ListenerProtocol.LDAPS).orElseThrow();
        String d = dir.toString();
        String ca = "LDAPTLS_CACERT=" + d + "/pki/ca.pem";
        String data = instance.loadedEntries() > 0
                ? instance.loadedEntries() + " entries loaded from " + d + "/" + DemoConfig.LDIF_FILE
                : "data kept from the last run";
        return """

                Herald demo directory in %s (%s; stored in %s/data).
                Listening on %s (StartTLS) and %s, client certificates requested.

                  Suffix         %s
                  Administrator  %s, password in %s/%s
                  Users          uid=alice / uid=bob / uid=mallory under %s (passwords alice-pw, bob-pw, mallory-pw)
                  Certificates   %s/pki: ca.pem (trusted), alice.pem + alice.key, bob.pem + bob.key,
                                 mallory.pem + mallory.key (issued by untrusted-ca.pem, which the server does not trust)

                Try:
                  %s %s ldapwhoami -H %s -ZZ -Y EXTERNAL
                  %s %s ldapsearch -H %s -Y EXTERNAL -b %s '(uid=alice)' mail
                  %s ldapsearch -x -H %s -ZZ -D %s -w %s -b %s '(uid=bob)'
                  %s ldapwhoami -x -H %s -ZZ -D %s -y %s/%s
                  ldapsearch -x -H %s -b '' -s base +       # root DSE: readable in clear
                  ldapwhoami -x -H %s -D %s -w %s        # refused: a password needs TLS (13)
                  %s %s ldapwhoami -H %s -ZZ -Y EXTERNAL   # refused: mallory's CA is not trusted
                  java -jar %s explain-mapping --config %s/config.yaml %s/pki/bob.pem

                Stop with Ctrl-C.
                """.formatted(d, data, d,
                ldap, ldaps,
                DemoConfig.SUFFIX,
                DemoConfig.ADMIN_DN, d, ADMIN_PASSWORD_FILE,
                DemoConfig.PEOPLE,
                d,
                ca, client(d, "alice"), ldap,
                ca, client(d, "bob"), ldaps, DemoConfig.SUFFIX,
                ca, ldap, DemoConfig.userDn("alice"), DemoConfig.userPassword("alice"), DemoConfig.SUFFIX,
                ca, ldap, DemoConfig.ADMIN_DN, d, ADMIN_PASSWORD_FILE,
                ldap,
                ldap, DemoConfig.userDn("alice"), DemoConfig.userPassword("alice"),
                ca, client(d, DemoPki.UNTRUSTED_USER), ldap,
                jarPath(), d, d);
    }

    private static String client(String dir, String user) {
        return "LDAPTLS_CERT=" + dir + "/pki/" + user + ".pem LDAPTLS_KEY=" + dir + "/pki/" + user + ".key";
    }

    /** The running jar, for the explain command; the build's path when not run from a jar. */
    private static String jarPath() {
        try {
            Path p = Path.of(DemoCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (p.toString().endsWith(".jar")) {
                Path cwd = Path.of("").toAbsolutePath();
                return p.startsWith(cwd) ? cwd.relativize(p).toString() : p.toString();
            }
        } catch (Exception e) {
            // fall through
        }
        return "ldap-server/target/ldap-server.jar";
    }
}
