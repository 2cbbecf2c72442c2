package dev.herald.tls.handshake;

import dev.herald.tls.TlsException;
import dev.herald.tls.TlsVersion;
import dev.herald.tls.codec.ClientHello;
import dev.herald.tls.codec.HandshakeType;
import dev.herald.tls.record.HandshakeAssembler;

/** The initial state: only a ClientHello is accepted; it picks the version's state machine. */
public record ExpectClientHello(ServerSettings settings) implements ServerState {

    @Override
    public ServerState handle(HandshakeAssembler.Message message, HandshakeIo io) throws TlsException {
        expect(message, HandshakeType.CLIENT_HELLO);
        ClientHello ch = ClientHello.parse(message.body());
        TlsVersion version = Negotiator.version(settings, ch);
        return version == TlsVersion.TLS_1_3
                ? Tls13States.start(settings, ch, message.encoded(), io)
                : Tls12States.start(settings, ch, message.encoded(), io);
    }
}
