package dev.herald.tls.handshake;

import dev.herald.tls.ServerCredential;
import dev.herald.tls.TlsVersion;
import dev.herald.tls.crypto.SignatureScheme;
import dev.herald.tls.pki.KeyKind;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A server credential ready for handshakes: DER chain, key kind, the schemes it can sign with
 * in each version (our preference order), and the schemes its certificates are signed with
 * (to honour the client's signature_algorithms_cert).
 */
public final class PreparedCredential {
    private final ServerCredential credential;
    private final List<byte[]> ders;
    private final KeyKind kind;
    private final Set<Integer> certificateSchemes;

    public PreparedCredential(ServerCredential credential) {
        this.credential = credential;
        this.kind = credential.keyKind();
        List<byte[]> d = new ArrayList<>();
        Set<Integer> certSchemes = new LinkedHashSet<>();
        for (X509Certificate c : credential.chain()) {
            try {
                d.add(c.getEncoded());
            } catch (CertificateEncodingException e) {
                throw new IllegalArgumentException("server certificate cannot be encoded", e);
            }
            certSchemes.add(SignatureSchemes.certificateSignatureCode(c));
        }
        this.ders = List.copyOf(d);
        this.certificateSchemes = Set.copyOf(certSchemes);
    }

    public ServerCredential credential() {
        return credential;
    }

    public List<byte[]> ders() {
        return ders;
    }

    public KeyKind kind() {
        return kind;
    }

    /** Schemes this key can sign handshakes with in {@code version}, our preference first. */
    public List<SignatureScheme> signingSchemes(TlsVersion version) {
        return SignatureSchemes.forServerKey(kind, version);
    }

    /** The first of our schemes the client accepts, or null. */
    public SignatureScheme pickScheme(TlsVersion version, List<Integer> clientSchemes) {
        for (SignatureScheme s : signingSchemes(version)) {
            if (clientSchemes.contains(s.code())) {
                return s;
            }
        }
        return null;
    }

    /** True when the client accepts every signature in our chain (RFC 8446 §4.4.2.2). */
    public boolean chainAcceptable(List<Integer> clientCertSchemes) {
        return clientCertSchemes.containsAll(certificateSchemes);
    }
}
