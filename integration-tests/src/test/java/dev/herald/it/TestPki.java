package dev.herald.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import dev.herald.config.demo.DemoPki;
import dev.herald.config.pki.CertificateBuilder;
import dev.herald.config.pki.CertifiedKey;
import dev.herald.config.pki.KeyMaterial;
import dev.herald.config.pki.KeyType;
import dev.herald.config.pki.PkiException;

/**
 * The demo PKI (demo CA, server certificate for 127.0.0.1, alice and bob from the demo CA,
 * mallory from an untrusted CA), generated once per test JVM in a temporary folder, plus helpers
 * that mint further CAs and client certificates for the mapper tests.
 */
public final class TestPki {

    private static TestPki shared;

    public final Path dir;
    public final DemoPki files;
    public final CertifiedKey ca;
    public final CertifiedKey untrustedCa;

    private TestPki(Path dir) throws IOException, PkiException {
        this.dir = dir;
        this.files = DemoPki.generate(dir);
        this.ca = load(files.caCertificate(), files.caKey());
        this.untrustedCa = load(files.untrustedCaCertificate(), files.untrustedCaKey());
    }

    /** The JVM-wide PKI (deleted at exit). */
    public static synchronized TestPki get() {
        if (shared == null) {
            try {
                Path dir = Files.createTempDirectory("herald-it-pki");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
                shared = new TestPki(dir);
            } catch (IOException | PkiException e) {
                throw new IllegalStateException("cannot make the test PKI", e);
            }
        }
        return shared;
    }

    private static CertifiedKey load(Path cert, Path key) throws PkiException {
        X509Certificate c = KeyMaterial.readCertificates(cert).get(0);
        return new CertifiedKey(c, new KeyPair(c.getPublicKey(), KeyMaterial.readPrivateKey(key, null).privateKey()), List.of());
    }

    public Path caPem() {
        return files.caCertificate();
    }

    public Path cert(String user) {
        return files.certificate(user);
    }

    public Path key(String user) {
        return files.key(user);
    }

    /** The demo client key and certificate of {@code user} (alice, bob, mallory). */
    public CertifiedKey client(String user) {
        try {
            X509Certificate c = KeyMaterial.readCertificates(cert(user)).get(0);
            X509Certificate issuer = user.equals(DemoPki.UNTRUSTED_USER) ? untrustedCa.certificate() : ca.certificate();
            return new CertifiedKey(c, new KeyPair(c.getPublicKey(), KeyMaterial.readPrivateKey(key(user), null).privateKey()),
                    List.of(issuer));
        } catch (PkiException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new root CA. */
    public static CertifiedKey newCa(String subject) {
        return CertificateBuilder.rootCa(subject).keyType(KeyType.EC_P256).build();
    }

    /** A new client certificate issued by {@code issuer}, adjusted by {@code tune}. */
    public static CertifiedKey newClient(String subject, CertifiedKey issuer, UnaryOperator<CertificateBuilder> tune) {
        return tune.apply(CertificateBuilder.client(subject, issuer).keyType(KeyType.EC_P256)).build();
    }

    /** Writes {@code key}'s certificate chain (leaf first) and private key as PEM files under {@code dir}. */
    public static Path[] write(CertifiedKey key, Path dir, String name) {
        try {
            Path cert = dir.resolve(name + ".pem");
            Path pk = dir.resolve(name + ".key");
            key.writeChain(cert);
            key.writePrivateKey(pk);
            return new Path[] {cert, pk};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes one CA certificate as PEM. */
    public static Path writeCertificate(CertifiedKey key, Path file) {
        try {
            key.writeCertificate(file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }
}
