package dev.herald.ldap.directory;

import org.apache.directory.api.ldap.model.exception.LdapOperationException;
import org.apache.directory.api.ldap.model.message.ResultCodeEnum;
import org.apache.directory.api.ldap.model.name.Dn;

/** Short constructors for the operation errors the directory layer reports. */
public final class Errors {

    private Errors() {}

    public static LdapOperationException error(ResultCodeEnum code, String message) {
        return new LdapOperationException(code, message);
    }

    /** noSuchObject (32) with the matchedDN of RFC 4511 §4.1.9. */
    public static LdapOperationException noSuchObject(String message, Dn matched) {
        LdapOperationException e = new LdapOperationException(ResultCodeEnum.NO_SUCH_OBJECT, message);
        e.setResolvedDn(matched == null ? Dn.EMPTY_DN : matched);
        return e;
    }

    public static LdapOperationException insufficientAccess(String message) {
        return new LdapOperationException(ResultCodeEnum.INSUFFICIENT_ACCESS_RIGHTS, message);
    }
}
