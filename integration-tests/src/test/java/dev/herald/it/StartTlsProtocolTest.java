package dev.herald.it;

import static dev.herald.it.Herald.ALICE;
import static dev.herald.it.Herald.SUFFIX;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.filter.ExprNode;
import org.apache.directory.api.ldap.model.message.SearchScope;
import org.apache.directory.api.ldap.model.name.Dn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.asn1.ASN1StreamReader;
import com.unboundid.ldap.protocol.AbandonRequestProtocolOp;
import com.unboundid.ldap.protocol.BindRequestProtocolOp;
import com.unboundid.ldap.protocol.ExtendedRequestProtocolOp;
import com.unboundid.ldap.protocol.ExtendedResponseProtocolOp;
import com.unboundid.ldap.protocol.LDAPMessage;
import com.unboundid.ldap.protocol.SearchRequestProtocolOp;
import com.unboundid.ldap.sdk.DereferencePolicy;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.extensions.WhoAmIExtendedRequest;

import dev.herald.ldap.backend.Backend;
import dev.herald.ldap.backend.ReadTxn;

/**
 * StartTLS (RFC 4511 §4.14, RFC 4513 §3) at the byte level, with the JDK's TLS client: every
 * refusal with its result code, what happens to bytes that follow the request, handshakes that
 * fail or never start, and what a session looks like once TLS is up.
 */
class StartTlsProtocolTest {

    private AccessLogCapture log;

    @BeforeEach
    void capture() {
        log = new AccessLogCapture();
    }

    @AfterEach
    void release() {
        log.close();
    }

    private static ExtendedResponseProtocolOp extended(LDAPMessage m) {
        assertThat(m).as("a response, not the end of the connection").isNotNull();
        return m.getExtendedResponseProtocolOp();
    }

    private static LDAPMessage decode(byte[] pdu) throws Exception {
        return LDAPMessage.readFrom(new ASN1StreamReader(new ByteArrayInputStream(pdu)), true);
    }

    @Test
    void startTlsThenOperationsOverTlsAndASecondStartTlsIsAnOperationsError() throws Exception {
        try (Herald h = Herald.builder().start(); RawLdap c = new RawLdap(h.port())) {
            c.send(RawLdap.startTls(1));
            ExtendedResponseProtocolOp ok = extended(c.read());
            assertThat(ok.getResultCode()).isZero();
            assertThat(ok.getResponseOID()).isEqualTo(RawLdap.START_TLS);
            c.upgrade(ClientTls.context(null));
            c.send(2, new ExtendedRequestProtocolOp(WhoAmIExtendedRequest.WHO_AM_I_REQUEST_OID, null));
            assertThat(extended(c.read()).getResponseValue().stringValue()).isEmpty();
            c.send(RawLdap.startTls(3));
            ExtendedResponseProtocolOp again = extended(c.read());
            assertThat(again.getResultCode()).isEqualTo(ResultCode.OPERATIONS_ERROR_INT_VALUE);
            assertThat(again.getDiagnosticMessage()).contains("already");
            c.send(4, new BindRequestProtocolOp(ALICE, "alice-pw"));
            assertThat(c.read().getBindResponseProtocolOp().getResultCode()).as("TLS still up").isZero();
            log.await(l -> l.contains("op=0 STARTTLS handshake ok") && l.contains("version=TLSv1.3") && l.contains("ssf=128"));
        }
    }

    @Test
    void startTlsOnLdapsIsAnOperationsError() throws Exception {
        try (Herald h = Herald.builder().start();
                com.unboundid.ldap.sdk.LDAPConnection c = new com.unboundid.ldap.sdk.LDAPConnection(
                        ClientTls.context(null).getSocketFactory(), "127.0.0.1", h.ldapsPort())) {
            com.unboundid.ldap.sdk.ExtendedResult r = c.processExtendedOperation(RawLdap.START_TLS);
            assertThat(r.getResultCode()).isEqualTo(ResultCode.OPERATIONS_ERROR);
            assertThat(c.getRootDSE().getSupportedExtendedOperationOIDs()).doesNotContain(RawLdap.START_TLS);
        }
    }

