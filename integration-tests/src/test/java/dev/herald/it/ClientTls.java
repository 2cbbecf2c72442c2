package dev.herald.it;

import java.security.KeyStore;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import dev.herald.config.pki.CertifiedKey;

/**
 * JDK TLS client contexts for the tests: trusting the test CA, and presenting a given client
 * certificate whatever CA names the server asks for (the JDK's own key managers, like GnuTLS,
 * would withhold a certificate from a CA the server does not list; an attacker would not).
 */
public final class ClientTls {

    private ClientTls() {}

    /** A context that trusts the test CA and presents {@code client} (null: no certificate). */
    public static SSLContext context(CertifiedKey client) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", TestPki.get().ca.certificate());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(client == null ? null : new KeyManager[] {new FixedKeyManager(client.chain(), client.privateKey())}, tmf.getTrustManagers(), null);
            return ctx;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
