package dev.herald.tls.testsupport;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
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

    /** PKCS#8 "PRIVATE KEY", which both OpenSSL and GnuTLS read for every key type. */
    public static Path privateKey(Path file, PrivateKey key) throws IOException {
        StringWriter sw = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
            w.writeObject(new JcaPKCS8Generator(key, null));
        }
        Files.writeString(file, sw.toString(), StandardCharsets.US_ASCII);
        return file;
    }
}
