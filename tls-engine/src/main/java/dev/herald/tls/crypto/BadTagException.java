package dev.herald.tls.crypto;

/** An AEAD authentication failure; the record layer turns it into a bad_record_mac alert. */
public final class BadTagException extends Exception {
    private static final long serialVersionUID = 1L;

    public BadTagException(String message) {
        super(message, null, false, false);
    }
}
