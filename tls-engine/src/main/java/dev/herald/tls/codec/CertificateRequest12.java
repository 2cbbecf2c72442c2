package dev.herald.tls.codec;

import dev.herald.tls.TlsException;
import java.util.ArrayList;
import java.util.List;

/**
 * TLS 1.2 CertificateRequest (RFC 5246 §7.4.4): certificate types, the signature algorithms
 * we accept, and the DER names of the CAs we trust (possibly none).
 */
public record CertificateRequest12(List<Integer> certificateTypes, List<Integer> signatureAlgorithms,
        List<byte[]> authorities) implements HandshakeMessage {

    /** ClientCertificateType rsa_sign (RFC 5246) and ecdsa_sign (RFC 8422 §5.5). */
    public static final int RSA_SIGN = 1;
    public static final int ECDSA_SIGN = 64;

    public CertificateRequest12 {
        certificateTypes = List.copyOf(certificateTypes);
        signatureAlgorithms = List.copyOf(signatureAlgorithms);
        authorities = authorities.stream().map(byte[]::clone).toList();
    }

    @Override
    public List<byte[]> authorities() {
        return authorities.stream().map(byte[]::clone).toList();
    }

    @Override
    public int type() {
        return HandshakeType.CERTIFICATE_REQUEST;
    }

    @Override
    public void writeBody(TlsWriter w) {
        int m = w.begin8();
        for (int t : certificateTypes) {
            w.u8(t);
        }
        w.end(m);
        Codecs.writeU16List16(w, signatureAlgorithms);
        Codecs.writeDistinguishedNames(w, authorities);
    }

    public static CertificateRequest12 parse(byte[] body) throws TlsException {
        TlsReader r = new TlsReader(body);
        TlsReader types = r.sub8();
        if (!types.hasRemaining()) {
            throw TlsReader.decodeError("empty certificate_types");
        }
        List<Integer> t = new ArrayList<>();
        while (types.hasRemaining()) {
            t.add(types.u8());
        }
        List<Integer> algs = Codecs.readU16List16(r, 1, "supported_signature_algorithms");
        List<byte[]> cas = Codecs.readDistinguishedNames(r, false);
        r.expectEnd();
        return new CertificateRequest12(t, algs, cas);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CertificateRequest12 c && c.certificateTypes.equals(certificateTypes)
                && c.signatureAlgorithms.equals(signatureAlgorithms) && Codecs.equalLists(c.authorities, authorities);
    }

    @Override
    public int hashCode() {
        return certificateTypes.hashCode() * 31 + signatureAlgorithms.hashCode();
    }
}
