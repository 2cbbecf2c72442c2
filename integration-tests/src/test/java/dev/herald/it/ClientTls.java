package dev.herald.it;

import java.net.Socket;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

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
            ctx.init(client == null ? null : new KeyManager[] {new FixedKeyManager(client)}, tmf.getTrustManagers(), null);
            return ctx;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Always offers the one client certificate it holds. */
    private static final class FixedKeyManager extends X509ExtendedKeyManager {
        private final CertifiedKey key;

        FixedKeyManager(CertifiedKey key) {
            this.key = key;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {"client"};
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return "client";
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return "client";
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            List<X509Certificate> chain = key.chain();
            return chain.toArray(X509Certificate[]::new);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return key.privateKey();
        }
    }
}
