package dev.herald.sasl;

/**
 * Why a SASL exchange failed, named by the LDAP result code (RFC 4511 appendix A) the LDAP layer
 * sends for it. A failed bind always leaves the session anonymous (RFC 4513 §4).
 */
public enum SaslFailure {
    /** The exchange was driven wrongly (a step after completion). LDAP 1 operationsError. */
    OPERATIONS_ERROR(1),
    /** No mechanism of that name here. LDAP 7 authMethodNotSupported. */
    AUTH_METHOD_NOT_SUPPORTED(7),
    /** The mechanism cannot be used on this connection (EXTERNAL without a verified client chain). LDAP 48. */
    INAPPROPRIATE_AUTHENTICATION(48),
    /**
     * The credentials do not establish an identity or the requested authorization: no or several
     * entries, a malformed or refused authzId. LDAP 49 invalidCredentials.
     */
    INVALID_CREDENTIALS(49),
    /** The server could not decide (directory lookup failure, inconsistent chain). LDAP 80 other. */
    OTHER(80);

    private final int ldapResultCode;

    SaslFailure(int ldapResultCode) {
        this.ldapResultCode = ldapResultCode;
    }

    /** The LDAP resultCode for a BindResponse. */
    public int ldapResultCode() {
        return ldapResultCode;
    }
}
