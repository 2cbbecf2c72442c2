package dev.herald.config.demo;

import dev.herald.config.pki.CertificateBuilder;
import dev.herald.config.pki.CertifiedKey;
import dev.herald.config.pki.KeyMaterial;
import dev.herald.config.pki.KeyType;
import dev.herald.config.pki.PkiException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

/**
 * The demo PKI under {@code DIR/pki}: a demo CA ({@code ca.pem}, {@code ca.key}), the server's
 * certificate for {@code localhost} / {@code 127.0.0.1} ({@code server.pem}, {@code
 * server.key}), client certificates for alice and bob issued by the demo CA, and one for
 * mallory issued by a second CA ({@code untrusted-ca.pem}) that the demo server does not
 * trust. All keys are ECDSA P-256, stored as unencrypted PKCS#8 PEM with mode 600 (OpenLDAP's
 * clients read them through {@code LDAPTLS_CERT} / {@code LDAPTLS_KEY}).
 *
 * <p>Generating into an existing folder keeps the files already there; only missing pieces
 * are made. When a CA has to be made anew, the certificates it issues are made anew too.
 */
public final class DemoPki {

    public static final String CA_SUBJECT = "CN=Herald Demo CA,O=Herald Demo";
    public static final String UNTRUSTED_CA_SUBJECT = "CN=Untrusted Demo CA,O=Elsewhere";
    public static final String SERVER_SUBJECT = "CN=localhost,O=Herald Demo";
    /** The client certificates issued by the demo CA. */
    public static final List<String> TRUSTED_USERS = List.of("alice", "bob");
    /** The client whose certificate comes from the untrusted CA. */
    public static final String UNTRUSTED_USER = "mallory";

    private static final Duration LEAF_VALIDITY = Duration.ofDays(825);
    private static final Duration CA_VALIDITY = Duration.ofDays(3650);

    private final Path dir;

    private DemoPki(Path dir) {
        this.dir = dir;
    }

    /** The subject of a demo client certificate: {@code CN=<user>,OU=people,O=Herald Demo}. */
    public static String clientSubject(String user) {
        return "CN=" + user + ",OU=people,O=Herald Demo";
    }

    /** The rfc822Name subjectAltName of a demo client certificate: {@code <user>@example.com}. */
    public static String clientEmail(String user) {
        return user + "@example.com";
    }

    /** The PKI files under an existing demo folder, without generating anything. */
    public static DemoPki at(Path demoDir) {
        return new DemoPki(demoDir.resolve("pki"));
    }

    /** Makes whatever is missing of the demo PKI under {@code demoDir/pki}. */
    public static DemoPki generate(Path demoDir) throws IOException {
        DemoPki pki = at(demoDir);
        Files.createDirectories(pki.dir);
        Ca trusted = pki.loadOrCreateCa(pki.caCertificate(), pki.caKey(), CA_SUBJECT, leafPaths(pki, TRUSTED_USERS, true));
        if (trusted.fresh || pki.missing(pki.serverCertificate(), pki.serverKey())) {
            CertifiedKey server = CertificateBuilder.server(SERVER_SUBJECT, trusted.key())
                    .keyType(KeyType.EC_P256)
                    .validFor(LEAF_VALIDITY)
                    .dnsNames("localhost")
                    .ipAddresses("127.0.0.1", "::1")
                    .build();
            server.writeCertificate(pki.serverCertificate());
            server.writePrivateKey(pki.serverKey());
        }
        for (String user : TRUSTED_USERS) {
            pki.issueClientIfMissing(trusted, user);
        }
        Ca untrusted = pki.loadOrCreateCa(pki.untrustedCaCertificate(), pki.untrustedCaKey(), UNTRUSTED_CA_SUBJECT,
                leafPaths(pki, List.of(UNTRUSTED_USER), false));
        pki.issueClientIfMissing(untrusted, UNTRUSTED_USER);
        return pki;
    }

    public Path directory() {
        return dir;
    }

    public Path caCertificate() {
        return dir.resolve("ca.pem");
    }

    public Path caKey() {
        return dir.resolve("ca.key");
    }

    public Path serverCertificate() {
        return dir.resolve("server.pem");
    }

    public Path serverKey() {
        return dir.resolve("server.key");
    }

    public Path untrustedCaCertificate() {
        return dir.resolve("untrusted-ca.pem");
    }

    public Path untrustedCaKey() {
        return dir.resolve("untrusted-ca.key");
    }

    /** {@code <user>.pem}: a client's certificate. */
    public Path certificate(String user) {
        return dir.resolve(user + ".pem");
    }

    /** {@code <user>.key}: a client's private key. */
    public Path key(String user) {
        return dir.resolve(user + ".key");
    }

    private record Ca(CertifiedKey key, boolean fresh) {}

    private void issueClientIfMissing(Ca ca, String user) throws IOException {
        if (!ca.fresh && !missing(certificate(user), key(user))) {
            return;
        }
        CertifiedKey client = CertificateBuilder.client(clientSubject(user), ca.key())
                .keyType(KeyType.EC_P256)
                .validFor(LEAF_VALIDITY)
                .emails(clientEmail(user))
                .build();
        client.writeCertificate(certificate(user));
        client.writePrivateKey(key(user));
    }

    private Ca loadOrCreateCa(Path certFile, Path keyFile, String subject, List<Path> issued) throws IOException {
        boolean haveCert = Files.exists(certFile);
        boolean haveKey = Files.exists(keyFile);
        if (haveCert && haveKey) {
            try {
                X509Certificate cert = KeyMaterial.readCertificates(certFile).get(0);
                var key = KeyMaterial.readPrivateKey(keyFile, null).privateKey();
                KeyMaterial.checkKeyMatchesCertificate(key, cert);
                return new Ca(new CertifiedKey(cert, new KeyPair(cert.getPublicKey(), key), List.of()), false);
            } catch (PkiException e) {
                throw new IOException("cannot reuse the demo CA in " + dir + ": " + e.getMessage()
                        + "; delete " + dir + " to make a new demo PKI", e);
            }
        }
        if (haveCert || haveKey) {
            boolean needed = issued.stream().anyMatch(p -> !Files.exists(p));
            if (needed) {
                throw new IOException("only one of " + certFile.getFileName() + " and " + keyFile.getFileName() + " exists in " + dir
                        + ", so the missing certificates cannot be issued; delete " + dir + " to make a new demo PKI");
            }
            return new Ca(null, false);
        }
        CertifiedKey ca = CertificateBuilder.rootCa(subject).keyType(KeyType.EC_P256).validFor(CA_VALIDITY).build();
        ca.writeCertificate(certFile);
        ca.writePrivateKey(keyFile);
        return new Ca(ca, true);
    }

    private boolean missing(Path cert, Path key) {
        return !Files.exists(cert) || !Files.exists(key);
    }

    private static List<Path> leafPaths(DemoPki pki, List<String> users, boolean withServer) {
        List<Path> paths = new java.util.ArrayList<>();
        if (withServer) {
            paths.add(pki.serverCertificate());
            paths.add(pki.serverKey());
        }
        for (String u : users) {
            paths.add(pki.certificate(u));
            paths.add(pki.key(u));
        }
        return paths;
    }
}
