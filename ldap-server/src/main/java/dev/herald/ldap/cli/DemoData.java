package dev.herald.ldap.cli;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

import dev.herald.ldap.password.OpenLdapPbkdf2Scheme;
import dev.herald.ldap.password.PasswordSchemes;

/** The demo directory's content: dc=example,dc=com with an administrator, two users and a group. */
final class DemoData {

    static final String SUFFIX = "dc=example,dc=com";
    static final String ADMIN_DN = "cn=admin," + SUFFIX;
    static final String ALICE_DN = "uid=alice,ou=people," + SUFFIX;
    static final String BOB_DN = "uid=bob,ou=people," + SUFFIX;

    private DemoData() {}

    /** A random administrator password: 24 URL-safe characters. */
    static String newAdminPassword() {
        byte[] raw = new byte[18];
        new SecureRandom().nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    static String ldif(String adminPassword) {
        return """
                version: 1

                dn: dc=example,dc=com
                objectClass: top
                objectClass: domain
                dc: example
                description: Herald demo directory

                dn: ou=people,dc=example,dc=com
                objectClass: organizationalUnit
                ou: people

                dn: ou=groups,dc=example,dc=com
                objectClass: organizationalUnit
                ou: groups

                dn: cn=admin,dc=example,dc=com
                objectClass: organizationalRole
                objectClass: simpleSecurityObject
                cn: admin
                description: Directory administrator
                userPassword: %s

                dn: uid=alice,ou=people,dc=example,dc=com
                objectClass: inetOrgPerson
                objectClass: posixAccount
                uid: alice
                cn: Alice Liddell
                sn: Liddell
                givenName: Alice
                title: Engineer
                mail: alice@example.com
                telephoneNumber: +1 555 0100
                uidNumber: 10001
                gidNumber: 10000
                homeDirectory: /home/alice
                loginShell: /bin/bash
                userPassword: %s

                dn: uid=bob,ou=people,dc=example,dc=com
                objectClass: inetOrgPerson
                objectClass: posixAccount
                uid: bob
                cn: Bob Baker
                sn: Baker
                givenName: Bob
                title: Operator
                mail: bob@example.com
                telephoneNumber: +1 555 0101
                uidNumber: 10002
                gidNumber: 10000
                homeDirectory: /home/bob
                loginShell: /bin/bash
                userPassword: %s

                dn: cn=engineering,ou=groups,dc=example,dc=com
                objectClass: groupOfNames
                cn: engineering
                member: uid=alice,ou=people,dc=example,dc=com
                member: uid=bob,ou=people,dc=example,dc=com
                """.formatted(hash(adminPassword), hash("alice-pw"), hash("bob-pw"));
    }

    private static String hash(String password) {
        return PasswordSchemes.hash(PasswordSchemes.DEFAULT_SCHEME, password.getBytes(StandardCharsets.UTF_8),
                OpenLdapPbkdf2Scheme.DEFAULT_ITERATIONS);
    }
}
