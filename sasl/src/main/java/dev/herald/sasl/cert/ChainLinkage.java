package dev.herald.sasl.cert;

import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A cheap structural check of the chain the TLS engine reports as verified: leaf first, each
 * certificate's issuer name equal to the next one's subject name, and where both carry them, its
 * authority key identifier equal to the next one's subject key identifier (RFC 5280 §4.2.1.1,
 * §4.2.1.2). Signatures are not re-verified here (PKIX did that); the check catches an engine
 * that hands over the client's unordered certificate list instead of the validated path, which
 * would let a client list CA A's certificate next to a leaf issued by a same-named CA B and pass
 * an issuer restriction for A.
 */
public final class ChainLinkage {
    private ChainLinkage() {
    }

    /** What is wrong with the chain's linkage, or empty when it is a linked path. */
    public static Optional<String> problem(List<X509Certificate> chain) {
        for (int i = 0; i + 1 < chain.size(); i++) {
            X509Certificate child = chain.get(i);
            X509Certificate parent = chain.get(i + 1);
            if (!child.getIssuerX500Principal().equals(parent.getSubjectX500Principal())) {
                return Optional.of("certificate " + i + " of the chain was not issued by certificate " + (i + 1)
                        + " (issuer and subject names differ)");
            }
            Optional<byte[]> aki = authorityKeyId(child);
            Optional<byte[]> ski = subjectKeyId(parent);
            if (aki.isPresent() && ski.isPresent() && !Arrays.equals(aki.get(), ski.get())) {
                return Optional.of("certificate " + i + " of the chain was not issued by certificate " + (i + 1)
                        + " (authority key identifier differs from the subject key identifier)");
            }
        }
        return Optional.empty();
    }

    private static Optional<byte[]> authorityKeyId(X509Certificate c) {
        byte[] ext = c.getExtensionValue(Extension.authorityKeyIdentifier.getId());
        if (ext == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(AuthorityKeyIdentifier.getInstance(parse(ext)).getKeyIdentifierOctets());
    }

    private static Optional<byte[]> subjectKeyId(X509Certificate c) {
        byte[] ext = c.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        if (ext == null) {
            return Optional.empty();
        }
        return Optional.of(SubjectKeyIdentifier.getInstance(parse(ext)).getKeyIdentifier());
    }

    private static ASN1Primitive parse(byte[] extensionValue) {
        try {
            return JcaX509ExtensionUtils.parseExtensionValue(extensionValue);
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed key identifier extension", e);
        }
    }
}
