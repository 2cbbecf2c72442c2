package dev.herald.sasl;

/**
 * The result of a successful SASL exchange: who authenticated and as whom they act. Both are DNs
 * as the directory returned them; they differ only when an explicit authzId was allowed.
 *
 * @param mechanism        the SASL mechanism name, e.g. {@code EXTERNAL}
 * @param authenticationDn the authenticated entry (authc identity)
 * @param authorizationDn  the identity operations run as (authz identity; WhoAmI returns
 *                         {@code dn:} + this)
 */
public record AuthenticatedIdentity(String mechanism, String authenticationDn, String authorizationDn) {
    public AuthenticatedIdentity {
        if (mechanism == null || authenticationDn == null || authorizationDn == null) {
            throw new IllegalArgumentException("mechanism and identities must not be null");
        }
    }

    /** True when the client acts as someone other than itself. */
    public boolean isProxied() {
        return !authenticationDn.equals(authorizationDn);
    }
}
