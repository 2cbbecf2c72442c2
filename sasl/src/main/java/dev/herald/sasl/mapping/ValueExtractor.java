package dev.herald.sasl.mapping;

import dev.herald.sasl.cert.ClientCertificate;
import dev.herald.sasl.syntax.AttributeTypes;

import java.security.cert.CertificateParsingException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Takes the values a {@link CertificateValue} names out of a certificate. Empty values are
 * dropped (an empty assertion would match entries with an empty attribute, never a person);
 * more than {@link #MAX_VALUES} distinct values make the certificate unusable for the mapper.
 */
final class ValueExtractor {
    /** Bound on the values ORed into one filter. */
    static final int MAX_VALUES = 16;

    /** The values, or a reason they cannot be used; {@code tooMany} marks a definite failure. */
    record Extracted(List<String> values, String source, String problem, boolean tooMany) {
    }

    private ValueExtractor() {
    }

    static Extracted extract(CertificateValue what, ClientCertificate leaf) throws CertificateParsingException {
        List<String> raw;
        String source;
        String none;
        if (what instanceof CertificateValue.SubjectAttribute) {
            String name = ((CertificateValue.SubjectAttribute) what).attribute();
            String oid = AttributeTypes.oidOf(name);
            ClientCertificate.SubjectValues v = leaf.subjectValues(oid);
            raw = v.strings();
            source = "subject " + name;
            none = v.nonStrings() > 0
                    ? "the subject's " + name + " is not a character string"
                    : "the subject has no " + name;
        } else if (what instanceof CertificateValue.SubjectDn) {
            raw = leaf.subjectDn().isEmpty() ? List.of() : List.of(leaf.subjectDn());
            source = "subject DN";
            none = "the certificate subject is empty";
        } else if (what instanceof CertificateValue.Fingerprint) {
            raw = List.of(leaf.fingerprint(((CertificateValue.Fingerprint) what).format()));
            source = "SHA-256 fingerprint";
            none = "";
        } else if (what instanceof CertificateValue.SubjectAltName) {
            CertificateValue.SubjectAltName san = (CertificateValue.SubjectAltName) what;
            raw = leaf.subjectAltNames(san.type());
            source = "subjectAltName " + san.type().displayName();
            none = "the certificate has no subjectAltName " + san.type().displayName();
        } else {
            throw new AssertionError(what);
        }
        List<String> values = new ArrayList<>(new LinkedHashSet<>(raw));
        values.removeIf(String::isEmpty);
        if (values.isEmpty()) {
            return new Extracted(List.of(), source, raw.isEmpty() ? none : "the " + source + " is empty", false);
        }
        if (values.size() > MAX_VALUES) {
            return new Extracted(List.of(), source, "the certificate has " + values.size() + " values of " + source
                    + ", more than " + MAX_VALUES, true);
        }
        return new Extracted(values, source, null, false);
    }
}
