package dev.herald.ldap.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.directory.api.ldap.model.entry.DefaultEntry;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.schema.SchemaManager;

import dev.herald.ldap.backend.lmdb.EntryCodec;
import dev.herald.ldap.tools.StandardSchema;

/**
 * Benchmark (not a test): the stored entry form ({@link EntryCodec}) against the Directory API's
 * own Java serialisation ({@code DefaultEntry.writeExternal / readExternal}) on typical person
 * entries: bytes per entry and CPU microseconds to encode and to decode into a schema-aware
 * entry. CPU time of the measuring thread, so other load on the machine matters less.
 */
public final class EntryCodecBench {
    private EntryCodecBench() {}

    public static void main(String[] args) throws Exception {
        SchemaManager sm = StandardSchema.load();
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            entries.add(new DefaultEntry(sm, "uid=user" + i + ",ou=people,dc=example,dc=com",
                    "objectClass: inetOrgPerson", "uid: user" + i, "cn: User " + i + " Example", "sn: Example" + i % 1000,
                    "givenName: User" + i, "mail: user" + i + "@example.com", "telephoneNumber: +1 555 " + (1000000 + i),
                    "employeeNumber: " + i, "description: generated person number " + i,
                    "entryUUID: 6f1f2d4e-3c1a-4d5e-9f00-" + String.format("%012d", i),
                    "createTimestamp: 20240101000000Z", "creatorsName: cn=admin,dc=example,dc=com"));
        }
        EntryCodec codec = new EntryCodec(sm);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 6; round++) {
            long c0 = mx.getCurrentThreadCpuTime();
            List<byte[]> ours = new ArrayList<>();
            for (Entry e : entries) {
                ours.add(codec.encode(e));
            }
            long c1 = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < entries.size(); i++) {
                codec.decode(ours.get(i), entries.get(i).getDn());
            }
            long c2 = mx.getCurrentThreadCpuTime();
            List<byte[]> java = new ArrayList<>();
            for (Entry e : entries) {
                ByteArrayOutputStream bo = new ByteArrayOutputStream(512);
                try (ObjectOutputStream oo = new ObjectOutputStream(bo)) {
                    e.writeExternal(oo);
                }
                java.add(bo.toByteArray());
            }
            long c3 = mx.getCurrentThreadCpuTime();
            for (byte[] b : java) {
                try (ObjectInputStream oi = new ObjectInputStream(new ByteArrayInputStream(b))) {
                    new DefaultEntry(sm).readExternal(oi);
                }
            }
            long c4 = mx.getCurrentThreadCpuTime();
            if (round >= 3) {
                int n = entries.size();
                System.out.printf(Locale.ROOT,
                        "EntryCodec: %d bytes, encode %.2f us, decode %.2f us | Java serialisation: %d bytes, encode %.2f us, decode %.2f us%n",
                        ours.stream().mapToInt(b -> b.length).sum() / n, (c1 - c0) / 1e3 / n, (c2 - c1) / 1e3 / n,
                        java.stream().mapToInt(b -> b.length).sum() / n, (c3 - c2) / 1e3 / n, (c4 - c3) / 1e3 / n);
            }
        }
    }
}
