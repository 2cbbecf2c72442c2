package dev.herald.sasl.authz;

import dev.herald.sasl.directory.DirectoryException;
import dev.herald.sasl.directory.DirectoryLookup;
import dev.herald.sasl.mapping.SearchBase;
import dev.herald.sasl.syntax.AttributeDescription;
import dev.herald.sasl.syntax.Dn;
import dev.herald.sasl.syntax.Filter;
import dev.herald.sasl.syntax.SyntaxException;

import java.util.List;
import java.util.Optional;

/**
 * How a {@code u:} user id names an entry: the single entry under {@code search} whose
 * {@code attribute} equals the (SASLprep-prepared) user id, e.g. {@code uid} under
 * {@code ou=people,dc=example,dc=com}. Zero or several entries name nobody.
 */
public record UsernameMapping(String attribute, SearchBase search) {
    public UsernameMapping {
        AttributeDescription.require(attribute, "username attribute");
        if (search == null) {
            throw new IllegalArgumentException("username search base must not be null");
        }
    }

    /** The filter used for {@code userid}. */
    public Filter filter(String userid) {
        return Filter.equality(attribute, userid);
    }

    /**
     * The entry the user id names, or empty when none or several do.
     *
     * @throws DirectoryException also when the directory returns a DN outside the search base
     */
    public Optional<String> resolve(String userid, DirectoryLookup dir) throws DirectoryException {
        List<String> hits = dir.search(search.baseDn(), search.scope(), filter(userid).toString(), 2);
        if (hits.size() != 1) {
            return Optional.empty();
        }
        try {
            if (!Dn.parse(hits.get(0)).isWithin(search.dn(), search.scope())) {
                throw new DirectoryException("the directory returned an entry outside the username search base");
            }
        } catch (SyntaxException e) {
            throw new DirectoryException("the directory returned an unparsable DN");
        }
        return Optional.of(hits.get(0));
    }
}
