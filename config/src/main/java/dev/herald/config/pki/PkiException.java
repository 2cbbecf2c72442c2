package dev.herald.config.pki;

/**
 * Key or certificate material that cannot be used, with the reason in an administrator's words
 * and the fix. {@link #reason()} lets the configuration loader blame the right key (the file, or
 * the password that goes with it).
 */
public final class PkiException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What went wrong, coarsely. */
    public enum Reason {
        /** The file does not exist. */
        NOT_FOUND,
        /** The file exists but cannot be read (permissions, a folder...). */
        UNREADABLE,
        /** The file does not contain what was asked for (no key, no certificate, DER instead of PEM...). */
        WRONG_CONTENT,
        /** The contents are corrupt or malformed. */
        MALFORMED,
        /** The material is encrypted and no password was given. */
        PASSWORD_REQUIRED,
        /** The password does not decrypt the material. */
        WRONG_PASSWORD,
        /** The algorithm or format is not supported. */
        UNSUPPORTED,
        /** The key and certificate do not belong together, or the chain is not a chain. */
        MISMATCH
    }

    private final Reason reason;
    private final String fix;

    public PkiException(Reason reason, String problem, String fix) {
        super(problem);
        this.reason = reason;
        this.fix = fix;
    }

    public PkiException(Reason reason, String problem, String fix, Throwable cause) {
        super(problem, cause);
        this.reason = reason;
        this.fix = fix;
    }

    public Reason reason() {
        return reason;
    }

    public String fix() {
        return fix;
    }
}