    @Test
    void aRequestValueIsAProtocolErrorAndTheConnectionStaysInClear() throws Exception {
        try (Herald h = Herald.builder().start(); RawLdap c = new RawLdap(h.port())) {
            c.send(1, new ExtendedRequestProtocolOp(RawLdap.START_TLS, new ASN1OctetString("please")));
            assertThat(extended(c.read()).getResultCode()).isEqualTo(ResultCode.PROTOCOL_ERROR_INT_VALUE);
            c.send(2, new ExtendedRequestProtocolOp(RawLdap.START_TLS, new ASN1OctetString()));
            assertThat(extended(c.read()).getResultCode()).as("an empty value is a value")
                    .isEqualTo(ResultCode.PROTOCOL_ERROR_INT_VALUE);
            c.send(3, new ExtendedRequestProtocolOp(WhoAmIExtendedRequest.WHO_AM_I_REQUEST_OID, null));
            assertThat(extended(c.read()).getResultCode()).isZero();
        }
    }

    @Test
    void withoutTlsConfiguredStartTlsIsUnavailable() throws Exception {
        try (Herald h = Herald.builder().section("listeners", "ldap: { address: 127.0.0.1, port: 0 }").section("tls", "")
                .section("sasl", "").start(); RawLdap c = new RawLdap(h.port())) {
            c.send(RawLdap.startTls(1));
            assertThat(extended(c.read()).getResultCode()).isEqualTo(ResultCode.UNAVAILABLE_INT_VALUE);
            c.send(2, new ExtendedRequestProtocolOp(WhoAmIExtendedRequest.WHO_AM_I_REQUEST_OID, null));
            assertThat(extended(c.read()).getResultCode()).as("still usable in clear").isZero();
        }
    }

    /** Holds subtree searches after their first candidate until released. */
    private static final class HeldSearches {
        final CountDownLatch running = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        Backend wrap(Backend inner) {
            return new Backend() {
                @Override
                public Dn suffix() {
                    return inner.suffix();
                }

                @Override
                public ReadTxn openRead() throws LdapException {
                    ReadTxn txn = inner.openRead();
                    return new ReadTxn() {
                        @Override
                        public Optional<Entry> get(Dn dn) throws LdapException {
                            return txn.get(dn);
                        }

                        @Override
                        public boolean hasChildren(Dn dn) throws LdapException {
                            return txn.hasChildren(dn);
                        }

                        @Override
                        public void search(Dn base, SearchScope scope, ExprNode filter, long limit, SearchSink sink)
                                throws LdapException {
                            txn.search(base, scope, filter, limit, e -> {
                                if (scope == SearchScope.SUBTREE) {
                                    running.countDown();
                                    try {
                                        release.await(20, TimeUnit.SECONDS);
                                    } catch (InterruptedException x) {
                                        Thread.currentThread().interrupt();
                                    }
                                }
                                return sink.accept(e);
                            });
                        }

                        @Override
                        public void close() {
                            txn.close();
                        }
                    };
                }

                @Override
                public <T> T write(WriteAction<T> action) throws LdapException {
                    return inner.write(action);
                }

                @Override
                public void close() {
                    inner.close();
                }
            };
        }
    }

    @Test
    void startTlsWhileASearchIsOutstandingIsAnOperationsError() throws Exception {
        HeldSearches held = new HeldSearches();
        try (Herald h = Herald.builder().section("security", "anonymous-read: true").backendWrapper(held::wrap).start();
                RawLdap c = new RawLdap(h.port())) {
            c.send(1, new SearchRequestProtocolOp(SUFFIX, com.unboundid.ldap.sdk.SearchScope.SUB, DereferencePolicy.NEVER,
                    0, 0, false, Filter.create("(objectClass=*)"), java.util.List.of("1.1")));
            assertThat(held.running.await(20, TimeUnit.SECONDS)).isTrue();
            c.send(RawLdap.startTls(2));
            LDAPMessage refused = c.read();
            assertThat(refused.getMessageID()).isEqualTo(2);
            assertThat(extended(refused).getResultCode()).isEqualTo(ResultCode.OPERATIONS_ERROR_INT_VALUE);
            assertThat(extended(refused).getDiagnosticMessage()).contains("outstanding");
            held.release.countDown();
            LDAPMessage m;
            do {
                m = c.read();
            } while (m.getMessageID() == 1 && m.getProtocolOpType() != 0x65);
            assertThat(m.getSearchResultDoneProtocolOp().getResultCode()).isZero();
            c.send(RawLdap.startTls(3));
            assertThat(extended(c.read()).getResultCode()).as("nothing outstanding any more").isZero();
            c.upgrade(ClientTls.context(null));
        } finally {
            held.release.countDown();
        }
    }

