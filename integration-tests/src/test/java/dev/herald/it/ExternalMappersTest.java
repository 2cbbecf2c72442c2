package dev.herald.it;

import static dev.herald.it.Herald.ALICE;
import static dev.herald.it.Herald.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.unboundid.ldap.sdk.BindResult;
import com.unboundid.ldap.sdk.EXTERNALBindRequest;
import com.unboundid.ldap.sdk.ExtendedResult;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.extensions.StartTLSExtendedRequest;
import com.unboundid.ldap.sdk.extensions.WhoAmIExtendedRequest;
import com.unboundid.ldap.sdk.extensions.WhoAmIExtendedResult;

import dev.herald.config.pki.CertifiedKey;

/**
 * SASL EXTERNAL end to end with the UnboundID SDK (StartTLS extended request, then
 * EXTERNALBindRequest, then Who am I?): every mapper type, each limited to its own CA so that
 * the issuer scoping is exercised at the same time, an ambiguous mapping, authorization
 * identities allowed and refused, an injection-shaped subject, and the failures (no
 * certificate, an unverified one, an untrusted CA).
 */
class ExternalMappersTest {

    static final String PEOPLE = "ou=people,dc=example,dc=com";

    @TempDir
    static Path dir;
    static Herald herald;
    static final Map<String, CertifiedKey> cas = new LinkedHashMap<>();
    static final Map<String, CertifiedKey> users = new LinkedHashMap<>();

    static String dn(String uid) {
        return "uid=" + uid + "," + PEOPLE;
    }

    private static CertifiedKey ca(String name) {
        CertifiedKey ca = TestPki.newCa("CN=" + name + " CA,O=Herald Tests");
        cas.put(name, ca);
        return ca;
    }

    @BeforeAll
    static void start() throws Exception {
        TestPki pki = TestPki.get();
        CertifiedKey subjectDn = ca("Subject DN");
        CertifiedKey email = ca("Email");
        CertifiedKey dnAttribute = ca("DN Attribute");
        CertifiedKey fingerprint = ca("Fingerprint");
        CertifiedKey san = ca("SAN");
        CertifiedKey upn = ca("UPN");
        CertifiedKey certificate = ca("Certificate");
        CertifiedKey regex = ca("Regex");
        CertifiedKey ambiguous = ca("Ambiguous");

        users.put("alice", pki.client("alice"));
        users.put("bob", pki.client("bob"));
        users.put("mallory", pki.client("mallory"));
        users.put("dana", TestPki.newClient("UID=dana,OU=people,DC=example,DC=com", subjectDn, b -> b));
        users.put("eve-on-dn-ca", TestPki.newClient("CN=alice,OU=people,O=Herald Demo", subjectDn, b -> b));
        users.put("erin", TestPki.newClient("CN=Erin,O=Herald Tests,emailAddress=erin@example.com", email, b -> b));
        users.put("fred", TestPki.newClient("CN=Fred,O=Partner", dnAttribute, b -> b));
        users.put("fiona", TestPki.newClient("CN=Fiona,O=Herald Tests", fingerprint, b -> b));
        users.put("gina", TestPki.newClient("CN=Gina,O=Herald Tests", san, b -> b.uris("https://id.example.com/gina")));
        users.put("hank", TestPki.newClient("CN=Hank,O=Herald Tests", upn, b -> b.userPrincipalNames("hank@corp.example.com")));
        users.put("ivan", TestPki.newClient("CN=Ivan,O=Herald Tests", certificate, b -> b));
        users.put("ivan-twin", TestPki.newClient("CN=Ivan,O=Herald Tests", certificate, b -> b));
        users.put("jack", TestPki.newClient("CN=jack,OU=staff,O=Regex Corp", regex, b -> b));
        users.put("kate", TestPki.newClient("CN=4711,OU=contractors,O=Regex Corp", regex, b -> b));
        users.put("sly", TestPki.newClient("CN=jack\\,OU=staff,OU=x,O=Regex Corp", regex, b -> b));
        users.put("shared", TestPki.newClient("CN=Shared,O=Herald Tests", ambiguous, b -> b));
        users.put("injection", TestPki.newClient("CN=*)(uid=*,OU=people,O=Herald Demo", pki.ca, b -> b));

        String fp = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(users.get("fiona").certificate().getEncoded()));
        String ivanCert = Base64.getEncoder().encodeToString(users.get("ivan").certificate().getEncoded());

