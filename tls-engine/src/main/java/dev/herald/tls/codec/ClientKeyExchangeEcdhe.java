package dev.herald.tls.codec;

import dev.herald.tls.TlsException;
import java.util.Arrays;

/** TLS 1.2 ClientKeyExchange for ECDHE (RFC 8422 §5.7): ClientECDiffieHellmanPublic. */
public record ClientKeyExchangeEcdhe(byte[] publicKey) implements HandshakeMessage {
    public ClientKeyExchangeEcdhe {
        publicKey = publicKey.clone();
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public int type() {
        return HandshakeType.CLIENT_KEY_EXCHANGE;
    }

    @Override
    public void writeBody(TlsWriter w) {
        w.opaque8(publicKey);
    }

    public static ClientKeyExchangeEcdhe parse(byte[] body) throws TlsException {
        TlsReader r = new TlsReader(body);
        byte[] point = r.opaque8();
        r.expectEnd();
        if (point.length == 0) {
            throw TlsReader.decodeError("empty ECPoint");
        }
        return new ClientKeyExchangeEcdhe(point);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientKeyExchangeEcdhe c && Arrays.equals(c.publicKey, publicKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(publicKey);
    }
}
