package dev.herald.ldap.directory;

import java.util.Objects;

import org.apache.directory.api.ldap.model.name.Dn;

/**
 * Who asks: the authorization identity of the connection at the moment an operation started,
 * as a DN; the empty DN is the anonymous user. {@link #SERVER} is the server itself, for
 * internal lookups (SASL EXTERNAL mapping the client certificate to an entry): it is not
 * subject to access control or search limits, and no client can ever be it.
 */
public record Requestor(Dn dn, boolean internal) {

    public static final Requestor ANONYMOUS = new Requestor(Dn.EMPTY_DN);

    /** The server acting for itself. */
    public static final Requestor SERVER = new Requestor(Dn.EMPTY_DN, true);

    public Requestor {
        Objects.requireNonNull(dn, "dn");
    }

    /** A client's identity. */
    public Requestor(Dn dn) {
        this(dn, false);
    }

    public boolean isAnonymous() {
        return dn.isEmpty() && !internal;
    }
}
