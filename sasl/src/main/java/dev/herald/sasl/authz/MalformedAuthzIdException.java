package dev.herald.sasl.authz;

/** An authorization identity string that does not follow RFC 4513 §5.2.1.8 (or Herald's limits). */
public class MalformedAuthzIdException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedAuthzIdException(String message) {
        super(message);
    }
}
