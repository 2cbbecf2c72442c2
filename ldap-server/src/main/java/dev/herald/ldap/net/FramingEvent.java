package dev.herald.ldap.net;

/** What the framer tells the handlers after it: requests it could not pass on. */
public sealed interface FramingEvent {

    /**
     * A well-formed request that exceeded a limit that does not end the connection (BER
     * nesting): it was skipped and must be answered with protocolError.
     */
    record Rejected(int messageId, int opTag, String reason) implements FramingEvent {}

    /**
     * The client broke the protocol (malformed BER, oversized PDU, message ID 0, unknown
     * operation): the framer discards all further input; the connection must be ended after a
     * Notice of Disconnection (RFC 4511 §4.1.1, §4.4.1).
     */
    record Violation(String reason) implements FramingEvent {}
}
