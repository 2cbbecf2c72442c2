package dev.herald.config.model;

import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One configured certificate-to-entry mapper for SASL EXTERNAL. Mappers are tried in file
 * order. Each may be scoped to an issuing CA ({@code issuer}): it then only considers chains
 * issued by that CA, so a certificate from another trusted CA can never become one of this
 * CA's users. How "issued by" is decided (leaf issuer or any CA in the verified chain) is the
 * SASL module's documented rule. Every variant names its configuration {@link #type()}.
 */
public sealed interface CertificateMapping {

    /** The mapper's {@code type} as written in the configuration. */
    String type();

    /** The CA certificate this mapper is limited to, if any. */
    Optional<X509Certificate> issuer();

    /** The mapper's entry in the file. */
    SourceLocation location();

    /** {@code subject-dn}: the entry whose DN equals the certificate's subject DN. */
    record SubjectDn(Optional<X509Certificate> issuer, SourceLocation location) implements CertificateMapping {
        public static final String TYPE = "subject-dn";

        public SubjectDn {
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(location, "location");
        }

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * {@code subject-attribute}: one attribute of the subject DN (by OID; {@code
     * certificateAttribute} is its name as written, e.g. {@code CN}) looked up in the directory
     * ({@code CN -> uid}, {@code emailAddress -> mail}). A subject with that attribute several
     * times, or without it, does not map.
     */
    record SubjectAttribute(
            Optional<X509Certificate> issuer,
            String certificateAttribute,
            String certificateAttributeOid,
            EntryLookup lookup,
            SourceLocation location) implements CertificateMapping {
        public static final String TYPE = "subject-attribute";

        public SubjectAttribute {
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(certificateAttribute, "certificateAttribute");
            Objects.requireNonNull(certificateAttributeOid, "certificateAttributeOid");
            Objects.requireNonNull(lookup, "lookup");
            Objects.requireNonNull(location, "location");
        }

        @Override
        public String type() {
            return TYPE;
        }
    }

    /** {@code subject-dn-attribute}: the subject DN (RFC 4514 string) looked up in an entry attribute. */
    record SubjectDnAttribute(Optional<X509Certificate> issuer, EntryLookup lookup, SourceLocation location)
            implements CertificateMapping {
        public static final String TYPE = "subject-dn-attribute";

        public SubjectDnAttribute {
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(lookup, "lookup");
            Objects.requireNonNull(location, "location");
        }

        @Override
        public String type() {
            return TYPE;
        }
    }

    /** {@code fingerprint}: the SHA-256 fingerprint of the leaf certificate looked up in an entry attribute. */
    record Fingerprint(Optional<X509Certificate> issuer, EntryLookup lookup, SourceLocation location)
            implements CertificateMapping {
        public static final String TYPE = "fingerprint";

        public Fingerprint {
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(lookup, "lookup");
            Objects.requireNonNull(location, "location");
        }

        @Override
        public String type() {
            return TYPE;
        }
    }

    /** {@code subject-alt-name}: a subjectAltName of one kind looked up in an entry attribute. */
    record SubjectAltName(Optional<X509Certificate> issuer, SanType sanType, EntryLookup lookup, SourceLocation location)
            implements CertificateMapping {
        public static final String TYPE = "subject-alt-name";

        public SubjectAltName {
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(sanType, "sanType");
            Objects.requireNonNull(lookup, "lookup");
            Objects.requireNonNull(location, "location");
        }

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * {@code certificate}: the entry holding exactly this certificate in {@code
     * lookup.attribute()} (default {@code userCertificate}, compared as {@code ;binary} DER).
     */
    record CertificateMatch(Optional<X509Certificate> issuer, EntryLookup lookup, SourceLocation location)
            implements CertificateMapping {
        public static final String TYPE = "certificate";

        public CertificateMatch {
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(lookup, "lookup");
            Objects.requireNonNull(location, "location");
        }

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * {@code regex}: OpenLDAP {@code authz-regexp} style. {@code match} is applied to the whole
     * subject DN in RFC 4514 form; on a match, {@code replace} (with {@code $1}... group
     * references) gives either a DN or an LDAP URL {@code ldap:///base??scope?filter} whose
     * search must find exactly one entry. Values substituted into a DN or filter are escaped
     * by the SASL module.
     */
    record Regex(Optional<X509Certificate> issuer, Pattern match, String replace, SourceLocation location)
            implements CertificateMapping {
        public static final String TYPE = "regex";

        public Regex {
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(match, "match");
            Objects.requireNonNull(replace, "replace");
            Objects.requireNonNull(location, "location");
        }

        /** True when {@link #replace()} is an LDAP URL (a search) rather than a DN. */
        public boolean replaceIsSearch() {
            return replace.regionMatches(true, 0, "ldap:///", 0, 8);
        }

        @Override
        public String type() {
            return TYPE;
        }
    }
}
