package dev.herald.tls;

import dev.herald.tls.pki.KeyKind;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One server identity: a certificate chain (leaf first, optionally up to but normally not
 * including the root) and the leaf's private key, optionally bound to SNI host names. A
 * credential without names serves any name. Keys: ECDSA P-256 / P-384, RSA (2048 bits or more)
 * or Ed25519. Names may use one leading wildcard label ({@code *.example.com}).
 */
public record ServerCredential(List<X509Certificate> chain, PrivateKey privateKey, Set<String> serverNames) {

    public ServerCredential {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(serverNames, "serverNames");
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("server certificate chain is empty");
        }
        chain = List.copyOf(chain);
        Set<String> names = new LinkedHashSet<>();
        for (String n : serverNames) {
            names.add(normalize(n));
        }
        serverNames = Set.copyOf(names);
        Optional<KeyKind> keyKind = KeyKind.of(privateKey);
        Optional<KeyKind> certKind = KeyKind.of(chain.get(0).getPublicKey());
        if (keyKind.isEmpty()) {
            throw new IllegalArgumentException("unsupported server key type " + privateKey.getAlgorithm()
                    + " (use ECDSA P-256/P-384, RSA or Ed25519)");
        }
        if (certKind.isEmpty() || certKind.get() != keyKind.get()) {
            throw new IllegalArgumentException("private key (" + keyKind.get() + ") does not match the leaf certificate key ("
                    + chain.get(0).getPublicKey().getAlgorithm() + ") of " + chain.get(0).getSubjectX500Principal());
        }
        if (keyKind.get() == KeyKind.RSA && KeyKind.rsaBits(chain.get(0).getPublicKey()) < 2048) {
            throw new IllegalArgumentException("RSA server key shorter than 2048 bits");
        }
    }

    /** A credential for any server name. */
    public static ServerCredential of(List<X509Certificate> chain, PrivateKey privateKey) {
        return new ServerCredential(chain, privateKey, Set.of());
    }

    /** This credential, served only for the given SNI names. */
    public ServerCredential withServerNames(String... names) {
        return new ServerCredential(chain, privateKey, Set.of(names));
    }

    public X509Certificate leaf() {
        return chain.get(0);
    }

    /** The key kind (validated at construction). */
    public KeyKind keyKind() {
        return KeyKind.of(privateKey).orElseThrow();
    }

    /** True when this credential is bound to {@code hostName} (exact or one-label wildcard). */
    public boolean matchesServerName(String hostName) {
        String h = hostName.toLowerCase(Locale.ROOT);
        for (String n : serverNames) {
            if (n.equals(h)) {
                return true;
            }
            if (n.startsWith("*.")) {
                int dot = h.indexOf('.');
                if (dot > 0 && h.substring(dot).equals(n.substring(1))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String normalize(String name) {
        String n = Objects.requireNonNull(name, "server name").trim().toLowerCase(Locale.ROOT);
        if (n.endsWith(".")) {
            n = n.substring(0, n.length() - 1);
        }
        if (n.isEmpty() || !n.matches("(\\*\\.)?[a-z0-9_-]+(\\.[a-z0-9_-]+)*")) {
            throw new IllegalArgumentException("bad server name '" + name + "'");
        }
        return n;
    }

    @Override
    public String toString() {
        return "ServerCredential[" + leaf().getSubjectX500Principal() + ", " + keyKind() + ", names=" + serverNames + "]";
    }
}
