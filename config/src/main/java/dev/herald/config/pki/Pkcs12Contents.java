package dev.herald.config.pki;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/** The key entry read from a PKCS#12 file: its alias, the private key and the certificate chain (leaf first). */
public record Pkcs12Contents(String alias, PrivateKey privateKey, List<X509Certificate> chain) {

    public Pkcs12Contents {
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(privateKey, "privateKey");
        chain = List.copyOf(chain);
    }

    @Override
    public String toString() {
        return "Pkcs12Contents[alias=" + alias + ", key=" + KeyTypes.describe(privateKey) + ", chain=" + chain.size() + "]";
    }
}
