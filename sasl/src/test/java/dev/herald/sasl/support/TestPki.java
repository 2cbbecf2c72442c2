package dev.herald.sasl.support;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Test certificates built with Bouncy Castle's X509v3CertificateBuilder: CAs (optionally with the
 * same subject as another CA) and leaves with arbitrary subjects (any ASN.1 value, NUL bytes,
 * multi-valued RDNs) and subjectAltNames.
 */
public final class TestPki {
    private static final AtomicLong SERIAL = new AtomicLong(1000);
    private static final KeyPair LEAF_KEY = newKeyPair();

    private TestPki() {
    }

    /** A CA with its own key. */
    public static final class Ca {
        private final X500Name name;
        private final KeyPair key;
        private final X509Certificate certificate;
        private final boolean keyIds;

        private Ca(X500Name name, KeyPair key, X509Certificate certificate, boolean keyIds) {
            this.name = name;
            this.key = key;
            this.certificate = certificate;
            this.keyIds = keyIds;
        }

        public X509Certificate certificate() {
            return certificate;
        }

        /** Starts a leaf issued by this CA. */
        public LeafBuilder leaf(X500Name subject) {
            return new LeafBuilder(this, subject);
        }

        /** A leaf with a simple subject string (BC style, X.500 order as written). */
        public X509Certificate leaf(String subject) {
            return leaf(new X500Name(subject)).build();
        }

        /** An intermediate CA issued by this CA. */
        public Ca intermediate(String subject) {
            return create(new X500Name(subject), this, true);
        }

        /** The chain leaf, [this CA's chain up to its root]. */
        public List<X509Certificate> chain(X509Certificate leaf) {
            List<X509Certificate> out = new ArrayList<>();
            out.add(leaf);
            out.addAll(chainOfCa());
            return out;
        }

        private Ca parent;

        private List<X509Certificate> chainOfCa() {
            List<X509Certificate> out = new ArrayList<>();
            for (Ca c = this; c != null; c = c.parent) {
                out.add(c.certificate);
            }
            return out;
        }
    }

    /** A root CA (with key identifiers). */
    public static Ca ca(String subject) {
        return create(new X500Name(subject), null, true);
    }

    /** A root CA without subject / authority key identifier extensions. */
    public static Ca caWithoutKeyIds(String subject) {
        return create(new X500Name(subject), null, false);
    }

