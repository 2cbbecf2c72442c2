package dev.herald.ldap.server;

import static dev.herald.ldap.directory.TestDirectory.ADMIN;
import static dev.herald.ldap.directory.TestDirectory.ALICE;
import static dev.herald.ldap.directory.TestDirectory.BOB;
import static dev.herald.ldap.directory.TestDirectory.SUFFIX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.protocol.AbandonRequestProtocolOp;
import com.unboundid.ldap.protocol.BindRequestProtocolOp;
import com.unboundid.ldap.protocol.ExtendedRequestProtocolOp;
import com.unboundid.ldap.protocol.LDAPMessage;
import com.unboundid.ldap.protocol.SearchRequestProtocolOp;
import com.unboundid.ldap.sdk.BindResult;
import com.unboundid.ldap.sdk.CompareResult;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.DereferencePolicy;
import com.unboundid.ldap.sdk.ExtendedRequest;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.GenericSASLBindRequest;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import com.unboundid.ldap.sdk.extensions.WhoAmIExtendedRequest;
import com.unboundid.ldap.sdk.extensions.WhoAmIExtendedResult;

/** The operations through a real socket with the UnboundID SDK. */
class OperationsTest {

    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static ResultCode code(ThrowingRunnable r) {
        try {
            r.run();
            return ResultCode.SUCCESS;
        } catch (LDAPException e) {
            return e.getResultCode();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void bindOutcomes() throws Exception {
        try (LDAPConnection c = server.connect()) {
            assertThat(c.bind(ALICE, "alice-pw").getResultCode()).isEqualTo(ResultCode.SUCCESS);
            assertThat(code(() -> c.bind(ALICE, "wrong"))).isEqualTo(ResultCode.INVALID_CREDENTIALS);
            assertThat(code(() -> c.bind("uid=nobody,ou=people," + SUFFIX, "x"))).isEqualTo(ResultCode.INVALID_CREDENTIALS);
            assertThat(code(() -> c.bind("not a dn", "x"))).isIn(ResultCode.INVALID_CREDENTIALS, ResultCode.INVALID_DN_SYNTAX);
            com.unboundid.ldap.sdk.LDAPConnectionOptions lenient = c.getConnectionOptions().duplicate();
            lenient.setBindWithDNRequiresPassword(false);
            c.setConnectionOptions(lenient);
            assertThat(code(() -> c.bind(new SimpleBindRequest(ALICE, "")))).isEqualTo(ResultCode.UNWILLING_TO_PERFORM);
            assertThat(code(() -> c.bind(new GenericSASLBindRequest(null, "EXTERNAL", null))))
                    .isEqualTo(ResultCode.AUTH_METHOD_NOT_SUPPORTED);
            assertThat(code(() -> c.bind(new GenericSASLBindRequest(null, "FOO-BAR", new ASN1OctetString("x")))))
                    .isEqualTo(ResultCode.AUTH_METHOD_NOT_SUPPORTED);
            assertThat(c.bind("", "").getResultCode()).isEqualTo(ResultCode.SUCCESS);
            // A failed bind leaves the connection anonymous (RFC 4513 §4).
            c.bind(BOB, "bob-pw");
            assertThat(code(() -> c.bind(BOB, "nope"))).isEqualTo(ResultCode.INVALID_CREDENTIALS);
            assertThat(whoAmI(c)).isEmpty();
        }
    }

    @Test
    void bindWithVersion2IsAProtocolError() throws Exception {
        try (RawClient raw = new RawClient(server.port())) {
            // BindRequest version 2 (ldapsearch -P 2): 30 0c 02 01 01 60 07 02 01 02 04 00 80 00
            raw.send(new byte[] {0x30, 0x0c, 0x02, 0x01, 0x01, 0x60, 0x07, 0x02, 0x01, 0x02, 0x04, 0x00, (byte) 0x80, 0x00});
            LDAPMessage m = raw.read();
            assertThat(m.getMessageID()).isEqualTo(1);
            assertThat(m.getBindResponseProtocolOp().getResultCode()).isEqualTo(ResultCode.PROTOCOL_ERROR_INT_VALUE);
        }
    }

    private static String whoAmI(LDAPConnection c) throws LDAPException {
        WhoAmIExtendedResult r = (WhoAmIExtendedResult) c.processExtendedOperation(new WhoAmIExtendedRequest());
        assertThat(r.getResultCode()).isEqualTo(ResultCode.SUCCESS);
        return r.getAuthorizationID();
    }

    @Test
    void whoAmIAndUnknownExtendedOperation() throws Exception {
        try (LDAPConnection c = server.connect(ALICE, "alice-pw")) {
            assertThat(whoAmI(c)).isEqualTo("dn:" + ALICE);
            LDAPException e = org.junit.jupiter.api.Assertions.assertThrows(LDAPException.class,
                    () -> c.processExtendedOperation(new ExtendedRequest("1.2.3.4.5", new ASN1OctetString("x"))));
            assertThat(e.getResultCode()).isEqualTo(ResultCode.PROTOCOL_ERROR);
            assertThat(whoAmI(c)).as("the connection goes on").isEqualTo("dn:" + ALICE);
        }
        try (LDAPConnection c = server.connect()) {
            assertThat(whoAmI(c)).isEmpty();
        }
        try (RawClient raw = new RawClient(server.port())) {
            raw.send(1, new ExtendedRequestProtocolOp("1.2.3.4.5", null));
            com.unboundid.ldap.protocol.ExtendedResponseProtocolOp r = raw.read().getExtendedResponseProtocolOp();
            assertThat(r.getResultCode()).isEqualTo(ResultCode.PROTOCOL_ERROR_INT_VALUE);
            assertThat(r.getResponseOID()).as("no responseName for an unknown request").isNull();
            // RFC 4532 §2.2: for an anonymous client the value is present and empty.
            raw.send(2, new ExtendedRequestProtocolOp(WhoAmIExtendedRequest.WHO_AM_I_REQUEST_OID, null));
            com.unboundid.ldap.protocol.ExtendedResponseProtocolOp w = raw.read().getExtendedResponseProtocolOp();
            assertThat(w.getResponseValue()).isNotNull();
            assertThat(w.getResponseValue().getValueLength()).isZero();
        }
    }

    @Test
    void rootDseAndSchema() throws Exception {
        try (LDAPConnection c = server.connect()) {
            SearchResultEntry dse = c.getEntry("", "+");
            assertThat(dse.getAttributeValue("namingContexts")).isEqualTo(SUFFIX);
            assertThat(dse.getAttributeValues("supportedExtension")).contains("1.3.6.1.4.1.4203.1.11.3");
            assertThat(dse.getAttributeValues("supportedControl")).contains("1.2.840.113556.1.4.319");
            assertThat(dse.getAttributeValue("supportedLDAPVersion")).isEqualTo("3");
            assertThat(dse.getAttributeValue("subschemaSubentry")).isEqualTo("cn=schema");
            assertThat(dse.getAttributeValue("vendorName")).isEqualTo("Herald");
            assertThat(dse.hasAttribute("supportedSASLMechanisms")).as("none registered yet").isFalse();
            assertThat(c.getEntry("").hasAttribute("namingContexts")).as("operational: only with +").isFalse();
            SearchResultEntry schema = c.getEntry("cn=schema", "+");
            assertThat(schema.getAttributeValues("objectClasses")).anyMatch(v -> v.contains("'inetOrgPerson'"));
            assertThat(c.getSchema().getObjectClass("posixAccount")).isNotNull();
            assertThat(c.getSchema().getAttributeType("entryUUID")).isNotNull();
        }
    }

    @Test
    void searchLimitsAndPaging() throws Exception {
        try (LDAPConnection c = server.connect(ALICE, "alice-pw")) {
            SearchRequest limited = new SearchRequest(SUFFIX, SearchScope.SUB, Filter.create("(objectClass=*)"));
            limited.setSizeLimit(3);
            LDAPSearchException e = org.junit.jupiter.api.Assertions.assertThrows(LDAPSearchException.class,
                    () -> c.search(limited));
            assertThat(e.getResultCode()).isEqualTo(ResultCode.SIZE_LIMIT_EXCEEDED);
            assertThat(e.getEntryCount()).isEqualTo(3);
            List<String> seen = new ArrayList<>();
            ASN1OctetString cookie = null;
            do {
                SearchRequest r = new SearchRequest(SUFFIX, SearchScope.SUB, Filter.create("(objectClass=*)"), "1.1");
                r.addControl(new SimplePagedResultsControl(2, cookie));
                SearchResult page = c.search(r);
                assertThat(page.getEntryCount()).isLessThanOrEqualTo(2);
                page.getSearchEntries().forEach(en -> seen.add(en.getDN()));
                cookie = SimplePagedResultsControl.get(page).getCookie();
            } while (cookie != null && cookie.getValueLength() > 0);
            assertThat(seen).hasSize(7).doesNotHaveDuplicates();
            SearchRequest bad = new SearchRequest(SUFFIX, SearchScope.SUB, Filter.create("(objectClass=*)"));
            bad.addControl(new SimplePagedResultsControl(2, new ASN1OctetString("bogus"), true));
            assertThat(code(() -> c.search(bad))).isEqualTo(ResultCode.UNWILLING_TO_PERFORM);
            SearchRequest critical = new SearchRequest(SUFFIX, SearchScope.SUB, Filter.create("(uid=bob)"));
            critical.addControl(new Control("1.2.3.4.5.6", true));
            assertThat(code(() -> c.search(critical))).isEqualTo(ResultCode.UNAVAILABLE_CRITICAL_EXTENSION);
            SearchRequest nonCritical = new SearchRequest(SUFFIX, SearchScope.SUB, Filter.create("(uid=bob)"));
            nonCritical.addControl(new Control("1.2.3.4.5.6", false));
            assertThat(c.search(nonCritical).getEntryCount()).isEqualTo(1);
        }
    }

    @Test
    void serverSizeAndTimeLimits() throws Exception {
        try (TestServer limited = TestServer.start(s -> s.withLimits(s.limits().withSearchLimits(2, Duration.ofNanos(1), 100_000)));
                LDAPConnection user = limited.connect(ALICE, "alice-pw");
                LDAPConnection admin = limited.admin()) {
            LDAPSearchException e = org.junit.jupiter.api.Assertions.assertThrows(LDAPSearchException.class,
                    () -> user.search(SUFFIX, SearchScope.SUB, "(objectClass=*)"));
            assertThat(e.getResultCode()).isEqualTo(ResultCode.TIME_LIMIT_EXCEEDED);
            assertThat(admin.search(SUFFIX, SearchScope.SUB, "(objectClass=*)").getEntryCount())
                    .as("the administrator has no limits").isEqualTo(7);
        }
        try (TestServer limited = TestServer.start(s -> s.withLimits(s.limits().withSearchLimits(2, Duration.ZERO, 100_000)));
                LDAPConnection user = limited.connect(ALICE, "alice-pw")) {
            LDAPSearchException e = org.junit.jupiter.api.Assertions.assertThrows(LDAPSearchException.class,
                    () -> user.search(SUFFIX, SearchScope.SUB, "(objectClass=*)"));
            assertThat(e.getResultCode()).isEqualTo(ResultCode.SIZE_LIMIT_EXCEEDED);
            assertThat(e.getEntryCount()).isEqualTo(2);
        }
    }

    @Test
    void compareAndUpdates() throws Exception {
        try (LDAPConnection admin = server.admin(); LDAPConnection alice = server.connect(ALICE, "alice-pw")) {
            CompareResult cr = alice.compare(BOB, "cn", "bob jones");
            assertThat(cr.compareMatched()).isTrue();
            assertThat(alice.compare(BOB, "cn", "x").compareMatched()).isFalse();
            String dn = "uid=dora,ou=people," + SUFFIX;
            assertThat(code(() -> alice.add(dn, new com.unboundid.ldap.sdk.Attribute("objectClass", "account"),
                    new com.unboundid.ldap.sdk.Attribute("uid", "dora")))).isEqualTo(ResultCode.INSUFFICIENT_ACCESS_RIGHTS);
            admin.add(dn, new com.unboundid.ldap.sdk.Attribute("objectClass", "account"),
                    new com.unboundid.ldap.sdk.Attribute("uid", "dora"));
            assertThat(code(() -> admin.add(dn, new com.unboundid.ldap.sdk.Attribute("objectClass", "account"),
                    new com.unboundid.ldap.sdk.Attribute("uid", "dora")))).isEqualTo(ResultCode.ENTRY_ALREADY_EXISTS);
            admin.modify(dn, new com.unboundid.ldap.sdk.Modification(com.unboundid.ldap.sdk.ModificationType.ADD,
                    "description", "d"));
            assertThat(code(() -> admin.modify(dn, new com.unboundid.ldap.sdk.Modification(
                    com.unboundid.ldap.sdk.ModificationType.DELETE, "seeAlso")))).isEqualTo(ResultCode.NO_SUCH_ATTRIBUTE);
            admin.modifyDN(dn, "uid=dorothy", true, "ou=groups," + SUFFIX);
            assertThat(admin.getEntry("uid=dorothy,ou=groups," + SUFFIX).getAttributeValue("uid")).isEqualTo("dorothy");
            assertThat(code(() -> admin.delete("ou=groups," + SUFFIX))).isEqualTo(ResultCode.NOT_ALLOWED_ON_NONLEAF);
            admin.delete("uid=dorothy,ou=groups," + SUFFIX);
            LDAPException missing = org.junit.jupiter.api.Assertions.assertThrows(LDAPException.class,
                    () -> admin.delete("uid=zed,ou=people," + SUFFIX));
            assertThat(missing.getResultCode()).isEqualTo(ResultCode.NO_SUCH_OBJECT);
            assertThat(missing.getMatchedDN()).isEqualTo("ou=people," + SUFFIX);
        }
    }

    @Test
    void severalOutstandingRequestsGetTheirOwnMessageIds() throws Exception {
        try (RawClient raw = new RawClient(server.port())) {
            raw.send(1, new BindRequestProtocolOp(ALICE, "alice-pw"));
            assertThat(raw.read().getBindResponseProtocolOp().getResultCode()).isZero();
            for (int id = 10; id < 60; id++) {
                raw.send(id, new SearchRequestProtocolOp(SUFFIX, SearchScope.SUB, DereferencePolicy.NEVER, 0, 0, false,
                        Filter.create("(uid=bob)"), List.of("uid")));
            }
            java.util.Map<Integer, Integer> entries = new java.util.HashMap<>();
            java.util.Set<Integer> done = new java.util.HashSet<>();
            while (done.size() < 50) {
                LDAPMessage m = raw.read();
                if (m.getProtocolOpType() == LDAPMessage.PROTOCOL_OP_TYPE_SEARCH_RESULT_ENTRY) {
                    entries.merge(m.getMessageID(), 1, Integer::sum);
                } else {
                    assertThat(m.getSearchResultDoneProtocolOp().getResultCode()).isZero();
                    assertThat(done.add(m.getMessageID())).isTrue();
                }
            }
            assertThat(done).hasSize(50).allMatch(id -> id >= 10 && id < 60);
            assertThat(entries.values()).hasSize(50).allMatch(n -> n == 1);
        }
    }

    @Test
    void abandonStopsARunningSearch() throws Exception {
        GatedBackend[] gated = new GatedBackend[1];
        try (TestServer s = TestServer.start(x -> x, b -> gated[0] = new GatedBackend(b));
                RawClient raw = new RawClient(s.port())) {
            raw.send(1, new BindRequestProtocolOp(ALICE, "alice-pw"));
            assertThat(raw.read().getBindResponseProtocolOp().getResultCode()).isZero();
            raw.send(2, new SearchRequestProtocolOp(SUFFIX, SearchScope.SUB, DereferencePolicy.NEVER, 0, 0, false,
                    Filter.create("(objectClass=*)"), List.of()));
            assertThat(gated[0].firstCandidateSeen.await(20, TimeUnit.SECONDS)).isTrue();
            raw.send(3, new AbandonRequestProtocolOp(2));
            // Requests are handled in order: once this answer arrives, the Abandon was seen.
            raw.send(4, new ExtendedRequestProtocolOp(WhoAmIExtendedRequest.WHO_AM_I_REQUEST_OID, null));
            List<LDAPMessage> before = new ArrayList<>();
            LDAPMessage m;
            while ((m = raw.read()).getMessageID() != 4) {
                before.add(m);
            }
            gated[0].gate.countDown();
            raw.send(5, new ExtendedRequestProtocolOp(WhoAmIExtendedRequest.WHO_AM_I_REQUEST_OID, null));
            while ((m = raw.read()).getMessageID() != 5) {
                before.add(m);
            }
            assertThat(before).allMatch(x -> x.getMessageID() == 2
                    && x.getProtocolOpType() == LDAPMessage.PROTOCOL_OP_TYPE_SEARCH_RESULT_ENTRY);
            assertThat(before.size()).as("at most the entry sent before the gate").isLessThanOrEqualTo(1);
        }
    }

    @Test
    void unbindClosesTheConnection() throws Exception {
        try (RawClient raw = new RawClient(server.port())) {
            raw.send(new byte[] {0x30, 0x05, 0x02, 0x01, 0x01, 0x42, 0x00});
            assertThat(raw.isClosedByServer()).isTrue();
        }
    }

    @Test
    void anonymousUsersReadOnlyRootDseAndSchema() throws Exception {
        try (LDAPConnection c = server.connect()) {
            assertThat(code(() -> c.search(SUFFIX, SearchScope.SUB, "(uid=bob)"))).isEqualTo(ResultCode.INSUFFICIENT_ACCESS_RIGHTS);
            assertThat(c.getEntry("cn=schema")).isNotNull();
        }
        try (TestServer open = TestServer.start(s -> s.withAnonymousRead(true)); LDAPConnection c = open.connect()) {
            assertThat(c.search(SUFFIX, SearchScope.SUB, "(uid=bob)").getEntryCount()).isEqualTo(1);
            assertThat(code(() -> c.modify(BOB, new com.unboundid.ldap.sdk.Modification(
                    com.unboundid.ldap.sdk.ModificationType.REPLACE, "title", "x")))).isEqualTo(ResultCode.INSUFFICIENT_ACCESS_RIGHTS);
        }
    }

    @Test
    void userChangesOwnPassword() throws Exception {
        try (TestServer s = TestServer.start(); LDAPConnection bob = s.connect(BOB, "bob-pw")) {
            bob.modify(BOB, new com.unboundid.ldap.sdk.Modification(com.unboundid.ldap.sdk.ModificationType.REPLACE,
                    "userPassword", "new-bob-pw"));
            BindResult r = bob.bind(BOB, "new-bob-pw");
            assertThat(r.getResultCode()).isEqualTo(ResultCode.SUCCESS);
            assertThat(code(() -> bob.modify(ALICE, new com.unboundid.ldap.sdk.Modification(
                    com.unboundid.ldap.sdk.ModificationType.REPLACE, "userPassword", "x")))).isEqualTo(ResultCode.INSUFFICIENT_ACCESS_RIGHTS);
        }
    }

    @Test
    void unsupportedCriticalControlOnUpdate() {
        assertThatThrownBy(() -> {
            try (LDAPConnection admin = server.admin()) {
                com.unboundid.ldap.sdk.DeleteRequest d = new com.unboundid.ldap.sdk.DeleteRequest(BOB);
                d.addControl(new SimplePagedResultsControl(10, true));
                admin.delete(d);
            }
        }).isInstanceOfSatisfying(LDAPException.class,
                e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.UNAVAILABLE_CRITICAL_EXTENSION));
        assertThat(ADMIN).isNotEmpty();
    }
}