    @Test
    void aPlaintextBindPipelinedBehindStartTlsNeverExecutes() throws Exception {
        try (Herald h = Herald.builder().section("security", "require-tls-for-simple-bind: false").start();
                RawLdap c = new RawLdap(h.port())) {
            c.send(RawLdap.startTls(1), RawLdap.encode(2, new BindRequestProtocolOp(ALICE, "alice-pw")),
                    RawLdap.encode(3, new AbandonRequestProtocolOp(1)));
            LDAPMessage response = c.read();
            assertThat(response.getMessageID()).isEqualTo(1);
            assertThat(extended(response).getResultCode()).as("Abandon cannot touch StartTLS").isZero();
            assertThat(c.isClosedByServer()).as("the Bind bytes went to the TLS engine, which refused them").isTrue();
            log.await(l -> l.contains("STARTTLS handshake failed"));
            assertThat(log.lines()).noneMatch(l -> l.contains("BIND"));
        }
    }

    @Test
    void aClientHelloInTheSameSegmentAsTheRequestWorks() throws Exception {
        try (Herald h = Herald.builder().start(); RawLdap c = new RawLdap(h.port())) {
            EngineClient tls = new EngineClient(ClientTls.context(TestPki.get().client("alice")), c.socket());
            c.send(RawLdap.startTls(1), tls.clientHello());
            assertThat(extended(c.read()).getResultCode()).isZero();
            tls.finishHandshake();
            tls.write(RawLdap.encode(2, new BindRequestProtocolOp(null, "EXTERNAL", null)));
            assertThat(decode(tls.readMessage()).getBindResponseProtocolOp().getResultCode()).isZero();
            tls.write(RawLdap.encode(3, new ExtendedRequestProtocolOp(WhoAmIExtendedRequest.WHO_AM_I_REQUEST_OID, null)));
            assertThat(decode(tls.readMessage()).getExtendedResponseProtocolOp().getResponseValue().stringValue())
                    .isEqualTo("dn:" + ALICE);
        }
    }

    @Test
    void garbageInsteadOfAClientHelloClosesTheConnectionAndIsLogged() throws Exception {
        try (Herald h = Herald.builder().start(); RawLdap c = new RawLdap(h.port())) {
            c.send(RawLdap.startTls(1));
            assertThat(extended(c.read()).getResultCode()).isZero();
            c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(c.isClosedByServer()).isTrue();
            String line = log.await(l -> l.contains("op=0 STARTTLS handshake failed"));
            assertThat(line).contains("reason=", "alert=");
        }
    }

    @Test
    void aClientThatNeverStartsTheHandshakeIsDroppedAfterTheHandshakeTimeout() throws Exception {
        try (Herald h = Herald.builder().handshakeTimeout("700ms").start(); RawLdap c = new RawLdap(h.port())) {
            c.send(RawLdap.startTls(1));
            assertThat(extended(c.read()).getResultCode()).isZero();
            assertThat(c.isClosedByServer()).isTrue();
            assertThat(log.await(l -> l.contains("STARTTLS handshake failed"))).contains("kind=timeout", "700 ms");
        }
        try (Herald h = Herald.builder().handshakeTimeout("700ms").start(); RawLdap c = new RawLdap(h.ldapsPort())) {
            assertThat(c.isClosedByServer()).as("LDAPS too").isTrue();
            assertThat(log.await(l -> l.contains(" TLS handshake failed"))).contains("kind=timeout");
        }
    }

