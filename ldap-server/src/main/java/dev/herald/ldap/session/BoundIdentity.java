package dev.herald.ldap.session;

import java.util.Objects;
import java.util.Optional;

import org.apache.directory.api.ldap.model.name.Dn;

/**
 * Who a connection is bound as (RFC 4513 §4): the authentication identity, the authorization
 * identity (the same DN unless a SASL mechanism was asked for another, RFC 4422 §3.4.1), how
 * the bind was done, and the security strength factor of the mechanism itself (0 for simple
 * and EXTERNAL binds; TLS adds its own strength, see {@link TlsFacts}).
 */
public record BoundIdentity(Dn authcDn, Dn authzDn, AuthMethod method, Optional<String> saslMechanism, int ssf) {

    /** How the connection authenticated. */
    public enum AuthMethod { ANONYMOUS, SIMPLE, SASL }

    public static final BoundIdentity ANONYMOUS =
            new BoundIdentity(Dn.EMPTY_DN, Dn.EMPTY_DN, AuthMethod.ANONYMOUS, Optional.empty(), 0);

    public BoundIdentity {
        Objects.requireNonNull(authcDn, "authcDn");
        Objects.requireNonNull(authzDn, "authzDn");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(saslMechanism, "saslMechanism");
    }

    public static BoundIdentity simple(Dn dn) {
        return new BoundIdentity(dn, dn, AuthMethod.SIMPLE, Optional.empty(), 0);
    }

    public static BoundIdentity sasl(String mechanism, Dn authcDn, Dn authzDn, int ssf) {
        return new BoundIdentity(authcDn, authzDn, AuthMethod.SASL, Optional.of(mechanism), ssf);
    }

    public boolean isAnonymous() {
        return method == AuthMethod.ANONYMOUS || authzDn.isEmpty();
    }
}
