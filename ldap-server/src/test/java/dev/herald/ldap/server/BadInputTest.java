package dev.herald.ldap.server;

import static dev.herald.ldap.directory.TestDirectory.ALICE;
import static dev.herald.ldap.directory.TestDirectory.SUFFIX;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.unboundid.ldap.protocol.BindRequestProtocolOp;
import com.unboundid.ldap.protocol.ExtendedResponseProtocolOp;
import com.unboundid.ldap.protocol.LDAPMessage;
import com.unboundid.ldap.protocol.SearchRequestProtocolOp;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DereferencePolicy;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.extensions.WhoAmIExtendedRequest;
import com.unboundid.ldap.sdk.extensions.WhoAmIExtendedResult;

/**
 * Hostile and broken input (issue 2, "Bad input"): for each case the server answers as the
 * RFC says (a Notice of Disconnection where the connection must end), stays up, and a
 * connection opened before the bad one keeps working.
 */
class BadInputTest {

    private static TestServer server;
    private LDAPConnection bystander;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @org.junit.jupiter.api.BeforeEach
    void openBystander() throws Exception {
        bystander = server.connect(ALICE, "alice-pw");
    }

    @AfterEach
    void bystanderStillServed() throws Exception {
        WhoAmIExtendedResult r = (WhoAmIExtendedResult) bystander.processExtendedOperation(new WhoAmIExtendedRequest());
        assertThat(r.getAuthorizationID()).isEqualTo("dn:" + ALICE);
        assertThat(bystander.search(SUFFIX, SearchScope.SUB, "(uid=bob)").getEntryCount()).isEqualTo(1);
        bystander.close();
        try (LDAPConnection fresh = server.connect(ALICE, "alice-pw")) {
            assertThat(fresh.getEntry(ALICE)).isNotNull();
        }
    }

    /** Reads until the Notice of Disconnection with {@code code} arrives, then expects the close. */
    private static void expectNotice(RawClient raw, int code) throws Exception {
        LDAPMessage m = raw.read();
        assertThat(m).as("a Notice of Disconnection before the close").isNotNull();
        assertThat(m.getMessageID()).isZero();
        ExtendedResponseProtocolOp notice = m.getExtendedResponseProtocolOp();
        assertThat(notice.getResponseOID()).isEqualTo(RawClient.NOTICE_OF_DISCONNECTION);
        assertThat(notice.getResultCode()).isEqualTo(code);
        raw.shutdownOutput();
        assertThat(raw.isClosedByServer()).isTrue();
    }

    private static void bind(RawClient raw) throws Exception {
        raw.send(1, new BindRequestProtocolOp(ALICE, "alice-pw"));
        assertThat(raw.read().getBindResponseProtocolOp().getResultCode()).isZero();
    }

    @Test
    void malformedBer() throws Exception {
        try (RawClient raw = new RawClient(server.port())) {
            // The message ID claims 9 bytes inside a 3-byte SEQUENCE.
            raw.send(new byte[] {0x30, 0x03, 0x02, 0x09, 0x01});
            expectNotice(raw, ResultCode.PROTOCOL_ERROR_INT_VALUE);
        }
        try (RawClient raw = new RawClient(server.port())) {
            // Indefinite length, forbidden in LDAP (RFC 4511 §5.1).
            raw.send(new byte[] {0x30, (byte) 0x80, 0x02, 0x01, 0x01, 0x42, 0x00, 0x00, 0x00});
            expectNotice(raw, ResultCode.PROTOCOL_ERROR_INT_VALUE);
        }
        try (RawClient raw = new RawClient(server.port())) {
            // Structurally sound BER, but a SearchRequest with its fields missing.
            raw.send(new byte[] {0x30, 0x07, 0x02, 0x01, 0x05, 0x63, 0x02, 0x04, 0x00});
            expectNotice(raw, ResultCode.PROTOCOL_ERROR_INT_VALUE);
        }
    }

    @Test
    void lengthAboveTheMaximumPdu() throws Exception {
        try (RawClient raw = new RawClient(server.port())) {
            // Declares a 1 GiB message; only the header is ever sent.
            raw.send(new byte[] {0x30, (byte) 0x84, 0x40, 0x00, 0x00, 0x00, 0x02, 0x01, 0x01});
            expectNotice(raw, ResultCode.PROTOCOL_ERROR_INT_VALUE);
        }
        try (RawClient raw = new RawClient(server.port())) {
            // Four length octets of 0xff: more than any int.
            raw.send(new byte[] {0x30, (byte) 0x84, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff});
            expectNotice(raw, ResultCode.PROTOCOL_ERROR_INT_VALUE);
        }
    }

