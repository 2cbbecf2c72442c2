package dev.herald.tls.testsupport;

import java.net.Socket;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

/** JDK TLS clients (SSLContext / SSLEngine) configured for tests. */
public final class JdkClients {
    private JdkClients() {
    }

    /**
     * A client context trusting {@code trustRoot}.
     *
     * @param clientCert the certificate to present, or null for none
     * @param alwaysPresent present {@code clientCert} even when its CA is not among the names
     *     the server asked for (the JDK's own key manager would then send no certificate)
     */
    public static SSLContext context(TestPki.Issued clientCert, X509Certificate trustRoot, boolean alwaysPresent) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("root", trustRoot);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(trust);
            KeyManager[] kms = null;
            if (clientCert != null) {
                if (alwaysPresent) {
                    kms = new KeyManager[] {new FixedKeyManager(clientCert)};
                } else {
                    KeyStore ks = KeyStore.getInstance("PKCS12");
                    ks.load(null, null);
                    ks.setKeyEntry("client", clientCert.privateKey(), "pw".toCharArray(),
                            clientCert.chain().toArray(new X509Certificate[0]));
                    KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
                    kmf.init(ks, "pw".toCharArray());
                    kms = kmf.getKeyManagers();
                }
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kms, tmf.getTrustManagers(), null);
            return ctx;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static SSLEngine engine(SSLContext ctx, String protocol, String suite) {
        SSLEngine e = ctx.createSSLEngine("localhost", 636);
        e.setUseClientMode(true);
        if (protocol != null) {
            e.setEnabledProtocols(new String[] {protocol});
        }
        if (suite != null) {
            e.setEnabledCipherSuites(new String[] {suite});
        }
        return e;
    }

    /** A key manager that always offers its one certificate, whatever CAs the server named. */
    static final class FixedKeyManager extends X509ExtendedKeyManager {
        private final TestPki.Issued cert;

        FixedKeyManager(TestPki.Issued cert) {
            this.cert = cert;
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
            return cert.chain().toArray(new X509Certificate[0]);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return cert.privateKey();
        }
    }

    public static List<String> allProtocols() {
        return List.of("TLSv1.3", "TLSv1.2");
    }
}
