package dev.herald.ldap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.apache.directory.api.ldap.model.message.ResultCodeEnum;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.protocol.BindRequestProtocolOp;
import com.unboundid.ldap.protocol.ExtendedRequestProtocolOp;
import com.unboundid.ldap.sdk.ResultCode;

import dev.herald.config.demo.DemoPki;
import dev.herald.config.pki.KeyMaterial;
import dev.herald.ldap.ops.sasl.SaslExchange;
import dev.herald.ldap.ops.sasl.SaslMechanismHandler;
import dev.herald.ldap.ops.sasl.SaslOutcome;
import dev.herald.ldap.session.LdapSession;
import dev.herald.ldap.tls.StartTlsHandler;
import dev.herald.tls.ServerCredential;
import dev.herald.tls.TlsServerConfig;
import dev.herald.tls.TlsServerContext;

/** StartTLS refused while a multi-step SASL bind waits for the client (RFC 4513 §3.1.1). */
class StartTlsTest {

    /** Answers every first message with a challenge. */
    private static final class Challenging implements SaslMechanismHandler {
        @Override
        public String name() {
            return "X-CHALLENGE";
        }

        @Override
        public SaslExchange start(LdapSession session) {
            return credentials -> new SaslOutcome.Challenge("more".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static TlsServerContext tls(Path dir) throws Exception {
        DemoPki pki = DemoPki.generate(dir);
        return TlsServerContext.create(TlsServerConfig.builder()
                .credential(ServerCredential.of(KeyMaterial.readCertificates(pki.serverCertificate()),
                        KeyMaterial.readPrivateKey(pki.serverKey(), null).privateKey()))
                .trustAnchors(KeyMaterial.readCertificates(pki.caCertificate()))
                .build());
    }

    @Test
    void anOperationWhoseResultWasReadIsNoLongerOutstanding(@TempDir Path dir) throws Exception {
        TlsServerContext tls = tls(dir);
        try (TestServer s = TestServer.start(x -> x.withAnonymousRead(true), b -> b, b -> b.tls(tls))) {
            for (int i = 0; i < 40; i++) {
                try (RawClient raw = new RawClient(s.port())) {
                    raw.send(1, new com.unboundid.ldap.protocol.SearchRequestProtocolOp("dc=example,dc=com",
                            com.unboundid.ldap.sdk.SearchScope.BASE, com.unboundid.ldap.sdk.DereferencePolicy.NEVER, 0, 0,
                            false, com.unboundid.ldap.sdk.Filter.create("(objectClass=*)"), java.util.List.of("1.1")));
                    raw.read();
                    assertThat(raw.read().getSearchResultDoneProtocolOp().getResultCode()).isZero();
                    raw.send(2, new ExtendedRequestProtocolOp(StartTlsHandler.OID, null));
                    assertThat(raw.read().getExtendedResponseProtocolOp().getResultCode()).as("attempt " + i).isZero();
                }
            }
        }
    }

    @Test
    void startTlsDuringASaslBindIsAnOperationsError(@TempDir Path dir) throws Exception {
        TlsServerContext tls = tls(dir);
        try (TestServer s = TestServer.start(x -> x, b -> b, b -> b.saslMechanism(new Challenging()).tls(tls));
                RawClient raw = new RawClient(s.port())) {
            raw.send(1, new BindRequestProtocolOp(null, "X-CHALLENGE", new ASN1OctetString("hi")));
            assertThat(raw.read().getBindResponseProtocolOp().getResultCode())
                    .isEqualTo(ResultCode.SASL_BIND_IN_PROGRESS_INT_VALUE);
            raw.send(2, new ExtendedRequestProtocolOp(StartTlsHandler.OID, null));
            var refused = raw.read().getExtendedResponseProtocolOp();
            assertThat(refused.getResultCode()).isEqualTo(ResultCodeEnum.OPERATIONS_ERROR.getResultCode());
            assertThat(refused.getDiagnosticMessage()).contains("SASL bind");
            assertThat(refused.getResponseOID()).isEqualTo(StartTlsHandler.OID);
            // A simple bind ends the SASL exchange; then StartTLS is fine.
            raw.send(3, new BindRequestProtocolOp("", ""));
            assertThat(raw.read().getBindResponseProtocolOp().getResultCode()).isZero();
            raw.send(4, new ExtendedRequestProtocolOp(StartTlsHandler.OID, null));
            assertThat(raw.read().getExtendedResponseProtocolOp().getResultCode()).isZero();
        }
    }
}
