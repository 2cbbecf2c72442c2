package dev.herald.ldap.directory;

import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapException;

/** Receives a search's entries, and stops it when asked to (limits, Abandon). */
public interface SearchListener {

    /** One matching entry, already reduced to the requested attributes; false stops the search. */
    boolean entry(Entry entry) throws LdapException;

    /** Polled for every candidate: true stops the search without further entries. */
    boolean stopRequested();
}
