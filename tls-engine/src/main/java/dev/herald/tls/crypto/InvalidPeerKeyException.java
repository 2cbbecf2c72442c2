package dev.herald.tls.crypto;

/**
 * A peer's key share that is not a valid point on the group (or gives an all-zero X25519
 * secret); the handshake turns it into an illegal_parameter alert.
 */
public final class InvalidPeerKeyException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidPeerKeyException(String message) {
        super(message, null, false, false);
    }
}
