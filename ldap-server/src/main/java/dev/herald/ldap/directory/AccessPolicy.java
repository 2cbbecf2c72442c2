package dev.herald.ldap.directory;

import java.util.List;

import org.apache.directory.api.ldap.model.entry.Modification;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.AttributeType;

/**
 * Decides who may read and write what. The directory layer asks it before every operation;
 * a full access-control model can replace the default later without touching the operations.
 */
public interface AccessPolicy {

    /** The kinds of update an AccessPolicy is asked about. */
    enum Write { ADD, MODIFY, DELETE, RENAME }

    /** Whether the requestor is the administrator (no limits, may write everything). */
    boolean isAdmin(Requestor requestor);

    /** Whether the requestor may read entries of the naming context at all. */
    boolean mayReadData(Requestor requestor);

    /** Whether the requestor may see (and filter on, and compare) this attribute of this entry. */
    boolean mayReadAttribute(Requestor requestor, Dn entry, AttributeType type);

    /**
     * Throws insufficientAccessRights (50) unless the requestor may perform this update;
     * {@code modifications} is empty except for MODIFY.
     */
    void checkWrite(Requestor requestor, Write kind, Dn target, List<Modification> modifications) throws LdapException;
}
