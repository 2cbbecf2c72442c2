package dev.herald.config.demo;

import dev.herald.config.pki.PemFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the one-command demo's configuration: {@code DIR/config.yaml} (listeners on
 * 127.0.0.1, the demo PKI, client certificates requested with {@code try}, LMDB under {@code
 * DIR/data}, and a mapper from the certificate's CN to {@code uid} under {@code
 * ou=people,dc=example,dc=com}, limited to the demo CA), the demo PKI ({@link DemoPki}),
 * unless they already exist {@code DIR/demo.ldif} with the demo entries and {@code
 * DIR/admin.password} (a generated administrator password, mode 600, no trailing newline, so
 * that {@code ldapwhoami -y DIR/admin.password} works). The configuration is rewritten each
 * time (the ports may change); the PKI, the LDIF and the password are kept when present.
 */
public final class DemoConfig {

    public static final String SUFFIX = "dc=example,dc=com";
    public static final String PEOPLE = "ou=people," + SUFFIX;
    public static final String ADMIN_DN = "cn=admin," + SUFFIX;
    /** The file holding the administrator's generated password (the config's admin-password). */
    public static final String ADMIN_PASSWORD_FILE = "admin.password";
    public static final String CONFIG_FILE = "config.yaml";
    public static final String LDIF_FILE = "demo.ldif";

    private DemoConfig() {}

    /** The entry a demo user's certificate maps to: {@code uid=<user>,ou=people,dc=example,dc=com}. */
    public static String userDn(String user) {
        return "uid=" + user + "," + PEOPLE;
    }

    /** A demo user's password in demo.ldif ({@code <user>-pw}), for simple-bind examples. */
    public static String userPassword(String user) {
        return user + "-pw";
    }

    /**
     * Writes the demo PKI, the LDIF (if missing) and {@code dir/config.yaml}; returns the path
     * of the configuration file.
     */
    public static Path write(Path dir, int ldapPort, int ldapsPort) throws IOException {
        checkPort(ldapPort, "ldapPort");
        checkPort(ldapsPort, "ldapsPort");
        Files.createDirectories(dir);
        DemoPki.generate(dir);
        Path ldif = dir.resolve(LDIF_FILE);
        if (!Files.exists(ldif)) {
            PemFiles.writePublic(ldif, ldif());
        }
        Path adminPassword = dir.resolve(ADMIN_PASSWORD_FILE);
        if (!Files.exists(adminPassword)) {
            PemFiles.writePrivate(adminPassword, newAdminPassword());
        }
        Path config = dir.resolve(CONFIG_FILE);
        PemFiles.writePublic(config, yaml(ldapPort, ldapsPort));
        return config;
    }

    /** The demo configuration text. */
    public static String yaml(int ldapPort, int ldapsPort) {
        return """
                # Herald demo configuration, written by `herald demo`. Every key is described in
                # docs/configuration.md. Relative paths are relative to this file's folder.
                listeners:
                  ldap:  { address: 127.0.0.1, port: %d }     # StartTLS upgrades this one
                  ldaps: { address: 127.0.0.1, port: %d }     # TLS from the first byte
                tls:
                  credentials:
                    - certificate: pki/server.pem             # localhost / 127.0.0.1, issued by the demo CA
                      key: pki/server.key
                  trust-anchors: [pki/ca.pem]                 # client certificates must chain to the demo CA
                  client-certificates: try                    # ask; none is fine; a bad one fails the handshake
                directory:
                  suffix: %s
                  backend: lmdb
                  data-dir: data
                  initial-ldif: %s                            # loaded when the directory is empty
                  admin-dn: %s
                  admin-password: { file: %s }         # generated; like slapd's rootpw
                sasl:
                  external:
                    mappers:
                      # CN=alice,OU=people,O=Herald Demo (issued by the demo CA) -> uid=alice,%s
                      - type: subject-attribute
                        issuer: pki/ca.pem
                        certificate-attribute: CN
                        entry-attribute: uid
                        base: %s
                        scope: one
                logging:
                  access-log: "-"
                """.formatted(ldapPort, ldapsPort, SUFFIX, LDIF_FILE, ADMIN_DN, ADMIN_PASSWORD_FILE, PEOPLE, PEOPLE);
    }

    /** A random administrator password: 24 URL-safe characters. */
    static String newAdminPassword() {
        byte[] raw = new byte[18];
        new java.security.SecureRandom().nextBytes(raw);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    /**
     * The demo entries: the suffix, ou=people with alice, bob and mallory, and the
     * administrator's entry (its password is {@code admin.password}, given in the configuration).
     */
    public static String ldif() {
        StringBuilder sb = new StringBuilder();
        sb.append("""
                version: 1

                dn: %s
                objectClass: top
                objectClass: dcObject
                objectClass: organization
                dc: example
                o: Herald Demo

                dn: %s
                objectClass: top
                objectClass: organizationalUnit
                ou: people

                dn: %s
                objectClass: top
                objectClass: organizationalRole
                cn: admin
                description: Demo directory administrator
                """.formatted(SUFFIX, PEOPLE, ADMIN_DN));
        String[] users = {"alice", "bob", "mallory"};
        for (int i = 0; i < users.length; i++) {
            String user = users[i];
            String name = Character.toUpperCase(user.charAt(0)) + user.substring(1);
            sb.append("""

                    dn: %s
                    objectClass: top
                    objectClass: person
                    objectClass: organizationalPerson
                    objectClass: inetOrgPerson
                    uid: %s
                    cn: %s Demo
                    sn: Demo
                    givenName: %s
                    mail: %s
                    telephoneNumber: +1 555 010%d
                    userPassword: %s
                    """.formatted(userDn(user), user, name, name, DemoPki.clientEmail(user), i, userPassword(user)));
        }
        return sb.toString();
    }

    private static void checkPort(int port, String name) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(name + " must be between 0 and 65535: " + port);
        }
    }

}
