package dev.herald.tls.codec;

import dev.herald.tls.TlsException;
import java.util.Arrays;

/**
 * ServerHello (RFC 8446 §4.1.3, RFC 5246 §7.4.1.3), and HelloRetryRequest, which is a
 * ServerHello whose random is the fixed {@link #HELLO_RETRY_REQUEST_RANDOM}.
 */
public record ServerHello(int legacyVersion, byte[] random, byte[] sessionId, int cipherSuite,
        int compressionMethod, Extensions extensions) implements HandshakeMessage {

    /** SHA-256("HelloRetryRequest"), RFC 8446 §4.1.3. */
    private static final byte[] HRR_RANDOM = hex(
            "CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C");

    public ServerHello {
        random = random.clone();
        sessionId = sessionId.clone();
    }

    public static byte[] helloRetryRequestRandom() {
        return HRR_RANDOM.clone();
    }

    public boolean isHelloRetryRequest() {
        return Arrays.equals(random, HRR_RANDOM);
    }

    @Override
    public byte[] random() {
        return random.clone();
    }

    @Override
    public byte[] sessionId() {
        return sessionId.clone();
    }

    @Override
    public int type() {
        return HandshakeType.SERVER_HELLO;
    }

    @Override
    public void writeBody(TlsWriter w) {
        w.u16(legacyVersion).bytes(random).opaque8(sessionId).u16(cipherSuite).u8(compressionMethod);
        extensions.write(w);
    }

    public static ServerHello parse(byte[] body) throws TlsException {
        TlsReader r = new TlsReader(body);
        int version = r.u16();
        byte[] random = r.bytes(32);
        byte[] sessionId = r.opaque8();
        if (sessionId.length > 32) {
            throw TlsReader.decodeError("legacy_session_id longer than 32 bytes");
        }
        int suite = r.u16();
        int compression = r.u8();
        ExtensionContext ctx = Arrays.equals(random, HRR_RANDOM)
                ? ExtensionContext.HELLO_RETRY_REQUEST : ExtensionContext.SERVER_HELLO;
        Extensions ext = r.hasRemaining() ? Extensions.parse(r, ctx) : Extensions.EMPTY;
        r.expectEnd();
        return new ServerHello(version, random, sessionId, suite, compression, ext);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ServerHello s && s.legacyVersion == legacyVersion && Arrays.equals(s.random, random)
                && Arrays.equals(s.sessionId, sessionId) && s.cipherSuite == cipherSuite
                && s.compressionMethod == compressionMethod && s.extensions.equals(extensions);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(random);
    }

    @Override
    public String toString() {
        return (isHelloRetryRequest() ? "HelloRetryRequest" : "ServerHello") + "[suite=0x"
                + Integer.toHexString(cipherSuite) + ", extensions=" + extensions.list() + "]";
    }

    static byte[] hex(String s) {
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