    @Test
    void truncatedPduThenClose() throws Exception {
        int before = server.server.openConnections();
        try (RawClient raw = new RawClient(server.port())) {
            byte[] bind = new LDAPMessage(1, new BindRequestProtocolOp(ALICE, "alice-pw")).encode().encode();
            raw.send(java.util.Arrays.copyOf(bind, bind.length - 3));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.server.openConnections() > before && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(server.server.openConnections()).isLessThanOrEqualTo(before);
    }

    @Test
    void messageIdZero() throws Exception {
        try (RawClient raw = new RawClient(server.port())) {
            raw.send(0, new BindRequestProtocolOp(ALICE, "alice-pw"));
            expectNotice(raw, ResultCode.PROTOCOL_ERROR_INT_VALUE);
        }
    }

    @Test
    void unknownProtocolOpTag() throws Exception {
        try (RawClient raw = new RawClient(server.port())) {
            // [APPLICATION 30] is not an LDAP operation.
            raw.send(new byte[] {0x30, 0x05, 0x02, 0x01, 0x01, 0x5e, 0x00});
            expectNotice(raw, ResultCode.PROTOCOL_ERROR_INT_VALUE);
        }
        try (RawClient raw = new RawClient(server.port())) {
            // A response (SearchResultDone) sent as if it were a request.
            raw.send(new byte[] {0x30, 0x0c, 0x02, 0x01, 0x01, 0x65, 0x07, 0x0a, 0x01, 0x00, 0x04, 0x00, 0x04, 0x00});
            expectNotice(raw, ResultCode.PROTOCOL_ERROR_INT_VALUE);
        }
    }

    @Test
    void randomBytes() throws Exception {
        Random random = new Random(20240601L);
        for (int i = 0; i < 20; i++) {
            byte[] junk = new byte[1 + random.nextInt(4096)];
            random.nextBytes(junk);
            try (RawClient raw = new RawClient(server.port())) {
                raw.send(junk);
                raw.shutdownOutput();
                // Whatever the bytes were, the server answers with LDAP messages (at most a
                // notice) and ends the connection; it does not hang and does not fall over.
                assertThat(raw.isClosedByServer()).isTrue();
            }
        }
    }

    /** A SearchRequest whose filter is {@code depth} nested NOTs around (objectClass=*). */
    private static byte[] deepFilterSearch(int messageId, int depth) {
        byte[] filter = tlv(0x87, "objectClass".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < depth; i++) {
            filter = tlv(0xa2, filter);
        }
        ByteArrayOutputStream op = new ByteArrayOutputStream();
        op.writeBytes(tlv(0x04, SUFFIX.getBytes(StandardCharsets.UTF_8)));
        op.writeBytes(new byte[] {0x0a, 0x01, 0x02, 0x0a, 0x01, 0x00, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00, 0x01, 0x01, 0x00});
        op.writeBytes(filter);
        op.writeBytes(new byte[] {0x30, 0x00});
        ByteArrayOutputStream msg = new ByteArrayOutputStream();
        msg.writeBytes(tlv(0x02, new byte[] {(byte) messageId}));
        msg.writeBytes(tlv(0x63, op.toByteArray()));
        return tlv(0x30, msg.toByteArray());
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int n = content.length;
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else if (n < 0x10000) {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n);
        } else {
            out.write(0x83);
            out.write(n >> 16);
            out.write(n >> 8);
            out.write(n);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    @Test
    void filterNested100000LevelsDeep() throws Exception {
        byte[] deep = deepFilterSearch(2, 100_000);
        assertThat(deep.length).isGreaterThan(64 * 1024).isLessThan(2 * 1024 * 1024);
        // Bound: within the PDU size limit, so the nesting bound answers: protocolError, and the
        // connection goes on.
        try (RawClient raw = new RawClient(server.port())) {
            bind(raw);
            raw.send(deep);
            LDAPMessage done = raw.read();
            assertThat(done.getMessageID()).isEqualTo(2);
            assertThat(done.getSearchResultDoneProtocolOp().getResultCode()).isEqualTo(ResultCode.PROTOCOL_ERROR_INT_VALUE);
            raw.send(3, new SearchRequestProtocolOp(SUFFIX, SearchScope.SUB, DereferencePolicy.NEVER, 0, 0, false,
                    Filter.create("(uid=bob)"), List.of("uid")));
            assertThat(raw.read().getSearchResultEntryProtocolOp().getDN()).startsWith("uid=bob");
            assertThat(raw.read().getSearchResultDoneProtocolOp().getResultCode()).isZero();
        }
        // Anonymous: the PDU size bound comes first and ends the connection.
        try (RawClient raw = new RawClient(server.port())) {
            raw.send(deep);
            expectNotice(raw, ResultCode.PROTOCOL_ERROR_INT_VALUE);
        }
        // Moderately deep filters within the bound work.
        try (RawClient raw = new RawClient(server.port())) {
            bind(raw);
            raw.send(deepFilterSearch(4, 81)); // an odd number of NOTs: matches nothing
            LDAPMessage m = raw.read();
            assertThat(m.getMessageID()).isEqualTo(4);
            assertThat(m.getSearchResultDoneProtocolOp().getResultCode()).isZero();
        }
    }

    @Test
    void tenThousandOutstandingRequestsOnOneConnection() throws Exception {
        int count = 10_000;
        ExecutorService io = Executors.newFixedThreadPool(2);
        try (RawClient raw = new RawClient(server.port())) {
            bind(raw);
            Future<?> writer = io.submit(() -> {
                ByteArrayOutputStream batch = new ByteArrayOutputStream();
                for (int id = 2; id < count + 2; id++) {
                    batch.writeBytes(new LDAPMessage(id, new SearchRequestProtocolOp("", SearchScope.BASE,
                            DereferencePolicy.NEVER, 0, 0, false, Filter.createPresenceFilter("objectClass"),
                            List.of("supportedLDAPVersion"))).encode().encode());
                    if (batch.size() > 64 * 1024) {
                        raw.send(batch.toByteArray());
                        batch.reset();
                    }
                }
                raw.send(batch.toByteArray());
                return null;
            });
            Set<Integer> done = new HashSet<>();
            int entries = 0;
            while (done.size() < count) {
                LDAPMessage m = raw.read();
                assertThat(m).isNotNull();
                if (m.getProtocolOpType() == LDAPMessage.PROTOCOL_OP_TYPE_SEARCH_RESULT_ENTRY) {
                    entries++;
                } else {
                    assertThat(m.getSearchResultDoneProtocolOp().getResultCode()).isZero();
                    assertThat(done.add(m.getMessageID())).as("one result per request").isTrue();
                }
                if (done.size() == count / 2) {
                    // Another connection is served while this one is busy.
                    try (LDAPConnection other = server.connect(ALICE, "alice-pw")) {
                        assertThat(other.search(SUFFIX, SearchScope.SUB, "(uid=alice)").getEntryCount()).isEqualTo(1);
                    }
                }
            }
            writer.get(30, TimeUnit.SECONDS);
            assertThat(entries).isEqualTo(count);
            assertThat(done).hasSize(count).allMatch(id -> id >= 2 && id < count + 2);
        } finally {
            io.shutdownNow();
        }
    }

    @Test
    void attributeValuesOfSeveralMebibytes() throws Exception {
        byte[] photo = new byte[3 * 1024 * 1024];
        new Random(7).nextBytes(photo);
        // The JPEG syntax checks for a JFIF header.
        byte[] jfif = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0x00};
        System.arraycopy(jfif, 0, photo, 0, jfif.length);
        // The default limit for a bound connection is 2 MiB: a 3 MiB add ends the connection.
        try (RawClient raw = new RawClient(server.port())) {
            raw.send(1, new BindRequestProtocolOp(dev.herald.ldap.directory.TestDirectory.ADMIN, TestServer.ADMIN_PW));
            assertThat(raw.read().getBindResponseProtocolOp().getResultCode()).isZero();
            raw.send(2, new com.unboundid.ldap.protocol.AddRequestProtocolOp("cn=big,ou=people," + SUFFIX, List.of(
                    new Attribute("objectClass", "inetOrgPerson"), new Attribute("cn", "big"), new Attribute("sn", "big"),
                    new Attribute("jpegPhoto", photo))));
            expectNotice(raw, ResultCode.PROTOCOL_ERROR_INT_VALUE);
        }
        // With an 8 MiB limit the same value is stored and read back intact.
        try (TestServer roomy = TestServer.start(s -> s.withLimits(s.limits().withMaxPdu(64 * 1024, 8 * 1024 * 1024)));
                LDAPConnection admin = roomy.admin()) {
            admin.add("cn=big,ou=people," + SUFFIX, new Attribute("objectClass", "inetOrgPerson"),
                    new Attribute("cn", "big"), new Attribute("sn", "big"), new Attribute("jpegPhoto", photo));
            byte[] back = admin.getEntry("cn=big,ou=people," + SUFFIX, "jpegPhoto").getAttributeValueBytes("jpegPhoto");
            assertThat(back).isEqualTo(photo);
        }
    }
}
