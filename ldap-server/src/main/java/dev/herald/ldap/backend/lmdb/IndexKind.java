package dev.herald.ldap.backend.lmdb;

/**
 * The kinds of attribute index the LMDB backend keeps, as OpenLDAP's back-mdb names them
 * ({@code eq}, {@code pres}, {@code sub}). Keys are built from the values normalised by the
 * attribute's matching rules, so an index answers the filter the way the schema compares.
 */
public enum IndexKind {
    /** Normalised value -> entry ids; serves {@code (attr=value)} and short initial substrings. */
    EQUALITY,
    /** Attribute present -> entry ids; serves {@code (attr=*)}. */
    PRESENCE,
    /** Anchored byte trigrams of the normalised value -> entry ids; serves {@code (attr=*sub*)}. */
    SUBSTRING
}
