package dev.herald.it;

import static dev.herald.it.Herald.ADMIN;
import static dev.herald.it.Herald.ADMIN_PW;
import static dev.herald.it.Herald.ALICE;
import static dev.herald.it.Herald.BOB;
import static dev.herald.it.Herald.SUFFIX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.AddRequest;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.GenericSASLBindRequest;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.RootDSE;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import com.unboundid.ldap.sdk.extensions.WhoAmIExtendedRequest;
import com.unboundid.ldap.sdk.extensions.WhoAmIExtendedResult;
import com.unboundid.ldap.sdk.schema.Schema;

/**
 * The same operations as {@link OpenLdapClientsTest}, through the UnboundID LDAP SDK, on a server
 * configured to accept passwords without TLS ({@code require-tls-for-simple-bind: false}).
 */
class UnboundIdSdkTest {

    private Herald herald;

    @BeforeEach
    void start() throws Exception {
        herald = Herald.start();
    }

    @AfterEach
    void stop() throws Exception {
        herald.close();
    }

    private LDAPConnection as(String dn, String pw) throws LDAPException {
        return new LDAPConnection("127.0.0.1", herald.port(), dn, pw);
    }

    private static ResultCode failure(Executable e) {
        return assertThrows(LDAPException.class, e::run).getResultCode();
    }

    interface Executable {
        void run() throws Exception;
    }

    @Test
    void searchAndWhoAmI() throws Exception {
        try (LDAPConnection alice = as(ALICE, "alice-pw")) {
            SearchResult r = alice.search(SUFFIX, SearchScope.SUB, "(uid=bob)");
            assertThat(r.getEntryCount()).isEqualTo(1);
            SearchResultEntry bob = r.getSearchEntries().get(0);
            assertThat(bob.getDN()).isEqualTo(BOB);
            assertThat(bob.getAttributeValue("cn")).isEqualTo("Bob Baker");
            assertThat(bob.hasAttribute("userPassword")).isFalse();
            WhoAmIExtendedResult who = (WhoAmIExtendedResult) alice.processExtendedOperation(new WhoAmIExtendedRequest());
            assertThat(who.getAuthorizationID()).isEqualTo("dn:" + ALICE);
            assertThat(alice.search(SUFFIX, SearchScope.SUB, "(cn>=c)").getEntryCount()).as("cn has no ORDERING rule")
                    .isZero();
            assertThat(alice.search(SUFFIX, SearchScope.SUB, "(modifyTimestamp>=20000101000000Z)").getEntryCount()).isEqualTo(7);
            assertThat(alice.search(SUFFIX, SearchScope.SUB, "(ou:dn:=people)").getEntryCount()).isEqualTo(3);
        }
        assertThat(failure(() -> as(ALICE, "wrong"))).isEqualTo(ResultCode.INVALID_CREDENTIALS);
        try (LDAPConnection anonymous = new LDAPConnection("127.0.0.1", herald.port())) {
            assertThat(failure(() -> anonymous.search(SUFFIX, SearchScope.SUB, "(uid=bob)")))
                    .isEqualTo(ResultCode.INSUFFICIENT_ACCESS_RIGHTS);
            assertThat(failure(() -> anonymous.bind(new GenericSASLBindRequest(null, "EXTERNAL", null))))
                    .as("EXTERNAL without TLS").isEqualTo(ResultCode.INAPPROPRIATE_AUTHENTICATION);
            assertThat(failure(() -> anonymous.bind(new GenericSASLBindRequest(null, "X-UNKNOWN", null))))
                    .isEqualTo(ResultCode.AUTH_METHOD_NOT_SUPPORTED);
        }
    }

    @Test
    void rootDseAndSchema() throws Exception {
        try (LDAPConnection c = new LDAPConnection("127.0.0.1", herald.port())) {
            RootDSE dse = c.getRootDSE();
            assertThat(dse.getNamingContextDNs()).containsExactly(SUFFIX);
            assertThat(dse.supportsExtendedOperation(WhoAmIExtendedRequest.WHO_AM_I_REQUEST_OID)).isTrue();
            assertThat(dse.supportsControl(SimplePagedResultsControl.PAGED_RESULTS_OID)).isTrue();
            assertThat(dse.getVendorName()).isEqualTo("Herald");
            Schema schema = c.getSchema();
            assertThat(schema.getObjectClass("inetOrgPerson").getSuperiorClasses()).contains("organizationalPerson");
            assertThat(schema.getAttributeType("uidNumber").isSingleValued()).isTrue();
        }
    }

    @Test
    void pagedSearch() throws Exception {
        try (LDAPConnection admin = as(ADMIN, ADMIN_PW)) {
            List<String> dns = new ArrayList<>();
            ASN1OctetString cookie = null;
            int pages = 0;
            do {
                SearchRequest r = new SearchRequest(SUFFIX, SearchScope.SUB, "(objectClass=*)", "1.1");
                r.addControl(new SimplePagedResultsControl(3, cookie, true));
                SearchResult page = admin.search(r);
                page.getSearchEntries().forEach(e -> dns.add(e.getDN()));
                cookie = SimplePagedResultsControl.get(page).getCookie();
                pages++;
            } while (cookie.getValueLength() > 0);
            assertThat(pages).isEqualTo(3);
            assertThat(dns).hasSize(7).doesNotHaveDuplicates();
        }
    }

    @Test
    void updates() throws Exception {
        String carol = "uid=carol,ou=people," + SUFFIX;
        try (LDAPConnection admin = as(ADMIN, ADMIN_PW); LDAPConnection alice = as(ALICE, "alice-pw")) {
            AddRequest add = new AddRequest(carol, new Attribute("objectClass", "inetOrgPerson"), new Attribute("uid", "carol"),
                    new Attribute("cn", "Carol"), new Attribute("sn", "Danvers"));
            assertThat(failure(() -> alice.add(add))).isEqualTo(ResultCode.INSUFFICIENT_ACCESS_RIGHTS);
            admin.add(add);
            assertThat(failure(() -> admin.add(add))).isEqualTo(ResultCode.ENTRY_ALREADY_EXISTS);
            admin.modify(carol, new Modification(ModificationType.ADD, "mail", "carol@example.com"),
                    new Modification(ModificationType.REPLACE, "cn", "Carol D"));
            assertThat(admin.getEntry(carol).getAttributeValue("mail")).isEqualTo("carol@example.com");
            assertThat(failure(() -> admin.modify(carol, new Modification(ModificationType.DELETE, "sn"))))
                    .isEqualTo(ResultCode.OBJECT_CLASS_VIOLATION);
            assertThat(admin.compare(carol, "cn", "carol d").compareMatched()).isTrue();
            admin.modifyDN(carol, "uid=captain", true);
            assertThat(admin.getEntry("uid=captain,ou=people," + SUFFIX).getAttributeValues("uid")).containsExactly("captain");
            assertThat(failure(() -> admin.delete("ou=people," + SUFFIX))).isEqualTo(ResultCode.NOT_ALLOWED_ON_NONLEAF);
            admin.delete("uid=captain,ou=people," + SUFFIX);
            LDAPException gone = assertThrows(LDAPException.class, () -> admin.delete("uid=captain,ou=people," + SUFFIX));
            assertThat(gone.getResultCode()).isEqualTo(ResultCode.NO_SUCH_OBJECT);
            assertThat(gone.getMatchedDN()).isEqualTo("ou=people," + SUFFIX);
        }
    }
}
