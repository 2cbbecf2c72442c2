package dev.herald.tls.handshake;

import dev.herald.tls.AlertDescription;
import dev.herald.tls.TlsException;
import dev.herald.tls.codec.HandshakeType;
import dev.herald.tls.record.HandshakeAssembler;

/**
 * A state of the server handshake. Each state is an immutable record that accepts exactly the
 * message(s) its name says and returns the next state; every other message is a fatal
 * unexpected_message. There is no table of "expected" handlers to get out of step.
 */
public sealed interface ServerState permits ExpectClientHello, Tls13States.ExpectSecondClientHello,
        Tls13States.ExpectCertificate, Tls13States.ExpectCertificateVerify, Tls13States.ExpectFinished,
        Tls13States.Traffic, Tls12States.ExpectCertificate, Tls12States.ExpectClientKeyExchange,
        Tls12States.ExpectCertificateVerify, Tls12States.ExpectChangeCipherSpec, Tls12States.ExpectFinished,
        Tls12States.Traffic {

    /** Handles one complete handshake message. */
    ServerState handle(HandshakeAssembler.Message message, HandshakeIo io) throws TlsException;

    /** Handles a ChangeCipherSpec record; only the TLS 1.2 state waiting for it accepts one. */
    default ServerState handleChangeCipherSpec(HandshakeIo io) throws TlsException {
        throw unexpected("ChangeCipherSpec");
    }

    /**
     * Whether the TLS 1.3 middlebox-compatibility ChangeCipherSpec (RFC 8446 §5, Appendix D.4)
     * may arrive here: after the first ClientHello and before the client's Finished.
     */
    default boolean toleratesCompatibilityCcs() {
        return false;
    }

    /** The negotiated version, or null before the ClientHello. */
    default dev.herald.tls.TlsVersion version() {
        return null;
    }

    /** True once the handshake is complete and application data may flow. */
    default boolean isTraffic() {
        return false;
    }

    default TlsException unexpected(String what) {
        return TlsException.local(AlertDescription.UNEXPECTED_MESSAGE, what + " not expected in state "
                + getClass().getSimpleName() + (version() == null ? "" : " (" + version() + ")"));
    }

    /** Fails unless {@code message} has the given type. */
    default void expect(HandshakeAssembler.Message message, int type) throws TlsException {
        if (message.type() != type) {
            throw unexpected(HandshakeType.name(message.type()));
        }
    }
}
