package dev.herald.ldap.backend.lmdb;

import static dev.herald.ldap.backend.lmdb.TestSchema.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapEntryAlreadyExistsException;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.exception.LdapNoSuchObjectException;
import org.apache.directory.api.ldap.model.filter.FilterParser;
import org.apache.directory.api.ldap.model.message.SearchScope;
import org.apache.directory.api.ldap.model.name.Dn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readers and writers at once for a few seconds. Readers check that each snapshot agrees with
 * itself (the one-level scan of ou=people and the objectClass index give the same count; an
 * index hit carries the value it was found by); at the end every index is checked against the
 * entries.
 */
@Timeout(120)
class LmdbConcurrencyTest {
    static final String SUFFIX = "dc=example,dc=com";
    static final String PEOPLE = "ou=people," + SUFFIX;
    static final int KEYS = 300;

    @TempDir
    Path dir;

    static Entry person(int n, String cn) throws LdapException {
        return entry("uid=p" + n + "," + PEOPLE, "objectClass: inetOrgPerson", "uid: p" + n, "cn: " + cn,
                "sn: S", "mail: p" + n + "@example.com");
    }

    @Test
    void readersSeeConsistentSnapshotsWhileWritersChangeEverything() throws Exception {
        LmdbOptions o = LmdbOptions.builder(dir, SUFFIX).initialMapSize(1 << 20).durable(false).build();
        try (LmdbBackend b = new LmdbBackend(TestSchema.get(), o)) {
            b.write(w -> {
                w.add(entry(SUFFIX, "objectClass: domain", "dc: example"));
                w.add(entry(PEOPLE, "objectClass: organizationalUnit", "ou: people"));
                w.add(entry("ou=moved," + SUFFIX, "objectClass: organizationalUnit", "ou: moved"));
                return null;
            });
            AtomicBoolean stop = new AtomicBoolean();
            ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
            AtomicLong reads = new AtomicLong();
            AtomicLong writes = new AtomicLong();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                threads.add(new Thread(() -> writer(b, stop, errors, writes), "writer-" + t));
            }
            for (int t = 0; t < 4; t++) {
                threads.add(new Thread(() -> reader(b, stop, errors, reads), "reader-" + t));
            }
            threads.forEach(Thread::start);
            TimeUnit.SECONDS.sleep(4);
            stop.set(true);
            for (Thread t : threads) {
                t.join(30_000);
            }
            assertThat(errors).isEmpty();
            assertThat(reads.get()).isPositive();
            assertThat(writes.get()).isPositive();
            assertThat(b.verify()).isEmpty();
        }
    }

    private static void writer(LmdbBackend b, AtomicBoolean stop, ConcurrentLinkedQueue<Throwable> errors,
            AtomicLong writes) {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        while (!stop.get()) {
            int n = rnd.nextInt(KEYS);
            int op = rnd.nextInt(4);
            try {
                b.write(w -> {
                    switch (op) {
                        case 0 -> w.add(person(n, "Person " + n));
                        case 1 -> w.replace(person(n, "Renamed " + rnd.nextInt(1000)));
                        case 2 -> w.delete(new Dn("uid=p" + n + "," + PEOPLE));
                        default -> {
                            // move out and straight back in with new content, in one transaction
                            Entry out = person(n, "Moving " + n);
                            out.setDn(new Dn(TestSchema.get(), "uid=p" + n + ",ou=moved," + SUFFIX));
                            w.rename(new Dn("uid=p" + n + "," + PEOPLE), out);
                            w.rename(out.getDn(), person(n, "Back " + n));
                        }
                    }
                    return null;
                });
                writes.incrementAndGet();
            } catch (LdapEntryAlreadyExistsException | LdapNoSuchObjectException expected) {
                // the random operation did not fit the current state
            } catch (Throwable t) {
                errors.add(t);
                return;
            }
        }
    }

    private static void reader(LmdbBackend b, AtomicBoolean stop, ConcurrentLinkedQueue<Throwable> errors,
            AtomicLong reads) {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        try {
            while (!stop.get()) {
                try (var r = b.openRead()) {
                    long[] scan = {0};
                    r.search(new Dn(TestSchema.get(), PEOPLE), SearchScope.ONELEVEL,
                            FilterParser.parse(TestSchema.get(), "(objectClass=*)"), 0, e -> {
                                scan[0]++;
                                return true;
                            });
                    long[] indexed = {0};
                    r.search(new Dn(TestSchema.get(), SUFFIX), SearchScope.SUBTREE,
                            FilterParser.parse(TestSchema.get(), "(objectClass=person)"), 0, e -> {
                                indexed[0]++;
                                return true;
                            });
                    if (scan[0] != indexed[0]) {
                        throw new AssertionError("snapshot disagrees: " + scan[0] + " children, " + indexed[0]
                                + " in the objectClass index");
                    }
                    int n = rnd.nextInt(KEYS);
                    r.search(new Dn(TestSchema.get(), SUFFIX), SearchScope.SUBTREE,
                            FilterParser.parse(TestSchema.get(), "(uid=p" + n + ")"), 0, e -> {
                                if (!e.contains("uid", "p" + n) || !e.getDn().getName().startsWith("uid=p" + n + ",")) {
                                    throw new AssertionError("index hit for p" + n + " is " + e);
                                }
                                return true;
                            });
                    reads.incrementAndGet();
                }
            }
        } catch (Throwable t) {
            errors.add(t);
        }
    }
}
