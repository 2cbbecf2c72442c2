package dev.herald.ldap.server;

import static dev.herald.ldap.directory.TestDirectory.ALICE;
import static dev.herald.ldap.directory.TestDirectory.BOB;
import static dev.herald.ldap.directory.TestDirectory.SUFFIX;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.filter.ExprNode;
import org.apache.directory.api.ldap.model.message.SearchScope;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.unboundid.ldap.protocol.BindRequestProtocolOp;
import com.unboundid.ldap.protocol.LDAPMessage;
import com.unboundid.ldap.protocol.SearchRequestProtocolOp;
import com.unboundid.ldap.sdk.DereferencePolicy;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import com.unboundid.ldap.sdk.extensions.WhoAmIExtendedRequest;
import com.unboundid.ldap.sdk.extensions.WhoAmIExtendedResult;

import dev.herald.ldap.backend.Backend;
import dev.herald.ldap.backend.ReadTxn;
import dev.herald.ldap.backend.lmdb.LmdbBackend;
import dev.herald.ldap.backend.lmdb.LmdbOptions;
import dev.herald.ldap.schema.HeraldSchema;

/**
 * Which requests run on the event loop and which on the worker pool, seen from the thread that
 * reads the backend: small indexed searches and compares inline, everything that may be long
 * on the pool; and a long search on the pool never holds up the connection's other requests.
 */
class InlineDispatchTest {

