package dev.herald.sasl.cert;

import java.security.cert.X509Certificate;

/** Test helper: computes a certificate's fingerprint the way mappers do. */
public final class ClientCertificateProbe {
    private final ClientCertificate c;

    public ClientCertificateProbe(X509Certificate x) throws Exception {
        this.c = ClientCertificate.of(x);
    }

    public String fingerprint(FingerprintFormat f) {
        return c.fingerprint(f);
    }
}
