package dev.herald.it;

import static dev.herald.it.Herald.ALICE;
import static dev.herald.it.Herald.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Hashtable;

import javax.naming.AuthenticationNotSupportedException;
import javax.naming.Context;
import javax.naming.NamingException;
import javax.naming.ldap.InitialLdapContext;
import javax.naming.ldap.LdapContext;
import javax.naming.ldap.StartTlsRequest;
import javax.naming.ldap.StartTlsResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.herald.config.pki.CertifiedKey;

/**
 * JNDI, the JDK's LDAP client: StartTlsRequest / StartTlsResponse.negotiate with a client
 * certificate, then SASL EXTERNAL, then Who am I? — and the refusal without a certificate.
 */
class JndiExternalTest {

    static Herald herald;

    @BeforeAll
    static void start() throws Exception {
        herald = Herald.builder().start();
    }

    @AfterAll
    static void stop() throws Exception {
        herald.close();
    }

    private static String whoAmIAfterExternal(CertifiedKey client) throws Exception {
        Hashtable<String, Object> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
        env.put(Context.PROVIDER_URL, herald.url());
        LdapContext ctx = new InitialLdapContext(env, null);
        try {
            StartTlsResponse tls = (StartTlsResponse) ctx.extendedOperation(new StartTlsRequest());
            tls.negotiate(ClientTls.context(client).getSocketFactory());
            ctx.addToEnvironment(Context.SECURITY_AUTHENTICATION, "EXTERNAL");
            // reconnect() binds again with the new settings on the same (now TLS) connection.
            ctx.reconnect(null);
            byte[] value = ctx.extendedOperation(new JndiTest.WhoAmI()).getEncodedValue();
            return new String(value, StandardCharsets.UTF_8);
        } finally {
            ctx.close();
        }
    }

    @Test
    void startTlsThenExternal() throws Exception {
        assertThat(whoAmIAfterExternal(TestPki.get().client("alice"))).isEqualTo("dn:" + ALICE);
        assertThat(whoAmIAfterExternal(TestPki.get().client("bob"))).isEqualTo("dn:" + BOB);
    }

    @Test
    void withoutACertificateExternalIsRefused() {
        NamingException e = assertThrows(NamingException.class, () -> whoAmIAfterExternal(null));
        assertThat(e).isInstanceOf(AuthenticationNotSupportedException.class);
        assertThat(e.getMessage()).contains("48");
    }
}
