package dev.herald.sasl.mapping;

/** What one mapper made of one certificate chain. */
public enum TrialResult {
    /** The mapper is restricted to another issuer CA. */
    SKIPPED_ISSUER("skipped: issuer"),
    /** The certificate lacks what the mapper needs (attribute, subjectAltName, regex match). */
    NOT_APPLICABLE("not applicable"),
    /** The mapper applied but found no entry. */
    NO_ENTRY("no entry"),
    /** Exactly one entry. */
    MAPPED("mapped"),
    /** Several entries (or more candidates or certificate values than allowed): a failure. */
    AMBIGUOUS("ambiguous"),
    /** The directory lookup or the certificate could not be read: a failure. */
    ERROR("error");

    private final String label;

    TrialResult(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
