package dev.herald.tls.codec;

import dev.herald.tls.TlsException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * TLS 1.3 Certificate (RFC 8446 §4.4.2): a request context and a list of entries, each a DER
 * certificate with its own extensions. An empty list means "no certificate".
 */
public record Certificate13(byte[] context, List<Entry> entries) implements HandshakeMessage {

    /** One CertificateEntry (X.509 form). */
    public record Entry(byte[] certData, Extensions extensions) {
        public Entry {
            certData = certData.clone();
        }

        @Override
        public byte[] certData() {
            return certData.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Entry e && Arrays.equals(e.certData, certData) && e.extensions.equals(extensions);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(certData);
        }
    }

    public Certificate13 {
        context = context.clone();
        entries = List.copyOf(entries);
    }

    public static Certificate13 of(List<byte[]> ders) {
        return new Certificate13(new byte[0], ders.stream().map(d -> new Entry(d, Extensions.EMPTY)).toList());
    }

    @Override
    public byte[] context() {
        return context.clone();
    }

    /** The DER certificates, leaf first. */
    public List<byte[]> certificates() {
        return entries.stream().map(Entry::certData).toList();
    }

    @Override
    public int type() {
        return HandshakeType.CERTIFICATE;
    }

    @Override
    public void writeBody(TlsWriter w) {
        w.opaque8(context);
        int m = w.begin24();
        for (Entry e : entries) {
            w.opaque24(e.certData);
            e.extensions.write(w);
        }
        w.end(m);
    }

    public static Certificate13 parse(byte[] body) throws TlsException {
        TlsReader r = new TlsReader(body);
        byte[] ctx = r.opaque8();
        TlsReader list = r.sub24();
        r.expectEnd();
        List<Entry> entries = new ArrayList<>();
        while (list.hasRemaining()) {
            byte[] der = list.opaque24();
            if (der.length == 0) {
                throw TlsReader.decodeError("empty cert_data");
            }
            Extensions ext = Extensions.parse(list, ExtensionContext.CERTIFICATE);
            entries.add(new Entry(der, ext));
        }
        return new Certificate13(ctx, entries);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Certificate13 c && Arrays.equals(c.context, context) && c.entries.equals(entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }
}
