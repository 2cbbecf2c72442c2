package dev.herald.tls.codec;

import dev.herald.tls.AlertDescription;
import dev.herald.tls.TlsException;
import java.util.Arrays;

/**
 * TLS 1.2 ServerKeyExchange for ECDHE with a named curve (RFC 8422 §5.4): ServerECDHParams
 * followed by the digitally-signed struct over client_random, server_random and the params.
 */
public record ServerKeyExchangeEcdhe(int namedGroup, byte[] publicKey, int scheme, byte[] signature)
        implements HandshakeMessage {

    /** ECCurveType named_curve. */
    public static final int NAMED_CURVE = 3;

    public ServerKeyExchangeEcdhe {
        publicKey = publicKey.clone();
        signature = signature.clone();
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** The ServerECDHParams bytes, which the signature covers after the two randoms. */
    public static byte[] params(int namedGroup, byte[] publicKey) {
        return new TlsWriter(4 + publicKey.length).u8(NAMED_CURVE).u16(namedGroup).opaque8(publicKey).toByteArray();
    }

    @Override
    public int type() {
        return HandshakeType.SERVER_KEY_EXCHANGE;
    }

    @Override
    public void writeBody(TlsWriter w) {
        w.bytes(params(namedGroup, publicKey)).u16(scheme).opaque16(signature);
    }

    public static ServerKeyExchangeEcdhe parse(byte[] body) throws TlsException {
        TlsReader r = new TlsReader(body);
        int curveType = r.u8();
        if (curveType != NAMED_CURVE) {
            throw TlsException.local(AlertDescription.ILLEGAL_PARAMETER, "curve type " + curveType);
        }
        int group = r.u16();
        byte[] point = r.opaque8();
        if (point.length == 0) {
            throw TlsReader.decodeError("empty ECPoint");
        }
        int scheme = r.u16();
        byte[] sig = r.opaque16();
        r.expectEnd();
        return new ServerKeyExchangeEcdhe(group, point, scheme, sig);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ServerKeyExchangeEcdhe s && s.namedGroup == namedGroup && Arrays.equals(s.publicKey, publicKey)
                && s.scheme == scheme && Arrays.equals(s.signature, signature);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(publicKey);
    }
}
