package dev.herald.tls.codec;

import dev.herald.tls.TlsException;
import java.util.Arrays;

/**
 * CertificateVerify (RFC 8446 §4.4.3; RFC 5246 §7.4.8 with the TLS 1.2 digitally-signed
 * struct, which has the same shape: SignatureAndHashAlgorithm then opaque&lt;0..2^16-1&gt;).
 */
public record CertificateVerify(int scheme, byte[] signature) implements HandshakeMessage {
    public CertificateVerify {
        signature = signature.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public int type() {
        return HandshakeType.CERTIFICATE_VERIFY;
    }

    @Override
    public void writeBody(TlsWriter w) {
        w.u16(scheme).opaque16(signature);
    }

    public static CertificateVerify parse(byte[] body) throws TlsException {
        TlsReader r = new TlsReader(body);
        int scheme = r.u16();
        byte[] sig = r.opaque16();
        r.expectEnd();
        return new CertificateVerify(scheme, sig);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CertificateVerify c && c.scheme == scheme && Arrays.equals(c.signature, signature);
    }

    @Override
    public int hashCode() {
        return scheme * 31 + Arrays.hashCode(signature);
    }
}
