package dev.herald.sasl.external;

import dev.herald.sasl.SaslContext;
import dev.herald.sasl.SaslMechanism;
import dev.herald.sasl.SaslSession;

/**
 * SASL EXTERNAL (RFC 4422 appendix A) over TLS client authentication (RFC 4513 §5.2.3): the
 * identity is the directory entry the verified client certificate chain maps to.
 */
public final class ExternalMechanism implements SaslMechanism {
    /** The mechanism name. */
    public static final String NAME = "EXTERNAL";

    @Override
    public String name() {
        return NAME;
    }

    /** Listed only on connections with a verified client chain, as slapd does. */
    @Override
    public boolean isAvailable(SaslContext context) {
        return context.verifiedPeerChain().isPresent();
    }

    @Override
    public SaslSession newSession(SaslContext context) {
        return new ExternalSession(context);
    }
}
