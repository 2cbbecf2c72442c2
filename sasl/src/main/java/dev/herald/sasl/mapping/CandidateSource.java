package dev.herald.sasl.mapping;

import dev.herald.sasl.syntax.AttributeDescription;

/**
 * How the {@code certificate} mapper finds the entries whose stored certificates it compares
 * with the presented leaf. At most {@code maxCandidates} entries are compared; a source that
 * yields more is a failure (not a truncated comparison).
 */
public sealed interface CandidateSource {

    /** The entry whose DN is the certificate subject (as {@code subject-dn} finds it): 0 or 1 candidate. */
    record SubjectDnEntry() implements CandidateSource {
    }

    /**
     * Entries under {@code search} whose {@code entryAttribute} equals a value taken from the
     * certificate: the filter is {@code (entryAttribute=v)}, or {@code (|(entryAttribute=v1)...)}
     * for several values.
     */
    record ValueSearch(CertificateValue value, String entryAttribute, SearchBase search) implements CandidateSource {
        public ValueSearch {
            if (value == null || search == null) {
                throw new IllegalArgumentException("candidate search needs a certificate value and a search base");
            }
            AttributeDescription.require(entryAttribute, "candidate entry attribute");
        }
    }

    /**
     * Entries under {@code search} that the directory's own equality matching finds with the
     * DER certificate as assertion value: {@code (certificateAttribute=<DER, escaped>)}. The
     * exact byte comparison afterwards still decides.
     */
    record CertificateSearch(SearchBase search) implements CandidateSource {
        public CertificateSearch {
            if (search == null) {
                throw new IllegalArgumentException("certificate search needs a search base");
            }
        }
    }
}