    private static Ca create(X500Name subject, Ca issuer, boolean keyIds) {
        try {
            KeyPair kp = newKeyPair();
            X500Name issuerName = issuer == null ? subject : issuer.name;
            KeyPair signer = issuer == null ? kp : issuer.key;
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuerName, serial(), notBefore(), notAfter(),
                    subject, kp.getPublic());
            JcaX509ExtensionUtils u = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            if (keyIds) {
                b.addExtension(Extension.subjectKeyIdentifier, false, u.createSubjectKeyIdentifier(kp.getPublic()));
                if (issuer != null && issuer.keyIds) {
                    b.addExtension(Extension.authorityKeyIdentifier, false,
                            u.createAuthorityKeyIdentifier(issuer.certificate));
                }
            }
            Ca ca = new Ca(subject, kp, convert(b, signer), keyIds);
            ca.parent = issuer;
            return ca;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Builds a leaf certificate. */
    public static final class LeafBuilder {
        private final Ca ca;
        private final X500Name subject;
        private final List<GeneralName> sans = new ArrayList<>();

        private LeafBuilder(Ca ca, X500Name subject) {
            this.ca = ca;
            this.subject = subject;
        }

        public LeafBuilder email(String v) {
            sans.add(new GeneralName(GeneralName.rfc822Name, new DERIA5String(v)));
            return this;
        }

        public LeafBuilder dns(String v) {
            sans.add(new GeneralName(GeneralName.dNSName, new DERIA5String(v)));
            return this;
        }

        public LeafBuilder uri(String v) {
            sans.add(new GeneralName(GeneralName.uniformResourceIdentifier, new DERIA5String(v)));
            return this;
        }

        public LeafBuilder upn(String v) {
            sans.add(new GeneralName(GeneralName.otherName, new DERSequence(new ASN1Encodable[]{
                    new ASN1ObjectIdentifier("1.3.6.1.4.1.311.20.2.3"),
                    new DERTaggedObject(true, 0, new DERUTF8String(v))})));
            return this;
        }

        public X509Certificate build() {
            try {
                X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(ca.name, serial(), notBefore(), notAfter(),
                        subject, LEAF_KEY.getPublic());
                if (ca.keyIds) {
                    b.addExtension(Extension.authorityKeyIdentifier, false,
                            new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(ca.certificate));
                }
                if (!sans.isEmpty()) {
                    b.addExtension(Extension.subjectAlternativeName, subject.getRDNs().length == 0,
                            new GeneralNames(sans.toArray(new GeneralName[0])));
                }
                return convert(b, ca.key);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A name from (type, value) pairs in ASN.1 order (most significant first); values are UTF8Strings. */
    public static X500Name name(String... typeValuePairs) {
        X500NameBuilder b = new X500NameBuilder();
        for (int i = 0; i < typeValuePairs.length; i += 2) {
            b.addRDN(oid(typeValuePairs[i]), new DERUTF8String(typeValuePairs[i + 1]));
        }
        return b.build();
    }

    /** A name with raw ASN.1 values. */
    public static X500Name rawName(Object... typeValuePairs) {
        X500NameBuilder b = new X500NameBuilder();
        for (int i = 0; i < typeValuePairs.length; i += 2) {
            b.addRDN(oid((String) typeValuePairs[i]), (ASN1Encodable) typeValuePairs[i + 1]);
        }
        return b.build();
    }

    /** A name whose last RDN is multi-valued. */
    public static X500Name nameWithMultiValuedLeaf(String[] prefixPairs, String... leafPairs) {
        X500NameBuilder b = new X500NameBuilder();
        for (int i = 0; i < prefixPairs.length; i += 2) {
            b.addRDN(oid(prefixPairs[i]), new DERUTF8String(prefixPairs[i + 1]));
        }
        AttributeTypeAndValue[] avas = new AttributeTypeAndValue[leafPairs.length / 2];
        for (int i = 0; i < leafPairs.length; i += 2) {
            avas[i / 2] = new AttributeTypeAndValue(oid(leafPairs[i]), new DERUTF8String(leafPairs[i + 1]));
        }
        b.addMultiValuedRDN(avas);
        return b.build();
    }

    private static ASN1ObjectIdentifier oid(String type) {
        switch (type.toUpperCase(java.util.Locale.ROOT)) {
            case "CN": return new ASN1ObjectIdentifier("2.5.4.3");
            case "O": return new ASN1ObjectIdentifier("2.5.4.10");
            case "OU": return new ASN1ObjectIdentifier("2.5.4.11");
            case "C": return new ASN1ObjectIdentifier("2.5.4.6");
            case "DC": return new ASN1ObjectIdentifier("0.9.2342.19200300.100.1.25");
            case "UID": return new ASN1ObjectIdentifier("0.9.2342.19200300.100.1.1");
            case "EMAILADDRESS": return new ASN1ObjectIdentifier("1.2.840.113549.1.9.1");
            case "SERIALNUMBER": return new ASN1ObjectIdentifier("2.5.4.5");
            default: return new ASN1ObjectIdentifier(type);
        }
    }

    private static X509Certificate convert(X509v3CertificateBuilder b, KeyPair signer) throws Exception {
        ContentSigner s = new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(b.build(s));
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIAL.incrementAndGet());
    }

    private static Date notBefore() {
        return new Date(System.currentTimeMillis() - 3_600_000L);
    }

    private static Date notAfter() {
        return new Date(System.currentTimeMillis() + 86_400_000L);
    }
}
