package dev.herald.it;

import static dev.herald.it.Herald.ADMIN;
import static dev.herald.it.Herald.ADMIN_PW;
import static dev.herald.it.Herald.SUFFIX;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.directory.api.ldap.model.name.Dn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.unboundid.ldap.sdk.AddRequest;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.extensions.StartTLSExtendedRequest;

import dev.herald.config.ConfigLoader;
import dev.herald.config.model.HeraldConfig;
import dev.herald.ldap.backend.ReadTxn;
import dev.herald.ldap.backend.lmdb.LmdbBackend;
import dev.herald.ldap.boot.HeraldInstance;
import dev.herald.ldap.schema.HeraldSchema;

/**
 * Issue 5, "crash safety", end to end: the built jar serves an LMDB folder ({@code serve
 * --config}, a separate process), four connections stream adds over StartTLS, and the server is
 * killed with SIGKILL while they do. Then, on the same folder:
 * <ul>
 *   <li>offline, read-only, with the server's own configuration: every add that got a success
 *       response is stored, and the consistency check of the DN tree and every index against
 *       the entries finds nothing;</li>
 *   <li>the server starts again without complaint, finds exactly those entries through its
 *       indexes (plus, at most, adds that were in flight), and takes new writes;</li>
 *   <li>after a clean stop the folder checks out again.</li>
 * </ul>
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class CrashSafetyTest {

    private static final int WRITERS = 4;
    /** Kill once this many adds were acknowledged: well into the stream (each add is a synced commit). */
    private static final int ACKED_BEFORE_KILL = 150;

    @TempDir
    Path dir;

    private Path writeConfig(int port) throws Exception {
        TestPki pki = TestPki.get();
        Path ldif = dir.resolve("example.ldif");
        if (!Files.exists(ldif)) {
            Files.write(ldif, Herald.class.getResourceAsStream("example.ldif").readAllBytes());
        }
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, """
                listeners:
                  ldap: { address: 127.0.0.1, port: %d }
                tls:
                  credentials:
                    - certificate: %s
                      key: %s
                  trust-anchors: [%s]
                directory:
                  suffix: dc=example,dc=com
                  backend: lmdb
                  data-dir: data
                  initial-ldif: example.ldif
                  admin-dn: cn=admin,dc=example,dc=com
                logging:
                  access-log: off
                """.formatted(port, pki.files.serverCertificate(), pki.files.serverKey(), pki.caPem()));
        return file;
    }

    private JarProcess serve() throws Exception {
        int port = JarProcess.freePort();
        Path config = writeConfig(port);
        JarProcess p = JarProcess.start(dir, "serve", "--config", config.toString());
        if (!p.awaitLine(l -> l.contains("serving dc=example,dc=com on ldap://127.0.0.1:" + port), 90)) {
            String out = p.output();
            p.close();
            throw new AssertionError("the server did not start:\n" + out);
        }
        this.port = port;
        return p;
    }

    private int port;

    private LDAPConnection admin() throws LDAPException {
        LDAPConnection c = new LDAPConnection("127.0.0.1", port);
        try {
            ResultCode rc = c.processExtendedOperation(new StartTLSExtendedRequest(ClientTls.context(null))).getResultCode();
            assertThat(rc).isEqualTo(ResultCode.SUCCESS);
            c.bind(ADMIN, ADMIN_PW);
            return c;
        } catch (LDAPException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private static String dn(int writer, int i) {
        return "uid=c" + writer + "-" + i + ",ou=people," + SUFFIX;
    }

    private static AddRequest add(String dn, String uid) {
        return new AddRequest(dn, List.of(new Attribute("objectClass", "inetOrgPerson"), new Attribute("uid", uid),
                new Attribute("cn", "Crash " + uid), new Attribute("sn", "Crash"),
                new Attribute("mail", uid + "@crash.example.com"),
                new Attribute("description", "streamed before a SIGKILL; " + "x".repeat(uid.length() * 7))));
    }

    /** Opens the folder read-only with the configuration the server ran with; checks it and reads the entries. */
    private void checkOffline(Set<String> mustExist) throws Exception {
        HeraldConfig config = new ConfigLoader(Map.of(), Clock.systemUTC()).load(dir.resolve("config.yaml"));
        try (HeraldInstance.Directory d = HeraldInstance.openDirectory(config, HeraldInstance.DirectorySource.CONFIGURED_READ_ONLY)) {
            assertThat(d.backend()).isInstanceOf(LmdbBackend.class);
            assertThat(((LmdbBackend) d.backend()).verify()).as("consistency of the DN tree and the indexes").isEmpty();
            try (ReadTxn r = d.backend().openRead()) {
                for (String dn : mustExist) {
                    assertThat(r.get(new Dn(HeraldSchema.shared(), dn))).as(dn).isPresent();
                }
            }
        }
    }

    @Test
    void everyAcknowledgedAddSurvivesSigkill() throws Exception {
        Set<String> acked = ConcurrentHashMap.newKeySet();
        Set<String> attempted = ConcurrentHashMap.newKeySet();
        AtomicInteger ackedCount = new AtomicInteger();
        AtomicBoolean killing = new AtomicBoolean();
        List<Throwable> unexpected = new ArrayList<>();
        List<Thread> writers = new ArrayList<>();

        long t0 = System.nanoTime();
        try (JarProcess server = serve()) {
            log(t0, "server started");
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                Thread t = new Thread(() -> {
                    try (LDAPConnection c = admin()) {
                        for (int i = 0; ; i++) {
                            String dn = dn(writer, i);
                            attempted.add(dn);
                            c.add(add(dn, "c" + writer + "-" + i)); // throws unless success
                            acked.add(dn);
                            ackedCount.incrementAndGet();
                        }
                    } catch (LDAPException | RuntimeException e) {
                        if (!killing.get()) {
                            synchronized (unexpected) {
                                unexpected.add(e);
                            }
                        }
                    }
                }, "writer-" + w);
                t.setDaemon(true);
                writers.add(t);
                t.start();
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (ackedCount.get() < ACKED_BEFORE_KILL && System.nanoTime() < deadline && unexpected.isEmpty()) {
                Thread.sleep(5);
            }
            assertThat(unexpected).as("failures before the kill").isEmpty();
            assertThat(ackedCount.get()).as("adds acknowledged within 60 s").isGreaterThanOrEqualTo(ACKED_BEFORE_KILL);
            killing.set(true);
            server.kill(); // SIGKILL while the writers are adding
            log(t0, "killed after " + ackedCount.get() + " acknowledged adds");
            for (Thread t : writers) {
                t.join(TimeUnit.SECONDS.toMillis(30));
                assertThat(t.isAlive()).as(t.getName() + " ended after the kill").isFalse();
            }
        }
        Set<String> ackedNow = Set.copyOf(acked);
        assertThat(attempted.size()).as("adds in flight at the kill").isGreaterThanOrEqualTo(ackedNow.size());

        checkOffline(ackedNow);
        log(t0, "offline check done");

        Set<String> found = new HashSet<>();
        try (JarProcess server = serve(); LDAPConnection c = admin()) {
            log(t0, "server restarted");
            SearchResult r = c.search(SUFFIX, SearchScope.SUB, "(uid=c*)", "uid", "mail");
            for (SearchResultEntry e : r.getSearchEntries()) {
                found.add(e.getDN());
                String uid = e.getAttributeValue("uid");
                assertThat(e.getAttributeValue("mail")).as("a whole entry").isEqualTo(uid + "@crash.example.com");
            }
            // another index, the same entries
            Set<String> byMail = new HashSet<>();
            c.search(SUFFIX, SearchScope.SUB, "(mail=*@crash.example.com)", "1.1").getSearchEntries()
                    .forEach(e -> byMail.add(e.getDN()));
            assertThat(byMail).isEqualTo(found);
            assertThat(found).as("every acknowledged add is there").containsAll(ackedNow);
            assertThat(attempted).as("nothing that was never sent").containsAll(found);
            c.add(add(dn(9, 0), "c9-0"));
            assertThat(c.getEntry(dn(9, 0))).as("writable after the restart").isNotNull();
            assertThat(server.output()).as("a clean start").doesNotContain("ERROR", "Exception");
        }
        log(t0, "searched " + found.size() + " entries, stopped");
        found.add(dn(9, 0));
        checkOffline(found);
        log(t0, "offline check done");
    }

    private static void log(long t0, String what) {
        System.out.printf("crash test, %.1f s: %s%n", (System.nanoTime() - t0) / 1e9, what);
    }
}