    @TempDir
    static Path dir;
    static LmdbBackend lmdb;
    static ThreadRecordingBackend recording;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(s -> s, memory -> {
            try {
                lmdb = new LmdbBackend(HeraldSchema.shared(), LmdbOptions.builder(dir, SUFFIX).build());
            } catch (LdapException e) {
                throw new IllegalStateException(e);
            }
            recording = new ThreadRecordingBackend(lmdb);
            return recording;
        });
        // More than the inline budget share one objectClass value.
        try (LDAPConnection admin = server.admin()) {
            for (int i = 0; i < 20; i++) {
                admin.add("uid=extra" + i + ",ou=people," + SUFFIX, new com.unboundid.ldap.sdk.Attribute("objectClass",
                        "account"), new com.unboundid.ldap.sdk.Attribute("uid", "extra" + i));
            }
        }
    }

    @AfterAll
    static void stop() {
        server.close();
        lmdb.close();
    }

    @BeforeEach
    void clear() {
        recording.threads.clear();
    }

    private static boolean onEventLoop(String thread) {
        return thread.startsWith("herald-io");
    }

    private static boolean onWorker(String thread) {
        return thread.startsWith("herald-worker");
    }

    @Test
    void smallIndexedSearchesRunInlineAndAnswerCorrectly() throws Exception {
        try (LDAPConnection c = server.connect(ALICE, "alice-pw")) {
            recording.threads.clear();
            SearchResult r = c.search(SUFFIX, com.unboundid.ldap.sdk.SearchScope.SUB, "(uid=bob)", "cn", "uid");
            assertThat(r.getEntryCount()).isEqualTo(1);
            assertThat(r.getSearchEntries().get(0).getDN()).isEqualToIgnoringCase(BOB);
            assertThat(r.getSearchEntries().get(0).getAttributeValue("cn")).isNotNull();
            SearchResult and = c.search(SUFFIX, com.unboundid.ldap.sdk.SearchScope.SUB,
                    "(&(objectClass=inetOrgPerson)(uid=alice))");
            assertThat(and.getEntryCount()).isEqualTo(1);
            SearchResult none = c.search(SUFFIX, com.unboundid.ldap.sdk.SearchScope.SUB, "(uid=nobody)");
            assertThat(none.getEntryCount()).isZero();
            SearchResult base = c.search(BOB, com.unboundid.ldap.sdk.SearchScope.BASE, "(objectClass=*)", "+");
            assertThat(base.getSearchEntries().get(0).getAttributeValue("hasSubordinates")).isEqualTo("FALSE");
            assertThat(c.compare(BOB, "uid", "bob").compareMatched()).isTrue();
            assertThat(recording.threads).hasSize(5).allMatch(InlineDispatchTest::onEventLoop);
        }
    }

    @Test
    void possiblyLongSearchesGoToThePool() throws Exception {
        try (LDAPConnection c = server.connect(ALICE, "alice-pw")) {
            recording.threads.clear();
            // unindexed
            assertThat(c.search(SUFFIX, com.unboundid.ldap.sdk.SearchScope.SUB, "(description=*)").getResultCode()
                    .intValue()).isZero();
            // indexed, but more candidates than the inline budget
            assertThat(c.search(SUFFIX, com.unboundid.ldap.sdk.SearchScope.SUB, "(objectClass=account)")
                    .getEntryCount()).isEqualTo(20);
            // every entry
            assertThat(c.search(SUFFIX, com.unboundid.ldap.sdk.SearchScope.SUB, "(objectClass=*)").getEntryCount())
                    .isGreaterThan(20);
            // paged: the first page reads every match
            SearchRequest paged = new SearchRequest(SUFFIX, com.unboundid.ldap.sdk.SearchScope.SUB, "(uid=bob)");
            paged.addControl(new SimplePagedResultsControl(10));
            assertThat(c.search(paged).getEntryCount()).isEqualTo(1);
            // compare of userPassword hashes
            c.compare(ALICE, "userPassword", "alice-pw");
            // four searches, the paged one reading its page again, and the compare
            assertThat(recording.threads).hasSize(6).allMatch(InlineDispatchTest::onWorker);
        }
    }

    @Test
    void whoAmIIsAnsweredInline() throws Exception {
        try (LDAPConnection c = server.connect(ALICE, "alice-pw")) {
            WhoAmIExtendedResult r = (WhoAmIExtendedResult) c.processExtendedOperation(new WhoAmIExtendedRequest());
            assertThat(r.getAuthorizationID()).isEqualToIgnoringCase("dn:" + ALICE);
        }
    }

    @Test
    void aLongSearchOnThePoolDoesNotHoldUpCheapRequestsOnTheSameConnection() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        recording.gate = filter -> filter.toString().contains("description");
        recording.gateLatch = gate;
        recording.started = started;
        try (RawClient raw = new RawClient(server.port())) {
            raw.send(1, new BindRequestProtocolOp(ALICE, "alice-pw"));
            assertThat(raw.read().getBindResponseProtocolOp().getResultCode()).isZero();
            recording.threads.clear();
            raw.send(2, new SearchRequestProtocolOp(SUFFIX, com.unboundid.ldap.sdk.SearchScope.SUB,
                    DereferencePolicy.NEVER, 0, 0, false, Filter.create("(description=*)"), List.of("uid")));
            assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
            raw.send(3, new SearchRequestProtocolOp(SUFFIX, com.unboundid.ldap.sdk.SearchScope.SUB,
                    DereferencePolicy.NEVER, 0, 0, false, Filter.create("(uid=bob)"), List.of("uid")));
            LDAPMessage entry = raw.read();
            assertThat(entry.getMessageID()).isEqualTo(3);
            assertThat(entry.getSearchResultEntryProtocolOp().getDN()).isEqualToIgnoringCase(BOB);
            LDAPMessage done = raw.read();
            assertThat(done.getMessageID()).isEqualTo(3);
            assertThat(done.getSearchResultDoneProtocolOp().getResultCode()).isZero();
            assertThat(gate.getCount()).as("the long search is still held").isEqualTo(1);
            gate.countDown();
            LDAPMessage m;
            while ((m = raw.read()).getProtocolOpType() != LDAPMessage.PROTOCOL_OP_TYPE_SEARCH_RESULT_DONE) {
                assertThat(m.getMessageID()).isEqualTo(2);
            }
            assertThat(m.getMessageID()).isEqualTo(2);
            assertThat(m.getSearchResultDoneProtocolOp().getResultCode()).isZero();
        } finally {
            recording.gate = f -> false;
            gate.countDown();
        }
        assertThat(recording.threads).hasSize(2);
        assertThat(recording.threads.stream().filter(InlineDispatchTest::onWorker)).hasSize(1);
        assertThat(recording.threads.stream().filter(InlineDispatchTest::onEventLoop)).hasSize(1);
    }

    /**
     * Records the thread of every search and entry read, and holds searches whose filter the
     * gate selects until the latch opens.
     */
    static final class ThreadRecordingBackend extends ForwardingBackend {
        final ConcurrentLinkedQueue<String> threads = new ConcurrentLinkedQueue<>();
        volatile Predicate<ExprNode> gate = f -> false;
        volatile CountDownLatch gateLatch = new CountDownLatch(0);
        volatile CountDownLatch started = new CountDownLatch(0);

        ThreadRecordingBackend(Backend inner) {
            super(inner);
        }

        @Override
        ReadTxn wrap(ReadTxn txn) {
            return new Txn(txn) {
                @Override
                public Optional<Entry> get(Dn dn) throws LdapException {
                    threads.add(Thread.currentThread().getName());
                    return txn.get(dn);
                }

                @Override
                public boolean exists(Dn dn) throws LdapException {
                    return txn.exists(dn);
                }

                @Override
                public long candidateBound(ExprNode filter) throws LdapException {
                    return txn.candidateBound(filter);
                }

                @Override
                public void search(Dn base, SearchScope scope, ExprNode filter, long limit, SearchSink sink)
                        throws LdapException {
                    search(base, scope, filter, limit, null, sink);
                }

                @Override
                public void search(Dn base, SearchScope scope, ExprNode filter, long limit,
                        Predicate<AttributeType> wanted, SearchSink sink) throws LdapException {
                    threads.add(Thread.currentThread().getName());
                    if (gate.test(filter)) {
                        started.countDown();
                        try {
                            gateLatch.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    txn.search(base, scope, filter, limit, wanted, sink);
                }
            };
        }
    }
}
