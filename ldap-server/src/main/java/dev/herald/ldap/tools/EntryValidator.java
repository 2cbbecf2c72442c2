package dev.herald.ldap.tools;

import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapException;

/**
 * Decides whether an imported entry may be stored. The import plugs in the directory layer's
 * schema checker ({@link LdifImporter#schemaChecks}), the default.
 * Throwing rejects the entry with the exception's message as the reason.
 */
@FunctionalInterface
public interface EntryValidator {
    void validate(Entry entry) throws LdapException;

    /** Accepts everything (for data already checked elsewhere). */
    static EntryValidator none() {
        return e -> { };
    }
}
