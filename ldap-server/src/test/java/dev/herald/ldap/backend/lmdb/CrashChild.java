package dev.herald.ldap.backend.lmdb;

import org.apache.directory.api.ldap.model.entry.DefaultEntry;

import java.nio.file.Path;

/**
 * Run in a child JVM by {@link LmdbCrashSafetyTest}: adds entries one write at a time and
 * prints "committed N map BYTES" after each durable commit, until killed. Arguments: the data
 * folder and optionally the initial map size.
 */
public final class CrashChild {
    private CrashChild() {}

    public static void main(String[] args) throws Exception {
        var sm = TestSchema.get();
        long map = args.length > 1 ? Long.parseLong(args[1]) : 1 << 20;
        LmdbBackend b = new LmdbBackend(sm, LmdbOptions.builder(Path.of(args[0]), "dc=example,dc=com")
                .initialMapSize(map).build());
        b.write(w -> {
            w.add(new DefaultEntry(sm, "dc=example,dc=com", "objectClass: domain", "dc: example"));
            return null;
        });
        System.out.println("ready");
        for (int i = 0; ; i++) {
            int n = i;
            b.write(w -> {
                w.add(new DefaultEntry(sm, "uid=u" + n + ",dc=example,dc=com", "objectClass: inetOrgPerson",
                        "uid: u" + n, "cn: User " + n, "sn: U", "mail: u" + n + "@example.com",
                        "description: " + "d".repeat(n % 500)));
                return null;
            });
            System.out.println("committed " + n + " map " + b.mapSize());
            System.out.flush();
        }
    }
}
