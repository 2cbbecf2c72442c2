package dev.herald.sasl.mapping;

import dev.herald.sasl.cert.FingerprintFormat;
import dev.herald.sasl.cert.SanType;
import dev.herald.sasl.syntax.AttributeDescription;
import dev.herald.sasl.syntax.AttributeTypes;
import dev.herald.sasl.syntax.Dn;
import dev.herald.sasl.syntax.SyntaxException;

import java.util.Optional;

/**
 * The configuration of one certificate mapper: plain immutable values that ldap-server builds
 * from the config module's model. Every constructor validates its arguments and throws
 * {@link IllegalArgumentException} with a message that names the offending setting, so the
 * config module can report it at start-up. See {@code docs/sasl.md} for what each type does.
 */
public sealed interface MapperSpec {

    /** The settings every mapper has. */
    MapperOptions options();

    /** The configuration type name. */
    MapperType type();

    /**
     * {@code subject-dn}: the entry whose DN equals the certificate subject rendered as an
     * RFC 4514 string. Optionally only DNs within {@code within} (a subtree) are accepted.
     */
    record SubjectDn(MapperOptions options, Optional<String> within) implements MapperSpec {
        public SubjectDn {
            requireOptions(options);
            if (within == null) {
                throw new IllegalArgumentException(options.name() + ": within must not be null");
            }
            within.ifPresent(w -> requireDn(w, options.name() + ": within"));
        }

        @Override
        public MapperType type() {
            return MapperType.SUBJECT_DN;
        }
    }

    /**
     * {@code subject-attribute}: the entry under {@code search} whose {@code entryAttribute}
     * equals the value of {@code certificateAttribute} in the subject (CN -> uid, emailAddress ->
     * mail, ...). If the subject holds several values of that attribute, the filter ORs them and
     * they must all lead to the same single entry.
     */
    record SubjectAttribute(MapperOptions options, String certificateAttribute, String entryAttribute,
                            SearchBase search) implements MapperSpec {
        public SubjectAttribute {
            requireOptions(options);
            try {
                AttributeTypes.oidOf(certificateAttribute);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException(options.name() + ": certificate attribute: "
                        + (e.getMessage() == null ? "missing" : e.getMessage()), e);
            }
            AttributeDescription.require(entryAttribute, options.name() + ": entry attribute");
            requireSearch(search, options);
        }

        @Override
        public MapperType type() {
            return MapperType.SUBJECT_ATTRIBUTE;
        }
    }

    /**
     * {@code subject-dn-attribute}: the entry under {@code search} whose {@code entryAttribute}
     * equals the whole subject as an RFC 4514 string. With a DN-syntax attribute the directory
     * compares it as a DN; with a string attribute the stored text must be Herald's rendering
     * (the explain command prints it).
     */
    record SubjectDnAttribute(MapperOptions options, String entryAttribute, SearchBase search) implements MapperSpec {
        public SubjectDnAttribute {
            requireOptions(options);
            AttributeDescription.require(entryAttribute, options.name() + ": entry attribute");
            requireSearch(search, options);
        }

        @Override
        public MapperType type() {
            return MapperType.SUBJECT_DN_ATTRIBUTE;
        }
    }

    /**
     * {@code fingerprint}: the entry under {@code search} whose {@code entryAttribute} equals the
     * SHA-256 fingerprint of the DER certificate written in {@code format}.
     */
    record Fingerprint(MapperOptions options, FingerprintFormat format, String entryAttribute, SearchBase search)
            implements MapperSpec {
        public Fingerprint {
            requireOptions(options);
            if (format == null) {
                throw new IllegalArgumentException(options.name() + ": fingerprint format must not be null");
            }
            AttributeDescription.require(entryAttribute, options.name() + ": entry attribute");
            requireSearch(search, options);
        }

        @Override
        public MapperType type() {
            return MapperType.FINGERPRINT;
        }
    }

    /**
     * {@code subject-alt-name}: the entry under {@code search} whose {@code entryAttribute}
     * equals a subjectAltName value of {@code sanType}; several values are ORed and must all lead
     * to the same single entry.
     */
    record SubjectAltName(MapperOptions options, SanType sanType, String entryAttribute, SearchBase search)
            implements MapperSpec {
        public SubjectAltName {
            requireOptions(options);
            if (sanType == null) {
                throw new IllegalArgumentException(options.name() + ": subjectAltName type must not be null");
            }
            AttributeDescription.require(entryAttribute, options.name() + ": entry attribute");
            requireSearch(search, options);
        }

        @Override
        public MapperType type() {
            return MapperType.SUBJECT_ALT_NAME;
        }
    }

    /**
     * {@code certificate}: among the candidate entries (see {@link CandidateSource}, at most
     * {@code maxCandidates}), the single one whose {@code certificateAttribute} (normally
     * {@code userCertificate;binary}) holds a value byte-for-byte equal to the DER leaf.
     */
    record ExactCertificate(MapperOptions options, CandidateSource candidates, String certificateAttribute,
                            int maxCandidates) implements MapperSpec {
        /** The attribute used when the configuration names none. */
        public static final String DEFAULT_ATTRIBUTE = "userCertificate;binary";
        /** The candidate bound used when the configuration names none. */
        public static final int DEFAULT_MAX_CANDIDATES = 16;

        public ExactCertificate {
            requireOptions(options);
            if (candidates == null) {
                throw new IllegalArgumentException(options.name() + ": candidates must not be null");
            }
            AttributeDescription.require(certificateAttribute, options.name() + ": certificate attribute");
            if (maxCandidates < 1 || maxCandidates > 1000) {
                throw new IllegalArgumentException(options.name() + ": max candidates must be between 1 and 1000");
            }
        }

        @Override
        public MapperType type() {
            return MapperType.CERTIFICATE;
        }
    }

    /**
     * {@code regex}: OpenLDAP {@code authz-regexp} style. {@code pattern} (a Java regex, matched
     * case-insensitively against the whole RFC 4514 subject string) selects the certificate;
     * {@code replacement} is either a DN template ({@code uid=$1,ou=people,dc=example,dc=com})
     * naming the entry, or {@code ldap:///base??scope?filter} whose search must find exactly one
     * entry. {@code $1}..{@code $9} may appear only inside attribute values of the DN template,
     * the URL's base or the filter's assertion values; captured text is unescaped (RFC 4514) and
     * then escaped again for where it lands, so it can never add an RDN or a filter component.
     * The filter may only use equality, presence, {@code & | !}.
     */
    record Regex(MapperOptions options, String pattern, String replacement) implements MapperSpec {
        public Regex {
            requireOptions(options);
            RegexRewrite.compile(options.name(), pattern, replacement);
        }

        @Override
        public MapperType type() {
            return MapperType.REGEX;
        }
    }

    private static void requireOptions(MapperOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("mapper options must not be null");
        }
    }

    private static void requireSearch(SearchBase search, MapperOptions options) {
        if (search == null) {
            throw new IllegalArgumentException(options.name() + ": search base must not be null");
        }
    }

    private static void requireDn(String dn, String what) {
        try {
            Dn.parse(dn);
        } catch (SyntaxException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
        }
    }
}
