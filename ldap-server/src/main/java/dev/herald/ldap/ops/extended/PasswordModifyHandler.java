package dev.herald.ldap.ops.extended;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.apache.directory.api.ldap.extras.extended.pwdModify.PasswordModifyRequest;
import org.apache.directory.api.ldap.model.entry.DefaultModification;
import org.apache.directory.api.ldap.model.entry.ModificationOperation;
import org.apache.directory.api.ldap.model.message.ExtendedRequest;
import org.apache.directory.api.ldap.model.message.OpaqueExtendedResponse;
import org.apache.directory.api.ldap.model.message.ResultCodeEnum;
import org.apache.directory.api.ldap.model.name.Dn;

import dev.herald.ldap.directory.DirectoryService;
import dev.herald.ldap.directory.Errors;
import dev.herald.ldap.ops.OperationContext;
import dev.herald.ldap.password.OpenLdapPbkdf2Scheme;
import dev.herald.ldap.password.PasswordSchemes;

/**
 * Password Modify (RFC 3062), what {@code ldappasswd} sends: sets the userPassword of the
 * requestor's entry (or of {@code userIdentity}, a DN, which only the administrator may name
 * for someone else), stored as a {@code {PBKDF2-SHA256}} hash. Without a new password the
 * server generates one and returns it (genPasswd). When an old password is given it must match.
 * Anonymous users get unwillingToPerform; access otherwise follows the directory's policy.
 */
public final class PasswordModifyHandler implements ExtendedOperationHandler {

    public static final String OID = PasswordModifyRequest.EXTENSION_OID;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public String oid() {
        return OID;
    }

    @Override
    public void handle(OperationContext op, ExtendedRequest request) throws Exception {
        if (!(request instanceof PasswordModifyRequest pm)) {
            op.respond(ResultCodeEnum.PROTOCOL_ERROR, "malformed password modify request");
            return;
        }
        DirectoryService directory = op.server().directory();
        if (op.requestor().isAnonymous()) {
            op.respond(ResultCodeEnum.UNWILLING_TO_PERFORM, "only authenticated users may change passwords");
            return;
        }
        Dn target = pm.getUserIdentity() == null
                ? op.requestor().dn()
                : new Dn(new String(pm.getUserIdentity(), StandardCharsets.UTF_8));
        if (pm.getOldPassword() != null) {
            Optional<Dn> ok = directory.authenticate(target, pm.getOldPassword());
            if (ok.isEmpty()) {
                throw Errors.error(ResultCodeEnum.INVALID_CREDENTIALS, "old password does not match");
            }
        }
        byte[] generated = null;
        byte[] newPassword = pm.getNewPassword();
        if (newPassword == null || newPassword.length == 0) {
            byte[] raw = new byte[12];
            RANDOM.nextBytes(raw);
            generated = Base64.getUrlEncoder().withoutPadding().encodeToString(raw).getBytes(StandardCharsets.UTF_8);
            newPassword = generated;
        }
        String stored = PasswordSchemes.hash(PasswordSchemes.DEFAULT_SCHEME, newPassword,
                OpenLdapPbkdf2Scheme.DEFAULT_ITERATIONS);
        directory.modify(op.requestor(), target,
                List.of(new DefaultModification(ModificationOperation.REPLACE_ATTRIBUTE, "userPassword", stored)));
        OpaqueExtendedResponse response = new OpaqueExtendedResponse(op.messageId());
        response.getLdapResult().setResultCode(ResultCodeEnum.SUCCESS);
        if (generated != null) {
            response.setResponseValue(genPasswd(generated));
        }
        op.respond(response);
    }

    /** PasswdModifyResponseValue ::= SEQUENCE { genPasswd [0] OCTET STRING OPTIONAL } */
    private static byte[] genPasswd(byte[] password) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        out.write(password.length + 2);
        out.write(0x80);
        out.write(password.length);
        out.writeBytes(password);
        return out.toByteArray();
    }
}