    @Test
    void aSessionBoundBeforeStartTlsIsAnonymousAfterIt() throws Exception {
        try (Herald h = Herald.builder().section("security", "require-tls-for-simple-bind: false").start();
                RawLdap c = new RawLdap(h.port())) {
            c.send(1, new BindRequestProtocolOp(ALICE, "alice-pw"));
            assertThat(c.read().getBindResponseProtocolOp().getResultCode()).isZero();
            c.send(RawLdap.startTls(2));
            assertThat(extended(c.read()).getResultCode()).isZero();
            c.upgrade(ClientTls.context(null));
            c.send(3, new ExtendedRequestProtocolOp(WhoAmIExtendedRequest.WHO_AM_I_REQUEST_OID, null));
            assertThat(extended(c.read()).getResponseValue().stringValue()).as("anonymous").isEmpty();
        }
    }

    @Test
    void tlsRequiredForEverythingButStartTlsAndTheRootDse() throws Exception {
        try (Herald h = Herald.builder().section("security", "require-tls-for-all-operations: true\nanonymous-read: true")
                .start(); RawLdap c = new RawLdap(h.port())) {
            c.send(1, new SearchRequestProtocolOp("", com.unboundid.ldap.sdk.SearchScope.BASE, DereferencePolicy.NEVER, 0, 0,
                    false, Filter.create("(objectClass=*)"), java.util.List.of("supportedExtension")));
            LDAPMessage entry = c.read();
            assertThat(entry.getSearchResultEntryProtocolOp().getAttributes().get(0).getValues())
                    .contains(RawLdap.START_TLS);
            assertThat(c.read().getSearchResultDoneProtocolOp().getResultCode()).isZero();
            c.send(2, new SearchRequestProtocolOp(SUFFIX, com.unboundid.ldap.sdk.SearchScope.SUB, DereferencePolicy.NEVER, 0, 0,
                    false, Filter.create("(uid=bob)"), java.util.List.of("1.1")));
            assertThat(c.read().getSearchResultDoneProtocolOp().getResultCode())
                    .isEqualTo(ResultCode.CONFIDENTIALITY_REQUIRED_INT_VALUE);
            c.send(3, new BindRequestProtocolOp("", ""));
            assertThat(c.read().getBindResponseProtocolOp().getResultCode())
                    .isEqualTo(ResultCode.CONFIDENTIALITY_REQUIRED_INT_VALUE);
            c.send(4, new ExtendedRequestProtocolOp(WhoAmIExtendedRequest.WHO_AM_I_REQUEST_OID, null));
            assertThat(extended(c.read()).getResultCode()).isEqualTo(ResultCode.CONFIDENTIALITY_REQUIRED_INT_VALUE);
            c.send(RawLdap.startTls(5));
            assertThat(extended(c.read()).getResultCode()).isZero();
            c.upgrade(ClientTls.context(null));
            c.send(6, new SearchRequestProtocolOp(SUFFIX, com.unboundid.ldap.sdk.SearchScope.SUB, DereferencePolicy.NEVER, 0, 0,
                    false, Filter.create("(uid=bob)"), java.util.List.of("1.1")));
            assertThat(c.read().getSearchResultEntryProtocolOp().getDN()).isEqualTo(Herald.BOB);
        }
    }

    @Test
    void rootDseShowsStartTlsBeforeAndExternalOnlyWithAVerifiedCertificate() throws Exception {
        try (Herald h = Herald.builder().start()) {
            assertThat(rootDse(h, null, false)).contains(RawLdap.START_TLS).doesNotContain("EXTERNAL");
            assertThat(rootDse(h, null, true)).doesNotContain(RawLdap.START_TLS, "EXTERNAL");
            assertThat(rootDse(h, TestPki.get().client("bob"), true)).contains("EXTERNAL").doesNotContain(RawLdap.START_TLS);
        }
    }

    private static String rootDse(Herald h, dev.herald.config.pki.CertifiedKey client, boolean tls) throws Exception {
        try (RawLdap c = new RawLdap(h.port())) {
            if (tls) {
                c.send(RawLdap.startTls(1));
                assertThat(extended(c.read()).getResultCode()).isZero();
                c.upgrade(ClientTls.context(client));
            }
            c.send(2, new SearchRequestProtocolOp("", com.unboundid.ldap.sdk.SearchScope.BASE, DereferencePolicy.NEVER, 0, 0,
                    false, Filter.create("(objectClass=*)"), java.util.List.of("supportedExtension", "supportedSASLMechanisms")));
            return c.read().getSearchResultEntryProtocolOp().toString();
        }
    }
}
