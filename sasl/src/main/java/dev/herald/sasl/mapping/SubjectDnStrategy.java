package dev.herald.sasl.mapping;

import dev.herald.sasl.cert.ClientCertificate;
import dev.herald.sasl.directory.DirectoryException;
import dev.herald.sasl.directory.DirectoryLookup;
import dev.herald.sasl.directory.Scope;
import dev.herald.sasl.syntax.Dn;
import dev.herald.sasl.syntax.SyntaxException;

import java.util.Optional;

/** {@code subject-dn}: the entry named by the RFC 4514 rendering of the subject. */
final class SubjectDnStrategy implements Strategy {
    private final Optional<Dn> within;

    SubjectDnStrategy(MapperSpec.SubjectDn spec) {
        this.within = spec.within().map(SubjectDnStrategy::parse);
    }

    @Override
    public Attempt attempt(ClientCertificate leaf, DirectoryLookup dir) throws DirectoryException {
        if (leaf.subjectDn().isEmpty()) {
            return Attempt.notApplicable("the certificate subject is empty");
        }
        Dn subject = parse(leaf.subjectDn());
        if (within.isPresent() && !subject.isWithin(within.get(), Scope.SUB)) {
            return Attempt.notApplicable("subject \"" + subject + "\" is not within \"" + within.get() + "\"");
        }
        Attempt a = Lookups.entry(dir, subject);
        if (a.result() == TrialResult.MAPPED && within.isPresent()
                && !parse(a.dn()).isWithin(within.get(), Scope.SUB)) {
            return Attempt.error("the directory returned \"" + a.dn() + "\", which is not within \"" + within.get() + "\"");
        }
        return a;
    }

    private static Dn parse(String dn) {
        try {
            return Dn.parse(dn);
        } catch (SyntaxException e) {
            // Our own rendering and validated configuration always parse.
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
