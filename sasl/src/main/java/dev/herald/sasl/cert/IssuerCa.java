package dev.herald.sasl.cert;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

/**
 * A CA certificate that restricts a mapper to chains through it. The test is certificate
 * equality (identical DER encoding) against every certificate above the leaf in the verified
 * chain, never a comparison of names: two CAs with the same subject DN (a re-keyed CA, or an
 * unrelated CA that copied the name) are different issuers. A chain of one certificate has
 * nothing above its leaf and so passes no issuer restriction.
 */
public final class IssuerCa {
    private final X509Certificate certificate;
    private final byte[] der;
    private final String description;

    private IssuerCa(X509Certificate certificate, byte[] der, String description) {
        this.certificate = certificate;
        this.der = der;
        this.description = description;
    }

    /** Wraps a CA certificate. */
    public static IssuerCa of(X509Certificate certificate) {
        try {
            byte[] der = certificate.getEncoded();
            ClientCertificate view = ClientCertificate.of(certificate);
            String fp = FingerprintFormat.HEX.format(view.sha256());
            return new IssuerCa(certificate, der, "\"" + view.subjectDn() + "\" (sha256 " + fp.substring(0, 16) + "...)");
        } catch (CertificateEncodingException | java.security.cert.CertificateParsingException e) {
            throw new IllegalArgumentException("unreadable issuer CA certificate: " + e.getMessage(), e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** True when this CA's certificate appears above the leaf in {@code chain}. */
    public boolean isAboveLeafIn(List<X509Certificate> chain) {
        for (int i = 1; i < chain.size(); i++) {
            try {
                if (Arrays.equals(der, chain.get(i).getEncoded())) {
                    return true;
                }
            } catch (CertificateEncodingException e) {
                return false;
            }
        }
        return false;
    }

    /** Subject and fingerprint prefix, enough to tell two same-named CAs apart in a log. */
    @Override
    public String toString() {
        return description;
    }
}
