package dev.herald.ldap.password;

/**
 * One userPassword storage scheme, named as OpenLDAP and 389 DS name it in the {@code {NAME}}
 * prefix of a stored value. Implementations are stateless and thread-safe.
 */
public interface PasswordScheme {

    /** The scheme name without braces, e.g. {@code SSHA256}. */
    String name();

    /** A new stored value for {@code password}, including the {@code {NAME}} prefix. */
    String hash(byte[] password);

    /**
     * Whether {@code password} matches {@code encoded}, the stored value after the prefix. A
     * malformed stored value never matches. The final comparison is constant-time.
     */
    boolean verify(byte[] password, String encoded);
}
