package dev.herald.sasl.mapping;

import dev.herald.sasl.cert.ClientCertificate;
import dev.herald.sasl.directory.DirectoryException;
import dev.herald.sasl.directory.DirectoryLookup;
import dev.herald.sasl.syntax.Dn;
import dev.herald.sasl.syntax.Filter;
import dev.herald.sasl.syntax.SyntaxException;

import java.security.cert.CertificateParsingException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code certificate}: find candidates, then keep the ones whose certificate attribute holds the
 * exact DER leaf. Exactly one holder maps; none is "no entry"; several, or more candidates than
 * allowed, is ambiguous.
 */
final class ExactCertificateStrategy implements Strategy {
    private final MapperSpec.ExactCertificate spec;

    ExactCertificateStrategy(MapperSpec.ExactCertificate spec) {
        this.spec = spec;
    }

    @Override
    public Attempt attempt(ClientCertificate leaf, DirectoryLookup dir) throws DirectoryException, CertificateParsingException {
        byte[] der = leaf.der();
        List<String> candidates;
        String how;
        CandidateSource source = spec.candidates();
        int limit = spec.maxCandidates() + 1;
        if (source instanceof CandidateSource.SubjectDnEntry) {
            if (leaf.subjectDn().isEmpty()) {
                return Attempt.notApplicable("the certificate subject is empty");
            }
            Attempt a;
            try {
                a = Lookups.entry(dir, Dn.parse(leaf.subjectDn()));
            } catch (SyntaxException e) {
                throw new IllegalStateException(e);
            }
            if (a.result() == TrialResult.ERROR) {
                return a;
            }
            candidates = a.dn() == null ? List.of() : List.of(a.dn());
            how = "candidate " + a.detail();
        } else if (source instanceof CandidateSource.ValueSearch) {
            CandidateSource.ValueSearch vs = (CandidateSource.ValueSearch) source;
            ValueExtractor.Extracted x = ValueExtractor.extract(vs.value(), leaf);
            if (x.problem() != null) {
                return x.tooMany() ? Attempt.ambiguous(x.problem()) : Attempt.notApplicable(x.problem());
            }
            Filter f = Filter.anyOf(vs.entryAttribute(), x.values());
            candidates = Lookups.search(dir, vs.search(), f, limit);
            how = "candidate " + Lookups.describe(vs.search(), f);
        } else {
            CandidateSource.CertificateSearch cs = (CandidateSource.CertificateSearch) source;
            Filter f = new Filter.Equality(spec.certificateAttribute(), der);
            candidates = Lookups.search(dir, cs.search(), f, limit);
            how = "candidate search base=\"" + cs.search().baseDn() + "\" scope=" + cs.search().scope().urlName()
                    + " filter=(" + spec.certificateAttribute() + "=<the DER certificate>)";
        }
        if (candidates == null) {
            return Attempt.error(how + ": the directory returned an entry outside the search base");
        }
        if (candidates.size() > spec.maxCandidates()) {
            return Attempt.ambiguous(how + " found more than " + spec.maxCandidates() + " candidates");
        }
        if (candidates.isEmpty()) {
            return Attempt.noEntry(how + ": no candidate");
        }
        List<String> holders = new ArrayList<>();
        for (String dn : candidates) {
            for (byte[] v : dir.values(dn, spec.certificateAttribute())) {
                if (Arrays.equals(v, der)) {
                    holders.add(dn);
                    break;
                }
            }
        }
        String counted = how + ": " + candidates.size() + " candidate(s), ";
        switch (holders.size()) {
            case 0: return Attempt.noEntry(counted + "none holds this certificate in " + spec.certificateAttribute());
            case 1: return Attempt.mapped(holders.get(0), counted + "1 holds this certificate in " + spec.certificateAttribute());
            default: return Attempt.ambiguous(counted + holders.size() + " hold this certificate in "
                    + spec.certificateAttribute() + " (" + String.join("; ", holders) + ")");
        }
    }
}
