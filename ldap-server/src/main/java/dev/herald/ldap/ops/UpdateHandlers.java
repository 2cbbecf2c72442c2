package dev.herald.ldap.ops;

import java.util.ArrayList;

import org.apache.directory.api.ldap.model.message.AddRequest;
import org.apache.directory.api.ldap.model.message.CompareRequest;
import org.apache.directory.api.ldap.model.message.DeleteRequest;
import org.apache.directory.api.ldap.model.message.ModifyDnRequest;
import org.apache.directory.api.ldap.model.message.ModifyRequest;
import org.apache.directory.api.ldap.model.message.ResultCodeEnum;

/**
 * The single-response operations that map directly onto the directory: Compare (RFC 4511
 * §4.10), Add (§4.7), Modify (§4.6), Delete (§4.8) and ModifyDN (§4.9). Errors come back as
 * LdapOperationExceptions and become the operation's result.
 */
final class UpdateHandlers {

    private UpdateHandlers() {}

    static final OperationHandler<CompareRequest> COMPARE = (op, r) -> {
        boolean match = op.server().directory().compare(op.requestor(), r.getName(), r.getAttributeId(),
                r.getAssertionValue());
        op.respond(match ? ResultCodeEnum.COMPARE_TRUE : ResultCodeEnum.COMPARE_FALSE, null);
    };

    static final OperationHandler<AddRequest> ADD = (op, r) -> {
        op.server().directory().add(op.requestor(), r.getEntryDn(), r.getEntry());
        op.respond(ResultCodeEnum.SUCCESS, null);
    };

    static final OperationHandler<ModifyRequest> MODIFY = (op, r) -> {
        op.server().directory().modify(op.requestor(), r.getName(), new ArrayList<>(r.getModifications()));
        op.respond(ResultCodeEnum.SUCCESS, null);
    };

    static final OperationHandler<DeleteRequest> DELETE = (op, r) -> {
        op.server().directory().delete(op.requestor(), r.getName());
        op.respond(ResultCodeEnum.SUCCESS, null);
    };

    static final OperationHandler<ModifyDnRequest> MODIFY_DN = (op, r) -> {
        op.server().directory().rename(op.requestor(), r.getName(), r.getNewRdn(), r.getDeleteOldRdn(),
                r.getNewSuperior());
        op.respond(ResultCodeEnum.SUCCESS, null);
    };
}
