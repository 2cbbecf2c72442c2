package dev.herald.it;

import static dev.herald.it.Herald.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.protocol.BindRequestProtocolOp;
import com.unboundid.ldap.protocol.ExtendedRequestProtocolOp;
import com.unboundid.ldap.sdk.extensions.WhoAmIExtendedRequest;

/**
 * The TLS peers administrators reach for: {@code openssl s_client -starttls ldap} (the handshake
 * completes and the demo CA is listed under "Acceptable client certificate CA names"; an
 * untrusted client certificate ends the handshake) and {@code gnutls-cli} over LDAPS with a
 * client certificate, speaking LDAP through it (SASL EXTERNAL, then Who am I?).
 */
class PeerToolsTest {

    @TempDir
    Path home;
    private AccessLogCapture log;

    @BeforeEach
    void capture() {
        log = new AccessLogCapture();
    }

    @AfterEach
    void release() {
        log.close();
    }

    private List<String> sClient(Herald h, String... extra) {
        List<String> cmd = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + h.port(), "-starttls", "ldap",
                "-CAfile", TestPki.get().caPem().toString(), "-verify_return_error"));
        cmd.addAll(List.of(extra));
        return cmd;
    }

    @Test
    void opensslStartTlsListsTheDemoCaAsAcceptable() throws Exception {
        try (Herald h = Herald.builder().start(); PeerProcess p = new PeerProcess(home, sClient(h))) {
            assertThat(p.awaitOutput("Verify return code: 0 (ok)")).as(p.output()).isTrue();
            p.closeInput();
            p.awaitExit(20);
            String out = p.output();
            assertThat(out).contains("Acceptable client certificate CA names\nO = Herald Demo, CN = Herald Demo CA\n",
                    "CN = localhost", "New, TLSv1.3, Cipher is TLS_AES_128_GCM_SHA256");
            assertThat(log.await(l -> l.contains("STARTTLS handshake ok"))).contains("client-certificate=none");
        }
    }

    @Test
    void opensslWithAnUntrustedCertificateIsRefusedUnderTry() throws Exception {
        TestPki pki = TestPki.get();
        try (Herald h = Herald.builder().start(); PeerProcess p = new PeerProcess(home, sClient(h, "-ign_eof",
                "-cert", pki.cert("mallory").toString(), "-key", pki.key("mallory").toString()))) {
            p.closeInput();
            assertThat(p.awaitExit(30)).as(p.output()).isNotEqualTo(-1);
            assertThat(log.await(l -> l.contains("STARTTLS handshake failed")))
                    .contains("alert=unknown_ca", "CN=mallory");
        }
    }

    @Test
    void gnutlsCliOverLdapsWithAClientCertificate() throws Exception {
        TestPki pki = TestPki.get();
        try (Herald h = Herald.builder().start(); PeerProcess p = new PeerProcess(home, List.of("gnutls-cli",
                "--x509cafile", pki.caPem().toString(), "--x509certfile", pki.cert("alice").toString(),
                "--x509keyfile", pki.key("alice").toString(), "-p", Integer.toString(h.ldapsPort()), "127.0.0.1"))) {
            assertThat(p.awaitOutput("Handshake was completed")).as(p.output()).isTrue();
            p.write(RawLdap.encode(1, new BindRequestProtocolOp(null, "EXTERNAL", (ASN1OctetString) null)));
            p.write(RawLdap.encode(2, new ExtendedRequestProtocolOp(WhoAmIExtendedRequest.WHO_AM_I_REQUEST_OID, null)));
            assertThat(p.awaitOutput("dn:" + ALICE)).as(p.output()).isTrue();
            p.closeInput();
            p.awaitExit(20);
            assertThat(log.await(l -> l.contains(" TLS handshake ok"))).contains("client-certificate=verified",
                    "subject=\"CN=alice,OU=people,O=Herald Demo\"");
        }
    }
}
