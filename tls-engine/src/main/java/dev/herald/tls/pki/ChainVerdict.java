package dev.herald.tls.pki;

import dev.herald.tls.AlertDescription;
import java.security.cert.X509Certificate;
import java.util.List;

/** The outcome of PKIX validation of a client chain. */
public sealed interface ChainVerdict {

    /** The chain validated; {@code path} runs from the leaf to the trust anchor's certificate. */
    record Valid(List<X509Certificate> path) implements ChainVerdict {
        public Valid {
            path = List.copyOf(path);
        }
    }

    /** The chain did not validate; {@code alert} is the RFC alert for the reason. */
    record Invalid(AlertDescription alert, String reason) implements ChainVerdict {
    }
}
