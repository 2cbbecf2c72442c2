package dev.herald.ldap.codec;

import org.apache.directory.api.asn1.EncoderException;
import org.apache.directory.api.ldap.model.message.ExtendedResponse;
import org.apache.directory.api.ldap.model.message.OpaqueExtendedResponse;
import org.apache.directory.api.ldap.model.message.ResultCodeEnum;

/**
 * The Notice of Disconnection (RFC 4511 §4.4.1): an unsolicited ExtendedResponse with message
 * ID 0 and responseName 1.3.6.1.4.1.1466.20036, sent just before the server ends a connection
 * on its own.
 */
public final class NoticeOfDisconnection {

    public static final String OID = "1.3.6.1.4.1.1466.20036";

    private NoticeOfDisconnection() {}

    public static ExtendedResponse message(ResultCodeEnum code, String text) {
        OpaqueExtendedResponse r = new OpaqueExtendedResponse(0, OID);
        r.getLdapResult().setResultCode(code);
        r.getLdapResult().setDiagnosticMessage(text);
        return r;
    }

    public static byte[] encode(LdapCodec codec, ResultCodeEnum code, String text) {
        try {
            return codec.encodeToBytes(message(code, text));
        } catch (EncoderException e) {
            throw new IllegalStateException("cannot encode the notice of disconnection", e);
        }
    }
}
