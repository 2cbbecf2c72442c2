package dev.herald.tls.codec;

import dev.herald.tls.TlsException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** ClientHello (RFC 8446 §4.1.2, RFC 5246 §7.4.1.2). */
public record ClientHello(int legacyVersion, byte[] random, byte[] sessionId, List<Integer> cipherSuites,
        byte[] compressionMethods, Extensions extensions) implements HandshakeMessage {

    public ClientHello {
        random = random.clone();
        sessionId = sessionId.clone();
        cipherSuites = List.copyOf(cipherSuites);
        compressionMethods = compressionMethods.clone();
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
    public byte[] compressionMethods() {
        return compressionMethods.clone();
    }

    @Override
    public int type() {
        return HandshakeType.CLIENT_HELLO;
    }

    @Override
    public void writeBody(TlsWriter w) {
        w.u16(legacyVersion).bytes(random).opaque8(sessionId);
        Codecs.writeU16List16(w, cipherSuites);
        w.opaque8(compressionMethods);
        extensions.write(w);
    }

    public static ClientHello parse(byte[] body) throws TlsException {
        TlsReader r = new TlsReader(body);
        int version = r.u16();
        byte[] random = r.bytes(32);
        byte[] sessionId = r.opaque8();
        if (sessionId.length > 32) {
            throw TlsReader.decodeError("legacy_session_id longer than 32 bytes");
        }
        List<Integer> suites = Codecs.readU16List16(r, 1, "cipher_suites");
        byte[] compression = r.opaque8();
        if (compression.length == 0) {
            throw TlsReader.decodeError("empty compression_methods");
        }
        // RFC 5246 §7.4.1.2: a TLS 1.2 ClientHello may end here, without an extension block.
        Extensions ext = r.hasRemaining() ? Extensions.parse(r, ExtensionContext.CLIENT_HELLO) : Extensions.EMPTY;
        r.expectEnd();
        return new ClientHello(version, random, sessionId, suites, compression, ext);
    }

    /** The cipher suites, for callers that want a mutable copy. */
    public List<Integer> cipherSuitesCopy() {
        return new ArrayList<>(cipherSuites);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientHello c && c.legacyVersion == legacyVersion && Arrays.equals(c.random, random)
                && Arrays.equals(c.sessionId, sessionId) && c.cipherSuites.equals(cipherSuites)
                && Arrays.equals(c.compressionMethods, compressionMethods) && c.extensions.equals(extensions);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(random);
    }

    @Override
    public String toString() {
        return "ClientHello[version=0x" + Integer.toHexString(legacyVersion) + ", suites=" + cipherSuites
                + ", extensions=" + extensions.list() + "]";
    }
}
