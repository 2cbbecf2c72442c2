package dev.herald.tls.codec;

import dev.herald.tls.TlsException;
import java.util.ArrayList;
import java.util.List;

/** TLS 1.2 Certificate (RFC 5246 §7.4.2): DER certificates, sender's first. May be empty. */
public record Certificate12(List<byte[]> certificates) implements HandshakeMessage {
    public Certificate12 {
        certificates = certificates.stream().map(byte[]::clone).toList();
    }

    @Override
    public List<byte[]> certificates() {
        return certificates.stream().map(byte[]::clone).toList();
    }

    @Override
    public int type() {
        return HandshakeType.CERTIFICATE;
    }

    @Override
    public void writeBody(TlsWriter w) {
        int m = w.begin24();
        for (byte[] c : certificates) {
            w.opaque24(c);
        }
        w.end(m);
    }

    public static Certificate12 parse(byte[] body) throws TlsException {
        TlsReader r = new TlsReader(body);
        TlsReader list = r.sub24();
        r.expectEnd();
        List<byte[]> out = new ArrayList<>();
        while (list.hasRemaining()) {
            byte[] der = list.opaque24();
            if (der.length == 0) {
                throw TlsReader.decodeError("empty ASN.1Cert");
            }
            out.add(der);
        }
        return new Certificate12(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Certificate12 c && Codecs.equalLists(c.certificates, certificates);
    }

    @Override
    public int hashCode() {
        return certificates.size();
    }
}
