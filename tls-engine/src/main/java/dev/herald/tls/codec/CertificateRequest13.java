package dev.herald.tls.codec;

import dev.herald.tls.TlsException;
import java.util.Arrays;

/**
 * TLS 1.3 CertificateRequest (RFC 8446 §4.3.2): a request context (empty during the
 * handshake) and extensions (signature_algorithms required, certificate_authorities).
 */
public record CertificateRequest13(byte[] context, Extensions extensions) implements HandshakeMessage {
    public CertificateRequest13 {
        context = context.clone();
    }

    @Override
    public byte[] context() {
        return context.clone();
    }

    @Override
    public int type() {
        return HandshakeType.CERTIFICATE_REQUEST;
    }

    @Override
    public void writeBody(TlsWriter w) {
        w.opaque8(context);
        extensions.write(w);
    }

    public static CertificateRequest13 parse(byte[] body) throws TlsException {
        TlsReader r = new TlsReader(body);
        byte[] ctx = r.opaque8();
        Extensions ext = Extensions.parse(r, ExtensionContext.CERTIFICATE_REQUEST);
        r.expectEnd();
        return new CertificateRequest13(ctx, ext);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CertificateRequest13 c && Arrays.equals(c.context, context) && c.extensions.equals(extensions);
    }

    @Override
    public int hashCode() {
        return extensions.hashCode();
    }
}
