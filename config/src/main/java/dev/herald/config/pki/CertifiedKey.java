package dev.herald.config.pki;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A certificate with its key pair and the certificates of its issuers (nearest first, ending
 * with the root; empty for a self-signed certificate), as made by {@link CertificateBuilder}.
 * It can issue further certificates when it is a CA, and write itself to files in the formats
 * Herald and OpenSSL/GnuTLS clients read.
 */
public record CertifiedKey(X509Certificate certificate, KeyPair keyPair, List<X509Certificate> issuers) {

    public CertifiedKey {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(keyPair, "keyPair");
        issuers = List.copyOf(issuers);
    }

    public PrivateKey privateKey() {
        return keyPair.getPrivate();
    }

    /** What a TLS peer sends: this certificate and its intermediates, without the self-signed root. */
    public List<X509Certificate> chain() {
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(certificate);
        for (X509Certificate c : issuers) {
            if (!c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
                chain.add(c);
            }
        }
        return List.copyOf(chain);
    }

    /** This certificate, its intermediates and the root. */
    public List<X509Certificate> fullChain() {
        List<X509Certificate> all = new ArrayList<>();
        all.add(certificate);
        all.addAll(issuers);
        return List.copyOf(all);
    }

    /** The root of this certificate's chain (itself when self-signed). */
    public X509Certificate root() {
        return issuers.isEmpty() ? certificate : issuers.get(issuers.size() - 1);
    }

    /** Writes this certificate alone as PEM. */
    public void writeCertificate(Path file) throws IOException {
        PemFiles.writePublic(file, PemFiles.certificates(List.of(certificate)));
    }

    /** Writes {@link #chain()} as PEM, leaf first. */
    public void writeChain(Path file) throws IOException {
        PemFiles.writePublic(file, PemFiles.certificates(chain()));
    }

    /** Writes the private key as unencrypted PKCS#8 PEM, mode 600. */
    public void writePrivateKey(Path file) throws IOException {
        PemFiles.writePrivate(file, PemFiles.pkcs8(privateKey()));
    }

    /** Writes the private key as encrypted PKCS#8 PEM, mode 600. */
    public void writeEncryptedPrivateKey(Path file, char[] password) throws IOException {
        PemFiles.writePrivate(file, PemFiles.encryptedPkcs8(privateKey(), password));
    }

    /** Writes key and {@link #chain()} as PKCS#12, mode 600. */
    public void writePkcs12(Path file, char[] password) throws IOException {
        PemFiles.writePrivate(file, PemFiles.pkcs12(privateKey(), chain(), password, "herald"));
    }

    @Override
    public String toString() {
        return "CertifiedKey[" + certificate.getSubjectX500Principal().getName() + ", " + KeyTypes.describe(certificate.getPublicKey()) + "]";
    }
}
