package dev.herald.ldap.tools;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Generates a directory-shaped LDIF: a suffix, ou=people with n people, and ou=groups. */
public final class TestLdif {
    private TestLdif() {}

    public static void write(Path file, int people) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("version: 1\n\n");
            w.write("dn: dc=example,dc=com\nobjectClass: domain\ndc: example\n\n");
            w.write("dn: ou=people,dc=example,dc=com\nobjectClass: organizationalUnit\nou: people\n\n");
            w.write("dn: ou=groups,dc=example,dc=com\nobjectClass: organizationalUnit\nou: groups\n\n");
            StringBuilder sb = new StringBuilder(512);
            for (int i = 0; i < people; i++) {
                sb.setLength(0);
                sb.append("dn: uid=user").append(i).append(",ou=people,dc=example,dc=com\n")
                        .append("objectClass: inetOrgPerson\n")
                        .append("uid: user").append(i).append('\n')
                        .append("cn: User ").append(i).append(" Example\n")
                        .append("sn: Example").append(i % 1000).append('\n')
                        .append("givenName: User").append(i).append('\n')
                        .append("mail: user").append(i).append("@example.com\n")
                        .append("telephoneNumber: +1 555 ").append(1000000 + i).append('\n')
                        .append("employeeNumber: ").append(i).append('\n')
                        .append("description: generated person number ").append(i).append("\n\n");
                w.write(sb.toString());
            }
            for (int g = 0; g < Math.max(1, people / 1000); g++) {
                sb.setLength(0);
                sb.append("dn: cn=group").append(g).append(",ou=groups,dc=example,dc=com\n")
                        .append("objectClass: groupOfNames\ncn: group").append(g).append('\n');
                for (int m = 0; m < Math.min(people, 10); m++) {
                    sb.append("member: uid=user").append(g * 10 + m).append(",ou=people,dc=example,dc=com\n");
                }
                sb.append('\n');
                w.write(sb.toString());
            }
        }
    }

    public static long entries(int people) {
        return 3 + people + Math.max(1, people / 1000);
    }
}
