package dev.herald.config.syntax;

/**
 * A value that does not follow its syntax. The message says what is wrong in words an
 * administrator can act on; {@link #fix()} says how to write it instead.
 */
public final class SyntaxException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String fix;

    public SyntaxException(String problem, String fix) {
        super(problem);
        this.fix = fix;
    }

    public String fix() {
        return fix;
    }
}
