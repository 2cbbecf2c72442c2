package dev.herald.sasl.mapping;

import dev.herald.sasl.cert.ClientCertificate;
import dev.herald.sasl.directory.DirectoryException;
import dev.herald.sasl.directory.DirectoryLookup;
import dev.herald.sasl.syntax.Filter;

import java.security.cert.CertificateParsingException;

/**
 * {@code subject-attribute}, {@code subject-dn-attribute}, {@code fingerprint},
 * {@code subject-alt-name}: one search {@code (entryAttribute=value)} (values ORed) under a base,
 * which must find exactly one entry.
 */
final class ValueSearchStrategy implements Strategy {
    private final CertificateValue value;
    private final String entryAttribute;
    private final SearchBase where;

    ValueSearchStrategy(CertificateValue value, String entryAttribute, SearchBase where) {
        this.value = value;
        this.entryAttribute = entryAttribute;
        this.where = where;
    }

    @Override
    public Attempt attempt(ClientCertificate leaf, DirectoryLookup dir) throws DirectoryException, CertificateParsingException {
        ValueExtractor.Extracted x = ValueExtractor.extract(value, leaf);
        if (x.problem() != null) {
            return x.tooMany() ? Attempt.ambiguous(x.problem()) : Attempt.notApplicable(x.problem());
        }
        return Lookups.single(dir, where, Filter.anyOf(entryAttribute, x.values()));
    }
}
