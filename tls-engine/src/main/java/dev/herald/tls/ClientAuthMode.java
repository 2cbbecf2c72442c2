package dev.herald.tls;

/**
 * Whether and how the server asks for a client certificate, with OpenLDAP's
 * {@code TLSVerifyClient} meanings so administrators recognise them.
 */
public enum ClientAuthMode {
    /** No CertificateRequest is sent; the client is anonymous at the TLS layer. */
    NEVER,
    /**
     * A certificate is requested; a missing chain, or one that fails PKIX validation, is
     * ignored and the session goes on without a TLS identity. A CertificateVerify that does
     * not verify is still fatal (decrypt_error): it is a protocol failure, not a trust one.
     */
    ALLOW,
    /**
     * A certificate is requested; none is fine, but a presented chain that fails verification
     * ends the handshake with the alert named for the failure. The default.
     */
    TRY,
    /** A verified certificate is required; no certificate ends the handshake. */
    DEMAND
}
