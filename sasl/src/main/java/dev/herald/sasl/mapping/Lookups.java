package dev.herald.sasl.mapping;

import dev.herald.sasl.directory.DirectoryException;
import dev.herald.sasl.directory.DirectoryLookup;
import dev.herald.sasl.syntax.Dn;
import dev.herald.sasl.syntax.Filter;
import dev.herald.sasl.syntax.SyntaxException;

import java.util.List;
import java.util.Optional;

/**
 * The two directory questions mappers ask, with the answers turned into {@link Attempt}s and
 * described for the explanation. Results the lookup should never return (more DNs than the
 * limit, DNs outside the search base, unparsable DNs) are errors, not matches.
 */
final class Lookups {
    private Lookups() {
    }

    /** The entry named {@code dn}, if any. */
    static Attempt entry(DirectoryLookup dir, Dn dn) throws DirectoryException {
        String what = "entry \"" + dn + "\"";
        Optional<String> found = dir.exists(dn.toString());
        if (found.isEmpty()) {
            return Attempt.noEntry(what + " does not exist");
        }
        try {
            Dn.parse(found.get());
        } catch (SyntaxException e) {
            return Attempt.error(what + ": the directory returned an unparsable DN");
        }
        return Attempt.mapped(found.get(), what + " exists");
    }

    /** The single entry {@code filter} finds under {@code where}; ambiguity is detected with limit 2. */
    static Attempt single(DirectoryLookup dir, SearchBase where, Filter filter) throws DirectoryException {
        List<String> hits = search(dir, where, filter, 2);
        String what = describe(where, filter);
        if (hits == null) {
            return Attempt.error(what + ": the directory returned an entry outside the search base");
        }
        switch (hits.size()) {
            case 0: return Attempt.noEntry(what + " found no entry");
            case 1: return Attempt.mapped(hits.get(0), what + " found 1 entry");
            default: return Attempt.ambiguous(what + " found more than one entry (" + String.join("; ", hits) + ")");
        }
    }

    /**
     * Up to {@code limit} DNs, or null when the directory returned something it should not
     * (an entry outside the base or scope, an unparsable DN). More than {@code limit} DNs are
     * kept: callers compare the count with what they can accept, so extra DNs only strengthen
     * an "ambiguous" verdict.
     */
    static List<String> search(DirectoryLookup dir, SearchBase where, Filter filter, int limit) throws DirectoryException {
        List<String> hits = dir.search(where.baseDn(), where.scope(), filter.toString(), limit);
        Dn base = where.dn();
        for (String h : hits) {
            try {
                if (!Dn.parse(h).isWithin(base, where.scope())) {
                    return null;
                }
            } catch (SyntaxException e) {
                return null;
            }
        }
        return List.copyOf(hits);
    }

    static String describe(SearchBase where, Filter filter) {
        return "search base=\"" + where.baseDn() + "\" scope=" + where.scope().urlName() + " filter=\"" + filter + "\"";
    }
}
