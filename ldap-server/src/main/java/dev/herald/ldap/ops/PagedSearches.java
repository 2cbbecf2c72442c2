package dev.herald.ldap.ops;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.security.SecureRandom;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.directory.api.ldap.model.name.Dn;

/**
 * The paged-results searches (RFC 2696) a connection has open: for each cookie, the search's
 * parameters and the DNs of the matching entries not yet returned. Entries are read again when
 * their page is sent, so a page reflects changes made meanwhile (deleted entries are
 * skipped). Cookies are random and only valid on the connection that got them.
 */
final class PagedSearches {

    static final String ATTACHMENT = "herald.pagedSearches";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One open paged search. */
    record State(String signature, List<Dn> remaining, boolean sizeLimitExceeded) {}

    private final Map<String, State> states = new ConcurrentHashMap<>();

    int size() {
        return states.size();
    }

    /** Stores the state under a new cookie and returns the cookie. */
    byte[] put(State state) {
        byte[] cookie = new byte[16];
        RANDOM.nextBytes(cookie);
        states.put(HexFormat.of().formatHex(cookie), state);
        return cookie;
    }

    /** Removes and returns the state of a cookie. */
    Optional<State> take(byte[] cookie) {
        return Optional.ofNullable(states.remove(HexFormat.of().formatHex(cookie)));
    }
}
