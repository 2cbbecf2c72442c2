package dev.herald.ldap.backend;

import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.name.Dn;

/**
 * A write transaction: reads see its own writes. The directory layer checks existence,
 * parents, leaves and schema before calling these; a backend still refuses what would corrupt
 * its structure (with the matching LdapException: entry already exists, no such object, not
 * allowed on non-leaf).
 */
public interface WriteTxn extends ReadTxn {

    /** Stores a new entry whose parent exists (or which is the suffix itself). */
    void add(Entry entry) throws LdapException;

    /** Replaces the stored entry with the same DN. */
    void replace(Entry entry) throws LdapException;

    /** Deletes a leaf entry. */
    void delete(Dn dn) throws LdapException;

    /**
     * Renames or moves {@code oldDn} (and its whole subtree) to {@code newEntry.getDn()},
     * storing {@code newEntry} as the new content of the renamed entry. Descendants keep their
     * attributes and get DNs under the new name.
     */
    void rename(Dn oldDn, Entry newEntry) throws LdapException;
}
