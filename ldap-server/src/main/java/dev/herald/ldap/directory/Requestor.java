package dev.herald.ldap.directory;

import java.util.Objects;

import org.apache.directory.api.ldap.model.name.Dn;

/**
 * Who asks: the authorization identity of the connection at the moment an operation started,
 * as a DN; the empty DN is the anonymous user.
 */
public record Requestor(Dn dn) {

    public static final Requestor ANONYMOUS = new Requestor(Dn.EMPTY_DN);

    public Requestor {
        Objects.requireNonNull(dn, "dn");
    }

    public boolean isAnonymous() {
        return dn.isEmpty();
    }
}
