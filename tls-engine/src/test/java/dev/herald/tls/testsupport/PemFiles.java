package dev.herald.tls.testsupport;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/** Writes test certificates and keys as PEM files for peer programs (openssl, gnutls-cli). */
public final class PemFiles {
    private PemFiles() {
    }

    public static Path certificates(Path file, List<X509Certificate> certs) throws IOException {
        StringWriter sw = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
            for (X509Certificate c : certs) {
                w.writeObject(c);
            }
        }
        Files.writeString(file, sw.toString(), StandardCharsets.US_ASCII);
        return file;
    }

    /** The key of an issued test certificate. */
    public static Path privateKey(Path file, TestPki.Issued issued) throws IOException {
        return privateKey(file, issued.privateKey(), issued.certificate().getPublicKey());
    }

    /**
     * PKCS#8 "PRIVATE KEY", which both OpenSSL and GnuTLS read for every key type. GnuTLS 3.7
     * insists on the optional public key inside an EC private key, which the JDK's encoding
     * leaves out, so EC keys are re-encoded with it (taken from {@code publicKey}).
     */
    public static Path privateKey(Path file, PrivateKey key, PublicKey publicKey) throws IOException {
        StringWriter sw = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
            if (key instanceof ECPrivateKey ec) {
                PrivateKeyInfo jdk = PrivateKeyInfo.getInstance(key.getEncoded());
                AlgorithmIdentifier alg = jdk.getPrivateKeyAlgorithm();
                DERBitString pub = new DERBitString(SubjectPublicKeyInfo.getInstance(publicKey.getEncoded()).getPublicKeyData().getBytes());
                int orderBits = ec.getParams().getOrder().bitLength();
                org.bouncycastle.asn1.sec.ECPrivateKey inner = new org.bouncycastle.asn1.sec.ECPrivateKey(orderBits,
                        ec.getS(), pub, null);
                w.writeObject(new PemObject("PRIVATE KEY", new PrivateKeyInfo(alg, inner).getEncoded()));
            } else {
                w.writeObject(new JcaPKCS8Generator(key, null));
            }
        }
        Files.writeString(file, sw.toString(), StandardCharsets.US_ASCII);
        return file;
    }
}
