package dev.herald.tls.codec;

import dev.herald.tls.TlsException;

/** EncryptedExtensions (RFC 8446 §4.3.1). */
public record EncryptedExtensions(Extensions extensions) implements HandshakeMessage {
    @Override
    public int type() {
        return HandshakeType.ENCRYPTED_EXTENSIONS;
    }

    @Override
    public void writeBody(TlsWriter w) {
        extensions.write(w);
    }

    public static EncryptedExtensions parse(byte[] body) throws TlsException {
        TlsReader r = new TlsReader(body);
        Extensions ext = Extensions.parse(r, ExtensionContext.ENCRYPTED_EXTENSIONS);
        r.expectEnd();
        return new EncryptedExtensions(ext);
    }
}
