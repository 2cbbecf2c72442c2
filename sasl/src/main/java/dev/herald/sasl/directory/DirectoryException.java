package dev.herald.sasl.directory;

/**
 * A directory lookup could not be answered (backend failure, unparsable DN or filter on the
 * server side, ...). The sasl module never treats this as "no entry": a mapping or an
 * authorization check that meets it fails closed.
 */
public class DirectoryException extends Exception {
    private static final long serialVersionUID = 1L;

    public DirectoryException(String message) {
        super(message);
    }

    public DirectoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
