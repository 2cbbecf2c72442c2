package dev.herald.sasl.cert;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.OtherName;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The facts of a client (leaf) certificate that mappers use, read once from its DER encoding
 * with Bouncy Castle's ASN.1 classes: subject and issuer as RFC 4514 strings
 * ({@link SubjectNames}), subject attribute values, subjectAltName values, the DER bytes and
 * their SHA-256 fingerprint. Independent of the JCA provider that produced the
 * {@link X509Certificate}.
 */
public final class ClientCertificate {

    /** The values of one subject attribute: usable strings, and how many were not strings. */
    public record SubjectValues(List<String> strings, int nonStrings) {
        public SubjectValues {
            strings = List.copyOf(strings);
        }
    }

    private final byte[] der;
    private final Certificate parsed;
    private final String subject;
    private final String issuer;
    private final byte[] sha256;

    private ClientCertificate(byte[] der, Certificate parsed) {
        this.der = der;
        this.parsed = parsed;
        this.subject = SubjectNames.toRfc4514(parsed.getSubject());
        this.issuer = SubjectNames.toRfc4514(parsed.getIssuer());
        this.sha256 = sha256(der);
    }

    /** Reads a certificate. */
    public static ClientCertificate of(X509Certificate certificate) throws CertificateParsingException {
        byte[] der;
        try {
            der = certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new CertificateParsingException("cannot encode the certificate: " + e.getMessage());
        }
        try {
            return new ClientCertificate(der, Certificate.getInstance(der));
        } catch (RuntimeException e) {
            throw new CertificateParsingException("cannot parse the certificate: " + e.getMessage());
        }
    }

    /** The subject as an RFC 4514 string (see {@link SubjectNames}). */
    public String subjectDn() {
        return subject;
    }

    /** The issuer as an RFC 4514 string. */
    public String issuerDn() {
        return issuer;
    }

    /** The subject as Bouncy Castle's structured name. */
    public X500Name subject() {
        return parsed.getSubject();
    }

    /** The DER encoding. */
    public byte[] der() {
        return der.clone();
    }

    /** SHA-256 over the DER encoding. */
    public byte[] sha256() {
        return sha256.clone();
    }

    /** The SHA-256 fingerprint in a given format. */
    public String fingerprint(FingerprintFormat format) {
        return format.format(sha256);
    }

    /**
     * All values of one subject attribute, from the most specific RDN to the least (the
     * RFC 4514 string order), including AVAs of multi-valued RDNs.
     */
    public SubjectValues subjectValues(String oid) {
        List<String> strings = new ArrayList<>();
        int nonStrings = 0;
        RDN[] rdns = parsed.getSubject().getRDNs();
        for (int i = rdns.length - 1; i >= 0; i--) {
            for (AttributeTypeAndValue ava : rdns[i].getTypesAndValues()) {
                if (ava.getType().getId().equals(oid)) {
                    Optional<String> s = SubjectNames.decodeString(ava.getValue());
                    if (s.isPresent()) {
                        strings.add(s.get());
                    } else {
                        nonStrings++;
                    }
                }
            }
        }
        return new SubjectValues(strings, nonStrings);
    }

    /**
     * The subjectAltName values of one type, in certificate order.
     *
     * @throws CertificateParsingException when the extension is present but malformed
     */
    public List<String> subjectAltNames(SanType type) throws CertificateParsingException {
        Extensions exts = parsed.getTBSCertificate().getExtensions();
        if (exts == null || exts.getExtension(Extension.subjectAlternativeName) == null) {
            return List.of();
        }
        try {
            GeneralNames names = GeneralNames.getInstance(exts.getExtension(Extension.subjectAlternativeName).getParsedValue());
            List<String> out = new ArrayList<>();
            for (GeneralName gn : names.getNames()) {
                sanValue(gn, type).ifPresent(out::add);
            }
            return out;
        } catch (RuntimeException e) {
            throw new CertificateParsingException("malformed subjectAltName extension: " + e.getMessage());
        }
    }

    private static Optional<String> sanValue(GeneralName gn, SanType type) {
        switch (type) {
            case RFC822_NAME:
                return gn.getTagNo() == GeneralName.rfc822Name ? ia5(gn.getName()) : Optional.empty();
            case DNS_NAME:
                return gn.getTagNo() == GeneralName.dNSName ? ia5(gn.getName()) : Optional.empty();
            case URI:
                return gn.getTagNo() == GeneralName.uniformResourceIdentifier ? ia5(gn.getName()) : Optional.empty();
            case UPN:
                if (gn.getTagNo() != GeneralName.otherName) {
                    return Optional.empty();
                }
                OtherName other = OtherName.getInstance(gn.getName());
                if (!other.getTypeID().getId().equals(SanType.UPN_OID)) {
                    return Optional.empty();
                }
                ASN1Encodable v = other.getValue();
                if (v instanceof ASN1TaggedObject) {
                    v = ((ASN1TaggedObject) v).getExplicitBaseObject();
                }
                return SubjectNames.decodeString(v);
            default:
                throw new AssertionError(type);
        }
    }

    private static Optional<String> ia5(ASN1Encodable v) {
        ASN1Primitive p = v.toASN1Primitive();
        if (!(p instanceof ASN1String)) {
            throw new IllegalArgumentException("subjectAltName value is not a string");
        }
        return SubjectNames.decodeString(p);
    }

    private static byte[] sha256(byte[] der) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(der);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