        StringBuilder ldif = new StringBuilder(new String(Herald.class.getResourceAsStream("example.ldif").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8));
        ldif.append("""

                dn: uid=dana,ou=people,dc=example,dc=com
                objectClass: inetOrgPerson
                uid: dana
                cn: Dana
                sn: Subject-DN

                dn: uid=erin,ou=people,dc=example,dc=com
                objectClass: inetOrgPerson
                uid: erin
                cn: Erin
                sn: Email
                mail: erin@example.com

                dn: uid=fred,ou=people,dc=example,dc=com
                objectClass: inetOrgPerson
                uid: fred
                cn: Fred
                sn: DN-Attribute
                seeAlso: CN=Fred,O=Partner

                dn: uid=fiona,ou=people,dc=example,dc=com
                objectClass: inetOrgPerson
                uid: fiona
                cn: Fiona
                sn: Fingerprint
                description: %s

                dn: uid=gina,ou=people,dc=example,dc=com
                objectClass: inetOrgPerson
                uid: gina
                cn: Gina
                sn: SAN
                labeledURI: https://id.example.com/gina

                dn: uid=hank,ou=people,dc=example,dc=com
                objectClass: inetOrgPerson
                uid: hank
                cn: Hank
                sn: UPN
                mail: hank@corp.example.com

                dn: uid=ivan,ou=people,dc=example,dc=com
                objectClass: inetOrgPerson
                uid: ivan
                cn: Ivan
                sn: Certificate
                userCertificate;binary:: %s

                dn: uid=jack,ou=people,dc=example,dc=com
                objectClass: inetOrgPerson
                uid: jack
                cn: Jack
                sn: Regex

                dn: uid=kate,ou=people,dc=example,dc=com
                objectClass: inetOrgPerson
                uid: kate
                cn: Kate
                sn: Regex
                employeeNumber: 4711

                dn: uid=s1,ou=people,dc=example,dc=com
                objectClass: inetOrgPerson
                uid: s1
                cn: S1
                sn: Shared

                dn: uid=s2,ou=people,dc=example,dc=com
                objectClass: inetOrgPerson
                uid: s2
                cn: S2
                sn: Shared
                """.formatted(fp, ivanCert));
        // Bob may act as dana (authzTo on his entry); alice as anyone in ou=people (a configured rule).
        String withAuthzTo = ldif.toString().replace("dn: " + BOB + "\n", "dn: " + BOB + "\nauthzTo: dn:" + dn("dana") + "\n");

