package dev.herald.ldap.codec;

import org.apache.directory.api.ldap.model.message.Message;
import org.apache.directory.api.ldap.model.message.ResultResponse;

/** What decoding one framed PDU gave. */
public sealed interface DecodeResult {

    /** A request to process. */
    record Decoded(Message message) implements DecodeResult {}

    /**
     * The PDU was well-formed LDAP but one of its fields was not acceptable (for example an
     * entry DN that does not parse): the codec prepared the error response to send; the
     * connection goes on.
     */
    record Rejected(ResultResponse response) implements DecodeResult {}

    /** The PDU does not follow the LDAP grammar: the connection must end (RFC 4511 §4.1.1). */
    record Malformed(String reason) implements DecodeResult {}
}
