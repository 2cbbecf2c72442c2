package dev.herald.ldap.tools;

import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapException;

/**
 * Adds the operational attributes a server keeps for every entry (entryUUID, createTimestamp,
 * creatorsName, ...) before an imported entry is stored. The directory layer plugs in its own
 * so imported entries look like entries added over LDAP
 * ({@link LdifImporter#serverOperationalAttributes}, the default).
 */
@FunctionalInterface
public interface OperationalAttributes {
    /** Returns the entry to store (usually {@code entry} itself, with attributes added). */
    Entry apply(Entry entry) throws LdapException;

    /** Stores entries as they are. */
    static OperationalAttributes none() {
        return e -> e;
    }
}