        StringBuilder anchors = new StringBuilder("[" + pki.caPem());
        Map<String, Path> caFiles = new LinkedHashMap<>();
        for (Map.Entry<String, CertifiedKey> e : cas.entrySet()) {
            Path f = TestPki.writeCertificate(e.getValue(), dir.resolve(e.getKey().replace(' ', '-') + ".pem"));
            caFiles.put(e.getKey(), f);
            anchors.append(", ").append(f);
        }
        anchors.append("]");
        herald = Herald.builder()
                .ldif(withAuthzTo)
                .section("tls", """
                        credentials:
                          - { certificate: %s, key: %s }
                        trust-anchors: %s
                        client-certificates: allow""".formatted(pki.files.serverCertificate(), pki.files.serverKey(), anchors))
                .section("sasl", """
                        external:
                          mappers:
                            - { type: subject-attribute, issuer: %s, certificate-attribute: CN, entry-attribute: uid, base: "%s", scope: one }
                            - { type: subject-dn, issuer: %s }
                            - { type: subject-attribute, issuer: %s, certificate-attribute: emailAddress, entry-attribute: mail }
                            - { type: subject-dn-attribute, issuer: %s, entry-attribute: seeAlso }
                            - { type: fingerprint, issuer: %s, entry-attribute: description }
                            - { type: subject-alt-name, issuer: %s, san-type: uri, entry-attribute: labeledURI }
                            - { type: subject-alt-name, issuer: %s, san-type: upn, entry-attribute: mail }
                            - { type: certificate, issuer: %s }
                            - { type: regex, issuer: %s, match: "CN=([^,]+),OU=staff,O=Regex Corp", replace: "uid=$1,%s" }
                            - { type: regex, issuer: %s, match: "CN=([0-9]+),OU=contractors,O=Regex Corp", replace: "ldap:///%s??one?(employeeNumber=$1)" }
                            - { type: subject-attribute, issuer: %s, certificate-attribute: CN, entry-attribute: sn }
                        authz:
                          entry-attribute: authzTo
                          rules:
                            - { from: "dn:%s", to: "dn.subtree:%s" }
                        usernames:
                          attribute: uid
                          base: %s
                        """.formatted(pki.caPem(), PEOPLE, caFiles.get("Subject DN"), caFiles.get("Email"),
                        caFiles.get("DN Attribute"), caFiles.get("Fingerprint"), caFiles.get("SAN"), caFiles.get("UPN"),
                        caFiles.get("Certificate"), caFiles.get("Regex"), PEOPLE, caFiles.get("Regex"), PEOPLE,
                        caFiles.get("Ambiguous"), ALICE, PEOPLE, PEOPLE))
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (herald != null) {
            herald.close();
        }
    }

    /** What a bind did: its result code, and the WhoAmI answer after it. */
    record Outcome(ResultCode code, String whoAmI) {}

    static Outcome external(CertifiedKey client, String authzId, boolean ldaps) throws Exception {
        SSLContext tls = ClientTls.context(client);
        LDAPConnection c = ldaps ? new LDAPConnection(tls.getSocketFactory(), "127.0.0.1", herald.ldapsPort())
                : new LDAPConnection("127.0.0.1", herald.port());
        try (c) {
            if (!ldaps) {
                ExtendedResult r = c.processExtendedOperation(new StartTLSExtendedRequest(tls));
                assertThat(r.getResultCode()).isEqualTo(ResultCode.SUCCESS);
            }
            ResultCode code;
            try {
                BindResult b = c.bind(authzId == null ? new EXTERNALBindRequest() : new EXTERNALBindRequest(authzId));
                code = b.getResultCode();
            } catch (LDAPException e) {
                code = e.getResultCode();
            }
            WhoAmIExtendedResult who = (WhoAmIExtendedResult) c.processExtendedOperation(new WhoAmIExtendedRequest());
            return new Outcome(code, who.getAuthorizationID());
        }
    }

    static Outcome external(String user) throws Exception {
        return external(users.get(user), null, false);
    }

    @Test
    void everyMapperTypeMapsItsUser() throws Exception {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("alice", ALICE);                // subject-attribute CN -> uid
        expected.put("bob", BOB);
        expected.put("dana", dn("dana"));            // subject-dn
        expected.put("erin", dn("erin"));            // subject-attribute emailAddress -> mail
        expected.put("fred", dn("fred"));            // subject-dn-attribute -> seeAlso
        expected.put("fiona", dn("fiona"));          // fingerprint -> description
        expected.put("gina", dn("gina"));            // subject-alt-name URI -> labeledURI
        expected.put("hank", dn("hank"));            // subject-alt-name UPN -> mail
        expected.put("ivan", dn("ivan"));            // certificate: userCertificate;binary
        expected.put("jack", dn("jack"));            // regex -> DN
        expected.put("kate", dn("kate"));            // regex -> search
        for (Map.Entry<String, String> e : expected.entrySet()) {
            Outcome o = external(e.getKey());
            assertThat(o).as(e.getKey()).isEqualTo(new Outcome(ResultCode.SUCCESS, "dn:" + e.getValue()));
        }
        assertThat(external(users.get("erin"), null, true)).as("over LDAPS")
                .isEqualTo(new Outcome(ResultCode.SUCCESS, "dn:" + dn("erin")));
    }

    @Test
    void mappersOnlyApplyToTheirOwnCa() throws Exception {
        // CN=alice from another trusted CA: the CN mapper belongs to the demo CA, and the subject
        // DN is no entry, so nobody.
        assertThat(external("eve-on-dn-ca")).isEqualTo(new Outcome(ResultCode.INVALID_CREDENTIALS, ""));
        // Same name, same CA, other key: the certificate mapper compares the DER, not names.
        assertThat(external("ivan-twin")).isEqualTo(new Outcome(ResultCode.INVALID_CREDENTIALS, ""));
    }

    @Test
    void anAmbiguousMappingFailsAndNeverPicksOne() throws Exception {
        assertThat(external("shared")).isEqualTo(new Outcome(ResultCode.INVALID_CREDENTIALS, ""));
    }

    @Test
    void injectionShapedValuesAreEscaped() throws Exception {
        assertThat(external("injection")).as("CN=*)(uid=* searched literally")
                .isEqualTo(new Outcome(ResultCode.INVALID_CREDENTIALS, ""));
        assertThat(external("sly")).as("an escaped comma in the CN cannot make a staff DN")
                .isEqualTo(new Outcome(ResultCode.INVALID_CREDENTIALS, ""));
    }

    @Test
    void authorizationIdentitiesAllowedAndRefused() throws Exception {
        CertifiedKey alice = users.get("alice");
        CertifiedKey bob = users.get("bob");
        assertThat(external(alice, "dn:" + ALICE, false)).as("itself").isEqualTo(new Outcome(ResultCode.SUCCESS, "dn:" + ALICE));
        assertThat(external(alice, "dn:" + BOB, false)).as("a configured rule")
                .isEqualTo(new Outcome(ResultCode.SUCCESS, "dn:" + BOB));
        assertThat(external(alice, "u:bob", false)).as("u: through the username mapping")
                .isEqualTo(new Outcome(ResultCode.SUCCESS, "dn:" + BOB));
        assertThat(external(alice, "dn:cn=admin,dc=example,dc=com", false)).as("outside the rule")
                .isEqualTo(new Outcome(ResultCode.INVALID_CREDENTIALS, ""));
        assertThat(external(bob, "dn:" + dn("dana"), false)).as("authzTo on bob's entry")
                .isEqualTo(new Outcome(ResultCode.SUCCESS, "dn:" + dn("dana")));
        assertThat(external(bob, "dn:" + ALICE, false)).as("not in bob's authzTo")
                .isEqualTo(new Outcome(ResultCode.INVALID_CREDENTIALS, ""));
        assertThat(external(bob, "u:nobody", false)).isEqualTo(new Outcome(ResultCode.INVALID_CREDENTIALS, ""));
        assertThat(external(bob, "x:malformed", false)).isEqualTo(new Outcome(ResultCode.INVALID_CREDENTIALS, ""));
    }

    @Test
    void withoutAVerifiedCertificateExternalIsInappropriate() throws Exception {
        assertThat(external(null, null, false)).as("no certificate").isEqualTo(new Outcome(ResultCode.INAPPROPRIATE_AUTHENTICATION, ""));
        assertThat(external(null, null, true)).as("no certificate, LDAPS")
                .isEqualTo(new Outcome(ResultCode.INAPPROPRIATE_AUTHENTICATION, ""));
        // allow: mallory's chain (untrusted CA) is dropped at the TLS layer, the session goes on without it.
        assertThat(external("mallory")).isEqualTo(new Outcome(ResultCode.INAPPROPRIATE_AUTHENTICATION, ""));
        try (LDAPConnection c = new LDAPConnection("127.0.0.1", herald.port())) {
            LDAPException e = assertThrows(LDAPException.class, () -> c.bind(new EXTERNALBindRequest()));
            assertThat(e.getResultCode()).as("no TLS at all").isEqualTo(ResultCode.INAPPROPRIATE_AUTHENTICATION);
        }
    }

    @Test
    void aFailedBindLeavesTheSessionAnonymous() throws Exception {
        SSLContext tls = ClientTls.context(users.get("alice"));
        try (LDAPConnection c = new LDAPConnection("127.0.0.1", herald.port())) {
            c.processExtendedOperation(new StartTLSExtendedRequest(tls));
            assertThat(c.bind(new EXTERNALBindRequest()).getResultCode()).isEqualTo(ResultCode.SUCCESS);
            LDAPException e = assertThrows(LDAPException.class, () -> c.bind(new EXTERNALBindRequest("dn:cn=admin,dc=example,dc=com")));
            assertThat(e.getResultCode()).isEqualTo(ResultCode.INVALID_CREDENTIALS);
            assertThat(((WhoAmIExtendedResult) c.processExtendedOperation(new WhoAmIExtendedRequest())).getAuthorizationID())
                    .isEmpty();
        }
    }

    @Test
    void explainMappingAgreesWithTheBinds() throws Exception {
        List<String> lines = new java.util.ArrayList<>();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (String user : List.of("kate", "shared")) {
            Path[] files = TestPki.write(users.get(user), dir, user);
            out.reset();
            int rc = new picocli.CommandLine(new dev.herald.ldap.cli.HeraldMain()).execute("explain-mapping",
                    "--config", herald.dir().resolve("config.yaml").toString(), files[0].toString());
            lines.add(user + " rc=" + rc);
        }
        assertThat(lines).containsExactly("kate rc=0", "shared rc=1");
    }
}
