package dev.herald.it;

import static dev.herald.it.Herald.ADMIN;
import static dev.herald.it.Herald.ADMIN_PW;
import static dev.herald.it.Herald.SUFFIX;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.unboundid.ldap.sdk.AddRequest;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ModifyDNRequest;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;

import dev.herald.ldap.backend.Backend;
import dev.herald.ldap.backend.lmdb.LmdbBackend;

/**
 * Issue 5, "concurrent load": Herald on an LMDB folder, four writer connections and six reader
 * connections for a few seconds. Each writer owns a subtree and keeps a model of it while it
 * adds, modifies (mail and description together, in one operation), renames, moves between two
 * containers (newSuperior) and deletes people, and keeps a group's member list in step. Readers
 * search meanwhile with equality, substring, presence, one-level and subtree filters and check
 * what a snapshot promises: an entry's RDN agrees with its uid, a modify is seen whole, a one-level
 * result lies directly below its base. Afterwards the backend's consistency check (DN tree and
 * every index against the entries) finds nothing, and every writer's model is exactly what the
 * indexed searches return.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ConcurrentLoadTest {

    private static final int WRITERS = 4;
    private static final int READERS = 6;
    private static final long LOAD_MILLIS = 4000;
    private static final int MAX_PEOPLE = 120;

    @TempDir
    Path data;

    /**
     * What one writer believes one of its people is. The mail names the uid and version it was
     * written with (a rename keeps it); the description is "v" + version, written together with it.
     */
    private record Person(String uid, String container, int version, String mail) {
        static Person fresh(String uid, String container) {
            return new Person(uid, container, 0, mail(uid, 0));
        }

        static String mail(String uid, int version) {
            return uid + ".v" + version + "@load.example.com";
        }

        String dn(int writer) {
            return "uid=" + uid + ",ou=" + container + ",ou=w" + writer + "," + SUFFIX;
        }
    }

    private static String base(int writer) {
        return "ou=w" + writer + "," + SUFFIX;
    }

    private static String group(int writer) {
        return "cn=g" + writer + "," + base(writer);
    }

    private static LDAPConnection connect(int port) throws LDAPException {
        return new LDAPConnection("127.0.0.1", port, ADMIN, ADMIN_PW);
    }

    /** One writer: its own subtree, random operations, and the model of what succeeded. */
    private static final class Writer implements Runnable {
        final int id;
        final int port;
        final AtomicBoolean stop;
        final Map<String, Person> people = new HashMap<>();
        final Set<String> members = new HashSet<>();
        final AtomicLong operations;
        final java.util.concurrent.CountDownLatch ready;
        volatile int nextSeq;
        volatile Throwable failure;

        Writer(int id, int port, AtomicBoolean stop, AtomicLong operations, java.util.concurrent.CountDownLatch ready) {
            this.ready = ready;
            this.id = id;
            this.port = port;
            this.stop = stop;
            this.operations = operations;
        }

        @Override
        public void run() {
            Random random = new Random(id);
            try (LDAPConnection c = connect(port)) {
                c.add(new AddRequest(base(id), List.of(new Attribute("objectClass", "organizationalUnit"),
                        new Attribute("ou", "w" + id))));
                for (String container : List.of("a", "b")) {
                    c.add(new AddRequest("ou=" + container + "," + base(id), List.of(
                            new Attribute("objectClass", "organizationalUnit"), new Attribute("ou", container))));
                }
                c.add(new AddRequest(group(id), List.of(new Attribute("objectClass", "groupOfNames"),
                        new Attribute("cn", "g" + id), new Attribute("member", ADMIN))));
                members.add(ADMIN);
                ready.countDown(); // the readers start once every subtree exists
                counted = true;
                while (!stop.get()) {
                    int dice = random.nextInt(100);
                    if (people.isEmpty() || dice < 30 && people.size() < MAX_PEOPLE) {
                        add(c, random);
                    } else {
                        Person p = pick(random);
                        if (dice < 60) {
                            modify(c, p);
                        } else if (dice < 75) {
                            rename(c, p);
                        } else if (dice < 85) {
                            move(c, p);
                        } else {
                            delete(c, p);
                        }
                    }
                    operations.incrementAndGet();
                }
            } catch (Throwable t) {
                failure = t;
                if (!counted) {
                    ready.countDown(); // do not keep the test waiting for a writer that failed
                }
            }
        }

        private boolean counted;

        private Person pick(Random random) {
            List<Person> all = new ArrayList<>(people.values());
            return all.get(random.nextInt(all.size()));
        }

        private void add(LDAPConnection c, Random random) throws LDAPException {
            String uid = "w" + id + "-" + nextSeq++;
            Person p = Person.fresh(uid, random.nextBoolean() ? "a" : "b");
            c.add(new AddRequest(p.dn(id), List.of(new Attribute("objectClass", "inetOrgPerson"),
                    new Attribute("uid", uid), new Attribute("cn", "Load " + uid), new Attribute("sn", "Load"),
                    new Attribute("mail", p.mail()), new Attribute("description", "v0"))));
            people.put(uid, p);
            c.modify(group(id), new Modification(ModificationType.ADD, "member", p.dn(id)));
            members.add(p.dn(id));
        }

        private void modify(LDAPConnection c, Person p) throws LDAPException {
            Person next = new Person(p.uid(), p.container(), p.version() + 1, Person.mail(p.uid(), p.version() + 1));
            c.modify(p.dn(id), new Modification(ModificationType.REPLACE, "mail", next.mail()),
                    new Modification(ModificationType.REPLACE, "description", "v" + next.version()));
            people.put(p.uid(), next);
        }

        private void rename(LDAPConnection c, Person p) throws LDAPException {
            String uid = "w" + id + "-" + nextSeq++;
            c.modifyDN(p.dn(id), "uid=" + uid, true); // deleteOldRDN: the old uid value goes
            Person next = new Person(uid, p.container(), p.version(), p.mail());
            people.remove(p.uid());
            people.put(uid, next);
            relink(c, p.dn(id), next.dn(id));
        }

        private void move(LDAPConnection c, Person p) throws LDAPException {
            String to = p.container().equals("a") ? "b" : "a";
            c.modifyDN(new ModifyDNRequest(p.dn(id), "uid=" + p.uid(), false, "ou=" + to + "," + base(id)));
            Person next = new Person(p.uid(), to, p.version(), p.mail());
            people.put(p.uid(), next);
            relink(c, p.dn(id), next.dn(id));
        }

        private void delete(LDAPConnection c, Person p) throws LDAPException {
            c.delete(p.dn(id));
            people.remove(p.uid());
            c.modify(group(id), new Modification(ModificationType.DELETE, "member", p.dn(id)));
            members.remove(p.dn(id));
        }

        private void relink(LDAPConnection c, String from, String to) throws LDAPException {
            c.modify(group(id), new Modification(ModificationType.DELETE, "member", from),
                    new Modification(ModificationType.ADD, "member", to));
            members.remove(from);
            members.add(to);
        }
    }

    /** One reader: random searches over the writers' subtrees, checking what one snapshot promises. */
    private static final class Reader implements Runnable {
        final int id;
        final int port;
        final AtomicBoolean stop;
        final List<Writer> writers;
        final AtomicLong searches;
        final List<String> violations = new ArrayList<>();
        volatile Throwable failure;

        Reader(int id, int port, AtomicBoolean stop, List<Writer> writers, AtomicLong searches) {
            this.id = id;
            this.port = port;
            this.stop = stop;
            this.writers = writers;
            this.searches = searches;
        }

        @Override
        public void run() {
            Random random = new Random(100 + id);
            try (LDAPConnection c = connect(port)) {
                while (!stop.get()) {
                    int w = random.nextInt(WRITERS);
                    String uid = "w" + w + "-" + random.nextInt(Math.max(1, writers.get(w).nextSeq));
                    List<SearchResultEntry> found;
                    String base = base(w);
                    switch (random.nextInt(5)) {
                        case 0 -> found = search(c, SUFFIX, SearchScope.SUB, "(uid=" + uid + ")");
                        case 1 -> found = search(c, base, SearchScope.SUB, "(uid=" + uid.substring(0, uid.length() - 1) + "*)");
                        case 2 -> found = search(c, base, SearchScope.SUB, "(&(objectClass=inetOrgPerson)(mail=*))");
                        case 3 -> {
                            base = "ou=" + (random.nextBoolean() ? "a" : "b") + "," + base;
                            found = search(c, base, SearchScope.ONE, "(objectClass=*)");
                            for (SearchResultEntry e : found) {
                                if (!e.getParentDNString().equalsIgnoreCase(base)) {
                                    violation("one-level under " + base + " returned " + e.getDN());
                                }
                            }
                        }
                        default -> found = search(c, SUFFIX, SearchScope.SUB, "(mail=" + uid + ".v" + random.nextInt(3)
                                + "@load.example.com)");
                    }
                    for (SearchResultEntry e : found) {
                        check(e);
                    }
                    searches.incrementAndGet();
                }
            } catch (Throwable t) {
                failure = t;
            }
        }

        private static List<SearchResultEntry> search(LDAPConnection c, String base, SearchScope scope, String filter)
                throws LDAPException {
            return c.search(base, scope, filter, "uid", "mail", "description").getSearchEntries();
        }

        private void check(SearchResultEntry e) throws LDAPException {
            if (!e.getDN().startsWith("uid=")) {
                return; // a container
            }
            String rdnValue = new DN(e.getDN()).getRDN().getAttributeValues()[0];
            String[] uids = e.getAttributeValues("uid");
            if (uids == null || uids.length != 1 || !uids[0].equals(rdnValue)) {
                violation(e.getDN() + " has uid " + (uids == null ? "none" : List.of(uids)));
            }
            String mail = e.getAttributeValue("mail");
            String description = e.getAttributeValue("description");
            if (mail == null || description == null
                    || !mail.substring(mail.lastIndexOf(".v") + 1, mail.indexOf('@')).equals(description)) {
                violation(e.getDN() + ": half a modify: mail " + mail + ", description " + description);
            }
        }

        private void violation(String what) {
            if (violations.size() < 20) {
                violations.add(what);
            }
        }
    }

    @Test
    void readersAndWritersThenTheIndexesAgreeWithTheEntries() throws Exception {
        AtomicReference<Backend> backend = new AtomicReference<>();
        try (Herald herald = Herald.builder()
                .section("security", "require-tls-for-simple-bind: false")
                .section("directory", """
                        suffix: dc=example,dc=com
                        backend: lmdb
                        data-dir: %s
                        initial-ldif: data.ldif
                        admin-dn: cn=admin,dc=example,dc=com""".formatted(data))
                .section("logging", "access-log: off")
                .backendWrapper(b -> {
                    backend.set(b);
                    return b;
                })
                .start()) {
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong writes = new AtomicLong();
            AtomicLong searches = new AtomicLong();
            List<Writer> writers = new ArrayList<>();
            List<Reader> readers = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(WRITERS);
            for (int i = 0; i < WRITERS; i++) {
                Writer w = new Writer(i, herald.port(), stop, writes, ready);
                writers.add(w);
                Thread t = new Thread(w, "writer-" + i);
                threads.add(t);
                t.start();
            }
            assertThat(ready.await(60, TimeUnit.SECONDS)).as("the writers' subtrees exist").isTrue();
            for (int i = 0; i < READERS; i++) {
                Reader r = new Reader(i, herald.port(), stop, writers, searches);
                readers.add(r);
                Thread t = new Thread(r, "reader-" + i);
                threads.add(t);
                t.start();
            }
            // at least LOAD_MILLIS, and on a loaded machine longer: until every kind of work has been done a few times
            long started = System.nanoTime();
            Thread.sleep(LOAD_MILLIS);
            long patience = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while ((writes.get() <= WRITERS * 10L || searches.get() <= READERS * 10L) && System.nanoTime() < patience
                    && writers.stream().allMatch(w -> w.failure == null) && readers.stream().allMatch(r -> r.failure == null)) {
                Thread.sleep(50);
            }
            long loadMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            stop.set(true);
            for (Thread t : threads) {
                t.join(TimeUnit.SECONDS.toMillis(60));
                assertThat(t.isAlive()).as(t.getName() + " finished").isFalse();
            }
            System.out.printf("concurrent load: %d writes, %d searches in %d ms%n", writes.get(), searches.get(), loadMillis);
            for (Writer w : writers) {
                assertThat(w.failure).as("writer " + w.id).isNull();
            }
            for (Reader r : readers) {
                assertThat(r.failure).as("reader " + r.id).isNull();
                assertThat(r.violations).as("reader " + r.id).isEmpty();
            }
            assertThat(writes.get()).as("writes done").isGreaterThan(WRITERS * 10L);
            assertThat(searches.get()).as("searches done").isGreaterThan(READERS * 10L);

            assertThat(backend.get()).isInstanceOf(LmdbBackend.class);
            assertThat(((LmdbBackend) backend.get()).verify()).as("the DN tree and every index against the entries").isEmpty();

            try (LDAPConnection c = connect(herald.port())) {
                for (Writer w : writers) {
                    Map<String, Person> byDn = new HashMap<>();
                    w.people.values().forEach(p -> byDn.put(p.dn(w.id).toLowerCase(), p));
                    Set<String> dns = new HashSet<>();
                    for (SearchResultEntry e : c.search(base(w.id), SearchScope.SUB, "(objectClass=inetOrgPerson)",
                            "mail", "description").getSearchEntries()) {
                        dns.add(e.getDN().toLowerCase());
                        Person p = byDn.get(e.getDN().toLowerCase());
                        assertThat(p).as("an entry the writer does not know: " + e.getDN()).isNotNull();
                        assertThat(e.getAttributeValue("mail")).as(e.getDN()).isEqualTo(p.mail());
                        assertThat(e.getAttributeValue("description")).as(e.getDN()).isEqualTo("v" + p.version());
                    }
                    assertThat(dns).as("writer " + w.id + "'s people").isEqualTo(byDn.keySet());
                    for (Person p : w.people.values()) {
                        assertThat(dnsOf(c, "(uid=" + p.uid() + ")")).as("uid index").containsExactly(p.dn(w.id).toLowerCase());
                        assertThat(dnsOf(c, "(mail=" + p.mail() + ")")).as("mail index").containsExactly(p.dn(w.id).toLowerCase());
                        assertThat(dnsOf(c, "(member=" + p.dn(w.id) + ")")).as("member index")
                                .containsExactly(group(w.id).toLowerCase());
                    }
                    Set<String> members = new HashSet<>();
                    for (String m : c.getEntry(group(w.id), "member").getAttributeValues("member")) {
                        members.add(m.toLowerCase());
                    }
                    Set<String> expected = new HashSet<>();
                    w.members.forEach(m -> expected.add(m.toLowerCase()));
                    assertThat(members).as("writer " + w.id + "'s group").isEqualTo(expected);
                }
            }
        }
    }

    private static List<String> dnsOf(LDAPConnection c, String filter) throws LDAPException {
        List<String> out = new ArrayList<>();
        for (SearchResultEntry e : c.search(SUFFIX, SearchScope.SUB, filter, "1.1").getSearchEntries()) {
            out.add(e.getDN().toLowerCase());
        }
        return out;
    }
}
