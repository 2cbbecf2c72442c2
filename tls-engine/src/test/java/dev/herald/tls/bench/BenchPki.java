package dev.herald.tls.bench;

import dev.herald.tls.testsupport.PemFiles;
import dev.herald.tls.testsupport.TestPki;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * The one set of certificates every server and client of the TLS benchmarks uses, as PEM files
 * in a directory, so that Herald, the JDK and {@code openssl} load exactly the same material:
 * a P-256 root CA ({@code ca.pem}, its key in {@code ca.key}), a P-256 server certificate for {@code localhost}
 * ({@code server.pem} / {@code server.key}) and a P-256 client certificate issued by the same CA
 * with extended key usage clientAuth ({@code client.pem} / {@code client.key}). All
 * certificates are signed with ECDSA P-256 / SHA-256.
 */
public final class BenchPki {
    public static final String CA = "ca.pem";
    public static final String CA_KEY = "ca.key";
    public static final String SERVER_CERT = "server.pem";
    public static final String SERVER_KEY = "server.key";
    public static final String CLIENT_CERT = "client.pem";
    public static final String CLIENT_KEY = "client.key";
    /** Many client certificates with their keys (certificate, then key, per client). */
    public static final String MANY_CLIENTS = "clients.pem";

    private BenchPki() {
    }

    /** Writes a fresh PKI into {@code dir} (created if missing) unless one is already there. */
    public static Path ensure(Path dir) throws IOException {
        Files.createDirectories(dir);
        if (Files.exists(dir.resolve(CLIENT_KEY)) && Files.exists(dir.resolve(CA_KEY))) {
            return dir;
        }
        java.security.KeyPair caKeys = TestPki.generate(TestPki.KeyType.EC_P256);
        TestPki.Ca root = TestPki.Ca.root("CN=Herald Bench Root CA,O=Herald Bench", caKeys);
        TestPki.Issued server = root.server("localhost", TestPki.KeyType.EC_P256);
        TestPki.Issued client = root.client("bench-client", TestPki.KeyType.EC_P256);
        PemFiles.certificates(dir.resolve(CA), List.of(root.certificate()));
        PemFiles.privateKey(dir.resolve(CA_KEY), caKeys.getPrivate(), caKeys.getPublic());
        PemFiles.certificates(dir.resolve(SERVER_CERT), server.chain());
        PemFiles.privateKey(dir.resolve(SERVER_KEY), server);
        PemFiles.certificates(dir.resolve(CLIENT_CERT), client.chain());
        PemFiles.privateKey(dir.resolve(CLIENT_KEY), client);
        return dir;
    }

    /**
     * {@code count} distinct client certificates from the bench CA, made once and kept in
     * {@link #MANY_CLIENTS} (issuing them takes seconds; a load generator should not).
     */
    public static List<TestPki.Issued> manyClients(Path dir, int count) throws IOException {
        Path file = dir.resolve(MANY_CLIENTS);
        List<TestPki.Issued> out = new ArrayList<>();
        if (Files.exists(file)) {
            try (Reader r = Files.newBufferedReader(file); PEMParser p = new PEMParser(r)) {
                JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
                X509Certificate cert = null;
                Object o;
                while ((o = p.readObject()) != null) {
                    if (o instanceof X509CertificateHolder h) {
                        cert = new JcaX509CertificateConverter().getCertificate(h);
                    } else if (o instanceof PrivateKeyInfo info && cert != null) {
                        out.add(new TestPki.Issued(cert, conv.getPrivateKey(info), List.of(cert)));
                        cert = null;
                    }
                }
            } catch (CertificateException e) {
                throw new IOException("bad certificate in " + file, e);
            }
            if (out.size() >= count) {
                return out.subList(0, count);
            }
            out.clear();
        }
        TestPki.Ca ca = ca(dir);
        StringBuilder pem = new StringBuilder();
        Path tmp = Files.createTempFile(dir, "client", ".pem");
        try {
            for (int i = 0; i < count; i++) {
                TestPki.Issued c = ca.client("bench-client-" + i, TestPki.KeyType.EC_P256);
                out.add(c);
                pem.append(Files.readString(PemFiles.certificates(tmp, List.of(c.certificate()))));
                pem.append(Files.readString(PemFiles.privateKey(tmp, c)));
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        Files.writeString(file, pem);
        return out;
    }

    /** The bench CA, able to issue more certificates (e.g. many distinct client certificates). */
    public static TestPki.Ca ca(Path dir) throws IOException {
        return TestPki.Ca.of(certificates(dir.resolve(CA)).get(0), privateKey(dir.resolve(CA_KEY)));
    }

    /** Certificates of a PEM file, in file order. */
    public static List<X509Certificate> certificates(Path file) throws IOException {
        List<X509Certificate> out = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(file); PEMParser p = new PEMParser(r)) {
            Object o;
            while ((o = p.readObject()) != null) {
                if (o instanceof X509CertificateHolder h) {
                    out.add(new JcaX509CertificateConverter().getCertificate(h));
                }
            }
        } catch (CertificateException e) {
            throw new IOException("bad certificate in " + file, e);
        }
        return out;
    }

    /** The private key of a PEM file (PKCS#8 or SEC1), as a JDK key. */
    public static PrivateKey privateKey(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file); PEMParser p = new PEMParser(r)) {
            Object o = p.readObject();
            JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
            if (o instanceof PrivateKeyInfo info) {
                return conv.getPrivateKey(info);
            }
            if (o instanceof PEMKeyPair kp) {
                return conv.getKeyPair(kp).getPrivate();
            }
            throw new IOException("no private key in " + file);
        }
    }
}
