package dev.herald.tls.codec;

import dev.herald.tls.TlsException;

/** TLS 1.2 ServerHelloDone (RFC 5246 §7.4.5): empty. */
public record ServerHelloDone() implements HandshakeMessage {
    @Override
    public int type() {
        return HandshakeType.SERVER_HELLO_DONE;
    }

    @Override
    public void writeBody(TlsWriter w) {
    }

    public static ServerHelloDone parse(byte[] body) throws TlsException {
        new TlsReader(body).expectEnd();
        return new ServerHelloDone();
    }
}
