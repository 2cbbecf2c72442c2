package dev.herald.ldap.settings;

/**
 * Connection security policy switches.
 *
 * @param allowAnonymousBind whether an anonymous simple bind (empty name and password)
 *     succeeds; when false it gets inappropriateAuthentication (48)
 * @param simpleBindRequiresTls whether a simple bind with a password needs TLS (StartTLS or
 *     LDAPS) first; without it the bind gets confidentialityRequired (13) and the password is
 *     never looked at (RFC 4513 §5.1.3 lets a server refuse passwords in clear)
 * @param tlsRequiredForAllOperations whether every operation except StartTLS and the read of
 *     the root DSE needs TLS; others get confidentialityRequired (13), so that a client can
 *     still discover the server and upgrade
 */
public record SecurityPolicy(boolean allowAnonymousBind, boolean simpleBindRequiresTls,
        boolean tlsRequiredForAllOperations) {

    /** Anonymous binds allowed, passwords only over TLS, other operations in clear allowed. */
    public static SecurityPolicy defaults() {
        return new SecurityPolicy(true, true, false);
    }

    /**
     * Passwords accepted without TLS: for tests and deployments that protect the connection by
     * other means (a loopback-only listener, IPsec). Not the default.
     */
    public static SecurityPolicy allowingCleartextPasswords() {
        return new SecurityPolicy(true, false, false);
    }

    /** The same policy with {@code simpleBindRequiresTls} changed. */
    public SecurityPolicy withSimpleBindRequiresTls(boolean required) {
        return new SecurityPolicy(allowAnonymousBind, required, tlsRequiredForAllOperations);
    }

    /** The same policy with {@code tlsRequiredForAllOperations} changed. */
    public SecurityPolicy withTlsRequiredForAllOperations(boolean required) {
        return new SecurityPolicy(allowAnonymousBind, simpleBindRequiresTls, required);
    }
}
