package dev.herald.tls.handshake.verify;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the handshake established about the client's identity. Both variants are built only
 * by {@link ClientAuthenticator}; a {@link Verified} needs the CertificateVerify proof and a
 * PKIX-validated path.
 */
public sealed interface PeerAuthentication {

    boolean requested();

    /** The chain as the client presented it (leaf first); empty when none. */
    List<X509Certificate> presented();

    /** No verified identity: nothing requested, nothing sent, or (in allow mode) a chain dropped. */
    final class Anonymous implements PeerAuthentication {
        private final boolean requested;
        private final List<X509Certificate> presented;
        private final String dropReason;

        Anonymous(boolean requested, List<X509Certificate> presented, String dropReason) {
            this.requested = requested;
            this.presented = List.copyOf(presented);
            this.dropReason = dropReason;
        }

        @Override
        public boolean requested() {
            return requested;
        }

        @Override
        public List<X509Certificate> presented() {
            return presented;
        }

        /** Why a presented chain was ignored (allow mode only). */
        public Optional<String> dropReason() {
            return Optional.ofNullable(dropReason);
        }
    }

    /** A chain that passed PKIX and whose key signed the CertificateVerify. */
    final class Verified implements PeerAuthentication {
        private final List<X509Certificate> presented;
        private final List<X509Certificate> path;

        Verified(List<X509Certificate> presented, List<X509Certificate> path, CertificateVerifyChecked proof) {
            Objects.requireNonNull(proof, "CertificateVerify proof");
            this.presented = List.copyOf(presented);
            this.path = List.copyOf(path);
        }

        @Override
        public boolean requested() {
            return true;
        }

        @Override
        public List<X509Certificate> presented() {
            return presented;
        }

        /** Leaf first, ending with the trust anchor's certificate. */
        public List<X509Certificate> path() {
            return path;
        }
    }
}
