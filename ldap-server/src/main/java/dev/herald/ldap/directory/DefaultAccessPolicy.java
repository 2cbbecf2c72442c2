package dev.herald.ldap.directory;

import java.util.List;

import org.apache.directory.api.ldap.model.constants.SchemaConstants;
import org.apache.directory.api.ldap.model.entry.Modification;
import org.apache.directory.api.ldap.model.entry.ModificationOperation;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.api.ldap.model.schema.SchemaManager;

import dev.herald.ldap.filter.AttributeTypes;

/**
 * The safe default until a full access-control model exists: anonymous users read only the
 * root DSE and the schema (data too when {@code anonymousRead} is on); bound users read all
 * data except other entries' userPassword; only the administrator writes, except that a user
 * may replace the userPassword of their own entry. (Comparable to slapd's
 * {@code access to attrs=userPassword by self write by anonymous auth} plus
 * {@code access to * by users read}.) In particular users cannot write authorization attributes
 * such as {@code authzTo} / {@code authzFrom} on any entry, their own included: whoever can
 * write {@code authzTo} on an entry lets it act as anyone through SASL. The server itself
 * ({@link Requestor#SERVER}) reads everything and has no limits.
 */
public final class DefaultAccessPolicy implements AccessPolicy {

    private final Dn adminDn;
    private final boolean anonymousRead;
    private final AttributeType userPassword;

    public DefaultAccessPolicy(SchemaManager schema, Dn adminDn, boolean anonymousRead) {
        this.adminDn = adminDn;
        this.anonymousRead = anonymousRead;
        this.userPassword = schema.getAttributeType(SchemaConstants.USER_PASSWORD_AT);
    }

    @Override
    public boolean isAdmin(Requestor requestor) {
        return requestor.internal() || (!requestor.isAnonymous() && requestor.dn().equals(adminDn));
    }

    @Override
    public boolean mayReadData(Requestor requestor) {
        return anonymousRead || !requestor.isAnonymous();
    }

    @Override
    public boolean mayReadAttribute(Requestor requestor, Dn entry, AttributeType type) {
        if (!AttributeTypes.same(type, userPassword)) {
            return true;
        }
        return isAdmin(requestor) || (!requestor.isAnonymous() && requestor.dn().equals(entry));
    }

    @Override
    public void checkWrite(Requestor requestor, Write kind, Dn target, List<Modification> modifications)
            throws LdapException {
        if (isAdmin(requestor)) {
            return;
        }
        if (kind == Write.MODIFY && !requestor.isAnonymous() && requestor.dn().equals(target)
                && ownPasswordChange(modifications)) {
            return;
        }
        throw Errors.insufficientAccess(requestor.isAnonymous()
                ? "anonymous users may not write; bind first"
                : "no write access to " + target.getName());
    }

    private boolean ownPasswordChange(List<Modification> modifications) {
        if (modifications.isEmpty()) {
            return false;
        }
        for (Modification m : modifications) {
            AttributeType at = m.getAttribute().getAttributeType();
            if (m.getOperation() != ModificationOperation.REPLACE_ATTRIBUTE || at == null || !at.equals(userPassword)
                    || m.getAttribute().size() == 0) {
                return false;
            }
        }
        return true;
    }
}
