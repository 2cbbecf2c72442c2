package dev.herald.tls.testsupport;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;

/**
 * Bouncy Castle's TLS (bctls 1.83) as a client peer. Its jars are copied by the build to
 * {@code target/bctls-peer} and loaded in their own class loader (parent: the platform loader),
 * so the product's Bouncy Castle 1.87 and the peer never mix. It is used through the standard
 * JSSE API ({@link SSLContext} / {@link SSLEngine}) of its provider.
 */
public final class BcTlsPeer {
    private static Provider jsse;
    private static Provider bcOfPeer;

    private BcTlsPeer() {
    }

    private static synchronized Provider provider() {
        if (jsse != null) {
            return jsse;
        }
        String dir = System.getProperty("herald.bctls.peer.dir");
        if (dir == null) {
            throw new AssertionError("herald.bctls.peer.dir is not set (surefire sets it to target/bctls-peer)");
        }
        try (Stream<Path> jars = Files.list(Path.of(dir))) {
            URL[] urls = jars.filter(p -> p.toString().endsWith(".jar")).map(p -> {
                try {
                    return p.toUri().toURL();
                } catch (java.net.MalformedURLException e) {
                    throw new IllegalStateException(e);
                }
            }).toArray(URL[]::new);
            if (urls.length < 4) {
                throw new AssertionError("bctls peer jars missing in " + dir);
            }
            ClassLoader loader = new URLClassLoader("bctls-peer", urls, ClassLoader.getPlatformClassLoader());
            Provider bc = (Provider) loader.loadClass("org.bouncycastle.jce.provider.BouncyCastleProvider")
                    .getConstructor().newInstance();
            bcOfPeer = bc;
            jsse = (Provider) loader.loadClass("org.bouncycastle.jsse.provider.BouncyCastleJsseProvider")
                    .getConstructor(Provider.class).newInstance(bc);
            return jsse;
        } catch (java.io.IOException | ReflectiveOperationException e) {
            throw new IllegalStateException("cannot load the bctls peer from " + dir, e);
        }
    }

    /** The provider's version string, to show which peer ran. */
    public static String version() {
        return provider().getName() + " " + provider().getVersionStr();
    }

    /** A bctls client engine trusting {@code trustRoot}, presenting {@code clientCert} (always) when given. */
    public static SSLEngine client(TestPki.Issued clientCert, X509Certificate trustRoot, String protocol, String suite) {
        try {
            Provider p = provider();
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("root", trustRoot);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX", p);
            tmf.init(trust);
            KeyManager[] kms = null;
            if (clientCert != null) {
                // A bctls user holds Bouncy Castle keys: re-read ours through the peer's provider
                // (bctls 1.83 does not sign with the JDK's own Ed25519 key class).
                java.security.PrivateKey key = java.security.KeyFactory.getInstance(
                        clientCert.privateKey().getAlgorithm().equals("EdDSA") ? "Ed25519" : clientCert.privateKey().getAlgorithm(),
                        bcOfPeer).generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(clientCert.privateKey().getEncoded()));
                java.security.cert.CertificateFactory cf = java.security.cert.CertificateFactory.getInstance("X.509", bcOfPeer);
                List<X509Certificate> chain = new java.util.ArrayList<>();
                for (X509Certificate c : clientCert.chain()) {
                    chain.add((X509Certificate) cf.generateCertificate(new java.io.ByteArrayInputStream(c.getEncoded())));
                }
                kms = new KeyManager[] {new JdkClients.FixedKeyManager(new TestPki.Issued(chain.get(0), key, chain))};
            }
            SSLContext ctx = SSLContext.getInstance("TLS", p);
            ctx.init(kms, tmf.getTrustManagers(), null);
            SSLEngine e = ctx.createSSLEngine("localhost", 636);
            e.setUseClientMode(true);
            if (protocol != null) {
                e.setEnabledProtocols(new String[] {protocol});
            }
            if (suite != null) {
                e.setEnabledCipherSuites(new String[] {suite});
            }
            return e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<String> protocols() {
        return List.of("TLSv1.3", "TLSv1.2");
    }
}
