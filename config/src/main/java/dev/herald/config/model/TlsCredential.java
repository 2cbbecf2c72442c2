package dev.herald.config.model;

import dev.herald.config.pki.KeyTypes;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * One server certificate chain (leaf first, then intermediates) and the private key that
 * matches the leaf, checked to match when loaded. {@code serverNames} are the host names this
 * credential answers for in SNI selection: the configured {@code server-names}, or else the
 * leaf's DNS subjectAltNames (possibly wildcards such as {@code *.example.com}); empty means
 * "no preference" (used when nothing else fits). {@code origin} names the files it came from.
 * The key never appears in {@link #toString()}.
 */
public record TlsCredential(
        List<X509Certificate> chain,
        PrivateKey privateKey,
        List<String> serverNames,
        String origin,
        SourceLocation location) {

    public TlsCredential {
        chain = List.copyOf(chain);
        Objects.requireNonNull(privateKey, "privateKey");
        serverNames = List.copyOf(serverNames);
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(location, "location");
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("empty certificate chain");
        }
    }

    /** The end-entity certificate. */
    public X509Certificate leaf() {
        return chain.get(0);
    }

    /** A description of the key such as {@code ECDSA P-256}, {@code RSA 2048} or {@code Ed25519}. */
    public String keyType() {
        return KeyTypes.describe(leaf().getPublicKey());
    }

    @Override
    public String toString() {
        return "TlsCredential[" + origin + ", subject=" + leaf().getSubjectX500Principal().getName()
                + ", key=" + keyType() + ", serverNames=" + serverNames + "]";
    }
}
