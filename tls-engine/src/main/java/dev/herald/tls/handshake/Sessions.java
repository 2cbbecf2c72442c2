package dev.herald.tls.handshake;

import dev.herald.tls.CipherSuite;
import dev.herald.tls.TlsSession;
import dev.herald.tls.TlsVersion;
import dev.herald.tls.crypto.NamedGroup;
import dev.herald.tls.handshake.verify.PeerAuthentication;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Builds the {@link TlsSession} from what the handshake established. */
final class Sessions {
    private Sessions() {
    }

    static TlsSession build(TlsVersion version, CipherSuite suite, NamedGroup group, Optional<String> sni,
            PeerAuthentication auth, boolean ems, long startNanos) {
        List<X509Certificate> presented = auth.presented();
        Optional<String> subject = presented.isEmpty() ? Optional.empty()
                : Optional.of(presented.get(0).getSubjectX500Principal().getName());
        List<X509Certificate> verified = List.of();
        Optional<String> problem = Optional.empty();
        if (auth instanceof PeerAuthentication.Verified v) {
            verified = v.path();
        } else if (auth instanceof PeerAuthentication.Anonymous a) {
            problem = a.dropReason();
        }
        return new TlsSession(version, suite, group, sni, verified, auth.requested(), !presented.isEmpty(),
                !verified.isEmpty(), subject, problem, ems, Duration.ofNanos(System.nanoTime() - startNanos));
    }
}
