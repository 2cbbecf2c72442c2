package dev.herald.config.model;

/**
 * Whether the TLS server asks for a client certificate and what it does with the answer, named
 * and meant as in OpenLDAP's {@code TLSVerifyClient} so administrators recognise them.
 */
public enum ClientCertificateMode {
    /** No CertificateRequest is sent. */
    NEVER("never"),
    /** A certificate is requested; a missing or failing chain is ignored (the session is anonymous). */
    ALLOW("allow"),
    /** A certificate is requested; none is fine, but a chain that fails verification ends the handshake. */
    TRY("try"),
    /** A verified client certificate is required. */
    DEMAND("demand");

    private final String configName;

    ClientCertificateMode(String configName) {
        this.configName = configName;
    }

    /** The spelling used in the configuration file. */
    public String configName() {
        return configName;
    }
}
