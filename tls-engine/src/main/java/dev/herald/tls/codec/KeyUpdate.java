package dev.herald.tls.codec;

import dev.herald.tls.AlertDescription;
import dev.herald.tls.TlsException;

/** KeyUpdate (RFC 8446 §4.6.3). */
public record KeyUpdate(boolean updateRequested) implements HandshakeMessage {
    @Override
    public int type() {
        return HandshakeType.KEY_UPDATE;
    }

    @Override
    public void writeBody(TlsWriter w) {
        w.u8(updateRequested ? 1 : 0);
    }

    public static KeyUpdate parse(byte[] body) throws TlsException {
        TlsReader r = new TlsReader(body);
        int v = r.u8();
        r.expectEnd();
        if (v != 0 && v != 1) {
            // RFC 8446 §4.6.3: any other value is illegal_parameter.
            throw TlsException.local(AlertDescription.ILLEGAL_PARAMETER, "bad KeyUpdateRequest " + v);
        }
        return new KeyUpdate(v == 1);
    }
}
