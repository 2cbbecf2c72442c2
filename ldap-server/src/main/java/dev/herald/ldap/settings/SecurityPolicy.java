package dev.herald.ldap.settings;

/**
 * Authentication policy switches.
 *
 * @param allowAnonymousBind whether an anonymous simple bind (empty name and password)
 *     succeeds; when false it gets inappropriateAuthentication (48)
 * @param simpleBindRequiresTls whether a simple bind with a password needs TLS first; without
 *     it the bind gets confidentialityRequired (13). Enforced once StartTLS / LDAPS exist.
 */
public record SecurityPolicy(boolean allowAnonymousBind, boolean simpleBindRequiresTls) {

    /** Anonymous binds allowed, passwords accepted without TLS (until StartTLS arrives). */
    public static SecurityPolicy defaults() {
        return new SecurityPolicy(true, false);
    }
}
