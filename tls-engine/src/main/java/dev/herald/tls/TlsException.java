package dev.herald.tls;

/**
 * A fatal TLS error: either one the engine detected (it has queued the alert for sending) or a
 * fatal alert the peer sent. After it the connection is unusable apart from flushing the
 * pending output, which carries our alert.
 */
public final class TlsException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int alertCode;
    private final boolean receivedFromPeer;

    private TlsException(int alertCode, boolean receivedFromPeer, String message, Throwable cause) {
        super(message, cause);
        this.alertCode = alertCode;
        this.receivedFromPeer = receivedFromPeer;
    }

    /** An error detected locally; {@code alert} is what we send. */
    public static TlsException local(AlertDescription alert, String message) {
        return new TlsException(alert.code(), false, message, null);
    }

    public static TlsException local(AlertDescription alert, String message, Throwable cause) {
        return new TlsException(alert.code(), false, message, cause);
    }

    /** A fatal alert the peer sent us. */
    public static TlsException fromPeer(int alertCode, String message) {
        return new TlsException(alertCode, true, message, null);
    }

    /** The alert's wire code (sent by us, or received from the peer). */
    public int alertCode() {
        return alertCode;
    }

    /** The alert, when its code is one we know. */
    public java.util.Optional<AlertDescription> alert() {
        return AlertDescription.fromCode(alertCode);
    }

    /** The RFC name of the alert, e.g. {@code bad_certificate}. */
    public String alertName() {
        return AlertDescription.nameOf(alertCode);
    }

    /** True when the peer sent the alert; false when we detected the error and sent it. */
    public boolean receivedFromPeer() {
        return receivedFromPeer;
    }
}
