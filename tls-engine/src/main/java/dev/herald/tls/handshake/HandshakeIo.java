package dev.herald.tls.handshake;

import dev.herald.tls.AlertDescription;
import dev.herald.tls.TlsException;
import dev.herald.tls.TlsSession;
import dev.herald.tls.record.RecordProtection;

/**
 * What a handshake state may do to its connection: send, change keys, report secrets and
 * completion. Implemented by the connection; states never touch buffers themselves.
 */
public interface HandshakeIo {

    /** Queues a framed handshake message under the current write protection. */
    void sendHandshake(byte[] encodedMessage);

    /** Sends a ChangeCipherSpec record (TLS 1.2, or the TLS 1.3 compatibility one). */
    void sendChangeCipherSpec();

    void sendWarningAlert(AlertDescription alert);

    void setWriteProtection(RecordProtection protection);

    /**
     * Switches the read keys.
     *
     * @throws TlsException unexpected_message when a partial handshake message is buffered
     *     (RFC 8446 §5.1: messages must not span a key change)
     */
    void setReadProtection(RecordProtection protection) throws TlsException;

    /** Reports a secret in NSS key-log form, when key logging is on. */
    void keyLog(String label, byte[] clientRandom, byte[] secret);

    /** After HelloRetryRequest: drop a rejected 0-RTT flight sent in the clear. */
    void skipPlainEarlyData();

    /** After ServerHello rejecting 0-RTT: drop records the handshake key cannot open. */
    void skipUndecryptableEarlyData();

    /** A KeyUpdate arrived; fails when too many arrive without application data between. */
    void countKeyUpdate() throws TlsException;

    /** A renegotiation attempt arrived (TLS 1.2); fails when the client insists. */
    void countRenegotiationAttempt() throws TlsException;

    /** Nanosecond timestamp of the first handshake byte. */
    long handshakeStartNanos();

    /** The handshake is done; application data may flow. */
    void complete(TlsSession session);
}
