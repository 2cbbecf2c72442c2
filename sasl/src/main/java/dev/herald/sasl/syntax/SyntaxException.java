package dev.herald.sasl.syntax;

/**
 * Text that should be a DN, a filter, an LDAP URL or a template is not well formed. The message
 * says what is wrong and where, and never echoes more than the offending text.
 */
public class SyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    public SyntaxException(String message) {
        super(message);
    }
}
