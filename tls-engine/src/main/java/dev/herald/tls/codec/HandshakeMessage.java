package dev.herald.tls.codec;

/**
 * A handshake message as an immutable value. {@link #encode()} gives the framed bytes
 * (msg_type, uint24 length, body) that go into the transcript and the record layer.
 */
public sealed interface HandshakeMessage permits ClientHello, ServerHello, EncryptedExtensions,
        CertificateRequest13, CertificateRequest12, Certificate13, Certificate12, CertificateVerify,
        Finished, KeyUpdate, ServerKeyExchangeEcdhe, ServerHelloDone, ClientKeyExchangeEcdhe {

    int type();

    void writeBody(TlsWriter w);

    default byte[] encode() {
        TlsWriter w = new TlsWriter();
        w.u8(type());
        int m = w.begin24();
        writeBody(w);
        w.end(m);
        return w.toByteArray();
    }
}
