package dev.herald.it;

import static dev.herald.it.Herald.ADMIN;
import static dev.herald.it.Herald.ADMIN_PW;
import static dev.herald.it.Herald.ALICE;
import static dev.herald.it.Herald.BOB;
import static dev.herald.it.Herald.SUFFIX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;

import javax.naming.AuthenticationException;
import javax.naming.Context;
import javax.naming.NameAlreadyBoundException;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NoPermissionException;
import javax.naming.directory.Attributes;
import javax.naming.directory.BasicAttribute;
import javax.naming.directory.BasicAttributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.ModificationItem;
import javax.naming.directory.SchemaViolationException;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;
import javax.naming.ldap.Control;
import javax.naming.ldap.ExtendedRequest;
import javax.naming.ldap.ExtendedResponse;
import javax.naming.ldap.InitialLdapContext;
import javax.naming.ldap.LdapContext;
import javax.naming.ldap.PagedResultsControl;
import javax.naming.ldap.PagedResultsResponseControl;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The same operations through JNDI, the JDK's own LDAP client, on a server configured to accept
 * passwords without TLS ({@code require-tls-for-simple-bind: false}).
 */
class JndiTest {

    private Herald herald;

    @BeforeEach
    void start() throws Exception {
        herald = Herald.start();
    }

    @AfterEach
    void stop() throws Exception {
        herald.close();
    }

    private LdapContext as(String dn, String pw) throws Exception {
        Hashtable<String, Object> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
        env.put(Context.PROVIDER_URL, herald.url());
        env.put(Context.SECURITY_AUTHENTICATION, "simple");
        env.put(Context.SECURITY_PRINCIPAL, dn);
        env.put(Context.SECURITY_CREDENTIALS, pw);
        return new InitialLdapContext(env, null);
    }

    private static List<String> names(NamingEnumeration<SearchResult> results) throws Exception {
        List<String> out = new ArrayList<>();
        while (results.hasMore()) {
            out.add(results.next().getNameInNamespace());
        }
        return out;
    }

    @Test
    void bindSearchAndAttributes() throws Exception {
        LdapContext ctx = as(ALICE, "alice-pw");
        try {
            SearchControls sc = new SearchControls();
            sc.setSearchScope(SearchControls.SUBTREE_SCOPE);
            assertThat(names(ctx.search(SUFFIX, "(uid=bob)", sc))).containsExactly(BOB);
            assertThat(names(ctx.search(SUFFIX, "(&(objectClass=posixAccount)(cn={0}))", new Object[] {"alice*"}, sc)))
                    .isEmpty();
            assertThat(names(ctx.search(SUFFIX, "(cn=Alice*)", sc))).containsExactly(ALICE);
            Attributes bob = ctx.getAttributes(BOB, new String[] {"cn", "mail", "entryUUID"});
            assertThat(bob.get("cn").get()).isEqualTo("Bob Baker");
            assertThat(bob.get("entryUUID")).isNotNull();
            // JNDI turns a base-scope search with an equality filter and no attributes into a Compare.
            SearchControls compare = new SearchControls();
            compare.setSearchScope(SearchControls.OBJECT_SCOPE);
            compare.setReturningAttributes(new String[0]);
            assertThat(names(ctx.search(BOB, "(mail=BOB@example.com)", compare))).hasSize(1);
            assertThat(names(ctx.search(BOB, "(mail=x@example.com)", compare))).isEmpty();
        } finally {
            ctx.close();
        }
        assertThrows(AuthenticationException.class, () -> as(BOB, "alice-pw"));
    }

    /** RFC 4532 "Who am I?" as a JNDI extended request. */
    static final class WhoAmI implements ExtendedRequest {
        @Override
        public String getID() {
            return "1.3.6.1.4.1.4203.1.11.3";
        }

        @Override
        public byte[] getEncodedValue() {
            return null;
        }

        @Override
        public ExtendedResponse createExtendedResponse(String id, byte[] value, int offset, int length) {
            String authzId = value == null ? "" : new String(value, offset, length, StandardCharsets.UTF_8);
            return new ExtendedResponse() {
                @Override
                public String getID() {
                    return id;
                }

                @Override
                public byte[] getEncodedValue() {
                    return authzId.getBytes(StandardCharsets.UTF_8);
                }
            };
        }
    }

    @Test
    void whoAmIAndPagedResults() throws Exception {
        LdapContext ctx = as(BOB, "bob-pw");
        try {
            ExtendedResponse r = ctx.extendedOperation(new WhoAmI());
            assertThat(new String(r.getEncodedValue(), StandardCharsets.UTF_8)).isEqualTo("dn:" + BOB);

            List<String> all = new ArrayList<>();
            byte[] cookie = null;
            SearchControls sc = new SearchControls();
            sc.setSearchScope(SearchControls.SUBTREE_SCOPE);
            sc.setReturningAttributes(new String[] {"1.1"});
            do {
                ctx.setRequestControls(new Control[] {new PagedResultsControl(2, cookie, Control.CRITICAL)});
                all.addAll(names(ctx.search(SUFFIX, "(objectClass=*)", sc)));
                cookie = null;
                for (Control c : ctx.getResponseControls()) {
                    if (c instanceof PagedResultsResponseControl p) {
                        cookie = p.getCookie();
                    }
                }
            } while (cookie != null && cookie.length > 0);
            assertThat(all).hasSize(7).doesNotHaveDuplicates();
        } finally {
            ctx.close();
        }
    }

    @Test
    void updates() throws Exception {
        String carol = "uid=carol,ou=people," + SUFFIX;
        BasicAttributes attrs = new BasicAttributes(true);
        BasicAttribute oc = new BasicAttribute("objectClass");
        oc.add("inetOrgPerson");
        attrs.put(oc);
        attrs.put("uid", "carol");
        attrs.put("cn", "Carol");
        attrs.put("sn", "Danvers");
        LdapContext alice = as(ALICE, "alice-pw");
        try {
            assertThrows(NoPermissionException.class, () -> alice.createSubcontext(carol, attrs));
        } finally {
            alice.close();
        }
        LdapContext admin = as(ADMIN, ADMIN_PW);
        try {
            admin.createSubcontext(carol, attrs).close();
            assertThrows(NameAlreadyBoundException.class, () -> admin.createSubcontext(carol, attrs));
            admin.modifyAttributes(carol, new ModificationItem[] {
                new ModificationItem(DirContext.ADD_ATTRIBUTE, new BasicAttribute("mail", "carol@example.com")),
                new ModificationItem(DirContext.REPLACE_ATTRIBUTE, new BasicAttribute("cn", "Carol D"))});
            assertThat(admin.getAttributes(carol, new String[] {"mail"}).get("mail").get()).isEqualTo("carol@example.com");
            assertThrows(SchemaViolationException.class, () -> admin.modifyAttributes(carol,
                    new ModificationItem[] {new ModificationItem(DirContext.REMOVE_ATTRIBUTE, new BasicAttribute("sn"))}));
            admin.rename(carol, "uid=captain,ou=groups," + SUFFIX);
            assertThat(admin.getAttributes("uid=captain,ou=groups," + SUFFIX).get("uid").get()).isEqualTo("captain");
            admin.destroySubcontext("uid=captain,ou=groups," + SUFFIX);
            assertThrows(NameNotFoundException.class, () -> admin.getAttributes("uid=captain,ou=groups," + SUFFIX));
        } finally {
            admin.close();
        }
    }
}
