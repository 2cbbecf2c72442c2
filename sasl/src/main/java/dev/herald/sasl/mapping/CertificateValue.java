package dev.herald.sasl.mapping;

import dev.herald.sasl.cert.FingerprintFormat;
import dev.herald.sasl.cert.SanType;
import dev.herald.sasl.syntax.AttributeTypes;

/**
 * A value taken from the client certificate to search the directory with. Used by the
 * {@code certificate} mapper to find candidate entries; the {@code subject-attribute},
 * {@code subject-dn-attribute}, {@code fingerprint} and {@code subject-alt-name} mappers are the
 * same search with the value fixed by their type.
 */
public sealed interface CertificateValue {

    /** Every value of one subject attribute, e.g. {@code CN}, {@code emailAddress}, {@code UID} or a dotted OID. */
    record SubjectAttribute(String attribute) implements CertificateValue {
        public SubjectAttribute {
            AttributeTypes.oidOf(attribute);
        }
    }

    /** The whole subject as an RFC 4514 string ({@link dev.herald.sasl.cert.SubjectNames}). */
    record SubjectDn() implements CertificateValue {
    }

    /** The SHA-256 fingerprint of the DER certificate. */
    record Fingerprint(FingerprintFormat format) implements CertificateValue {
        public Fingerprint {
            if (format == null) {
                throw new IllegalArgumentException("fingerprint format must not be null");
            }
        }
    }

    /** Every subjectAltName value of one type. */
    record SubjectAltName(SanType type) implements CertificateValue {
        public SubjectAltName {
            if (type == null) {
                throw new IllegalArgumentException("subjectAltName type must not be null");
            }
        }
    }
}
