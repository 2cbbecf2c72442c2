package dev.herald.ldap.directory;

import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapException;

/** Receives a search's entries, and stops it when asked to (limits, Abandon). */
public interface SearchListener {

    /**
     * One matching entry, already reduced to the requested attributes; false stops the search.
     * The entry is read-only: its attributes may be the backend's stored ones (an in-memory
     * backend's committed entries), so a listener that needs to change it works on a copy.
     */
    boolean entry(Entry entry) throws LdapException;

    /** Polled for every candidate: true stops the search without further entries. */
    boolean stopRequested();

    /**
     * Whether this listener takes entries as {@link ReturnedEntry} (ready to encode, no
     * schema-aware values); then the directory may deliver some or all entries that way.
     */
    default boolean takesReturnedEntries() {
        return false;
    }

    /**
     * One matching entry as it goes on the wire; only called when {@link #takesReturnedEntries()}.
     * Valid only during this call. False stops the search.
     */
    default boolean entry(ReturnedEntry entry) throws LdapException {
        throw new UnsupportedOperationException("this listener takes Entry objects only");
    }
}
