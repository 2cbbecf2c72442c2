package dev.herald.config.pki;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Builds X.509 certificates for the demo and for tests anywhere in Herald: root and
 * intermediate CAs, server and client certificates, with a chosen key type, validity window
 * (also expired or not yet valid), subject, subjectAltNames (DNS, IP, email, URI, UPN), key usage,
 * extended key usage, and any extra extension. Start from one of the static factories, which
 * set the usual extensions for the role, then adjust; {@link #build()} signs with the issuer's
 * key (or the new key, for a self-signed certificate).
 *
 * <p>Subjects are written as RFC 4514 strings, most specific first ({@code
 * CN=alice,OU=people,O=Herald Demo}); they are encoded in X.500 order (the rightmost RDN first),
 * so the JDK and OpenSSL print them back as written. Attribute names follow Bouncy Castle's
 * {@link BCStyle} (CN, O, OU, C, L, ST, DC, UID, E / EmailAddress, SERIALNUMBER, SURNAME...).
 */
public final class CertificateBuilder {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String subject;
    private final CertifiedKey issuer;
    private KeyType keyType = KeyType.EC_P256;
    private KeyPair keyPair;
    private Instant notBefore;
    private Instant notAfter;
    private BigInteger serial;
    private boolean ca;
    private Integer pathLength;
    private boolean basicConstraints = true;
    private Set<KeyUsageBit> keyUsage = EnumSet.of(KeyUsageBit.DIGITAL_SIGNATURE);
    private boolean keyUsageSet;
    private List<KeyPurpose> extendedKeyUsage = new ArrayList<>();
    private final List<GeneralName> altNames = new ArrayList<>();
    private final List<Extension> extraExtensions = new ArrayList<>();
    private String signatureAlgorithm;

    private CertificateBuilder(String subject, CertifiedKey issuer) {
        this.subject = Objects.requireNonNull(subject, "subject");
        this.issuer = issuer;
        Instant now = Instant.now();
        this.notBefore = now.minus(Duration.ofHours(1));
        this.notAfter = now.plus(Duration.ofDays(365));
    }

    /** A self-signed root CA: basicConstraints cA, keyCertSign and cRLSign, ten years. */
    public static CertificateBuilder rootCa(String subject) {
        CertificateBuilder b = new CertificateBuilder(subject, null);
        b.ca = true;
        b.keyUsage = EnumSet.of(KeyUsageBit.KEY_CERT_SIGN, KeyUsageBit.CRL_SIGN);
        b.keyUsageSet = true;
        b.notAfter = Instant.now().plus(Duration.ofDays(3650));
        return b;
    }

    /** An intermediate CA issued by {@code issuer}: like a root, five years. */
    public static CertificateBuilder intermediateCa(String subject, CertifiedKey issuer) {
        CertificateBuilder b = new CertificateBuilder(subject, Objects.requireNonNull(issuer, "issuer"));
        b.ca = true;
        b.keyUsage = EnumSet.of(KeyUsageBit.KEY_CERT_SIGN, KeyUsageBit.CRL_SIGN);
        b.keyUsageSet = true;
        b.notAfter = Instant.now().plus(Duration.ofDays(1825));
        return b;
    }

    /** A TLS server certificate: extendedKeyUsage serverAuth, keyUsage digitalSignature (plus keyEncipherment for RSA). */
    public static CertificateBuilder server(String subject, CertifiedKey issuer) {
        CertificateBuilder b = new CertificateBuilder(subject, Objects.requireNonNull(issuer, "issuer"));
        b.extendedKeyUsage.add(KeyPurpose.SERVER_AUTH);
        return b;
    }

    /** A TLS client certificate: extendedKeyUsage clientAuth, keyUsage digitalSignature. */
    public static CertificateBuilder client(String subject, CertifiedKey issuer) {
        CertificateBuilder b = new CertificateBuilder(subject, Objects.requireNonNull(issuer, "issuer"));
        b.extendedKeyUsage.add(KeyPurpose.CLIENT_AUTH);
        return b;
    }

    /** An end-entity certificate without extendedKeyUsage; keyUsage digitalSignature. */
    public static CertificateBuilder leaf(String subject, CertifiedKey issuer) {
        return new CertificateBuilder(subject, Objects.requireNonNull(issuer, "issuer"));
    }

    /** A self-signed end-entity certificate (not a CA). */
    public static CertificateBuilder selfSignedLeaf(String subject) {
        return new CertificateBuilder(subject, null);
    }

    public CertificateBuilder keyType(KeyType type) {
        this.keyType = Objects.requireNonNull(type, "type");
        return this;
    }

    /** Certifies an existing key pair instead of generating one. */
    public CertificateBuilder keyPair(KeyPair pair) {
        this.keyPair = Objects.requireNonNull(pair, "pair");
        return this;
    }

    public CertificateBuilder validity(Instant from, Instant until) {
        this.notBefore = Objects.requireNonNull(from, "from");
        this.notAfter = Objects.requireNonNull(until, "until");
        return this;
    }

    /** Valid from an hour ago for {@code duration}. */
    public CertificateBuilder validFor(Duration duration) {
        Instant now = Instant.now();
        return validity(now.minus(Duration.ofHours(1)), now.plus(duration));
    }

    /** Valid for a day that ended yesterday. */
    public CertificateBuilder expired() {
        Instant now = Instant.now();
        return validity(now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(1)));
    }

    /** Valid from tomorrow. */
    public CertificateBuilder notYetValid() {
        Instant now = Instant.now();
        return validity(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)));
    }

    public CertificateBuilder serialNumber(BigInteger serialNumber) {
        this.serial = Objects.requireNonNull(serialNumber, "serialNumber");
        return this;
    }

    public CertificateBuilder dnsNames(String... names) {
        for (String n : names) {
            altNames.add(new GeneralName(GeneralName.dNSName, n));
        }
        return this;
    }

    public CertificateBuilder ipAddresses(String... addresses) {
        for (String a : addresses) {
            altNames.add(new GeneralName(GeneralName.iPAddress, a));
        }
        return this;
    }

    /** rfc822Name subjectAltNames. */
    public CertificateBuilder emails(String... emails) {
        for (String e : emails) {
            altNames.add(new GeneralName(GeneralName.rfc822Name, e));
        }
        return this;
    }

    public CertificateBuilder uris(String... uris) {
        for (String u : uris) {
            altNames.add(new GeneralName(GeneralName.uniformResourceIdentifier, u));
        }
        return this;
    }

    /** Microsoft userPrincipalName otherName subjectAltNames (OID 1.3.6.1.4.1.311.20.2.3, UTF8String). */
    public CertificateBuilder userPrincipalNames(String... upns) {
        ASN1ObjectIdentifier upnOid = new ASN1ObjectIdentifier("1.3.6.1.4.1.311.20.2.3");
        for (String u : upns) {
            altNames.add(new GeneralName(GeneralName.otherName,
                    new DERSequence(new ASN1Encodable[] {upnOid, new DERTaggedObject(true, 0, new DERUTF8String(u))})));
        }
        return this;
    }

    /** Replaces the extended key usages (none given: no extendedKeyUsage extension). */
    public CertificateBuilder extendedKeyUsage(KeyPurpose... purposes) {
        this.extendedKeyUsage = new ArrayList<>(Arrays.asList(purposes));
        return this;
    }

    /** Replaces the key usage bits (none given: no keyUsage extension). */
    public CertificateBuilder keyUsage(KeyUsageBit... bits) {
        this.keyUsage = bits.length == 0 ? EnumSet.noneOf(KeyUsageBit.class) : EnumSet.copyOf(Arrays.asList(bits));
        this.keyUsageSet = true;
        return this;
    }

    /** Makes the certificate a CA (or not), keeping the other settings. */
    public CertificateBuilder ca(boolean isCa) {
        this.ca = isCa;
        return this;
    }

    public CertificateBuilder pathLength(int length) {
        this.pathLength = length;
        return this;
    }

    /** Leaves out the basicConstraints extension. */
    public CertificateBuilder noBasicConstraints() {
        this.basicConstraints = false;
        return this;
    }

    /** Adds any extension, given as the DER encoding of its value. */
    public CertificateBuilder extension(String oid, boolean critical, byte[] derValue) {
        try {
            extraExtensions.add(new Extension(new ASN1ObjectIdentifier(oid), critical, ASN1Primitive.fromByteArray(derValue).getEncoded()));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("the extension value is not DER", e);
        }
        return this;
    }

    /** Overrides the JCA signature algorithm (default: by the issuer's key, e.g. SHA256withECDSA). */
    public CertificateBuilder signatureAlgorithm(String jcaName) {
        this.signatureAlgorithm = jcaName;
        return this;
    }

    /** Generates the key (unless given), builds and signs the certificate. */
    public CertifiedKey build() {
        KeyPair pair = keyPair != null ? keyPair : keyType.generate(RANDOM);
        try {
            X500Name subjectName = x500(subject);
            X500Name issuerName = issuer == null ? subjectName
                    : X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
            BigInteger sn = serial != null ? serial : new BigInteger(127, RANDOM).add(BigInteger.ONE);
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuerName, sn,
                    Date.from(notBefore), Date.from(notAfter), subjectName, pair.getPublic());
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            if (basicConstraints) {
                BasicConstraints bc = !ca ? new BasicConstraints(false)
                        : pathLength != null ? new BasicConstraints(pathLength) : new BasicConstraints(true);
                b.addExtension(Extension.basicConstraints, true, bc);
            }
            Set<KeyUsageBit> usage = EnumSet.noneOf(KeyUsageBit.class);
            usage.addAll(keyUsage);
            if (!keyUsageSet && !ca && KeyTypes.family(pair.getPublic()) == KeyTypes.Family.RSA
                    && extendedKeyUsage.contains(KeyPurpose.SERVER_AUTH)) {
                usage.add(KeyUsageBit.KEY_ENCIPHERMENT);
            }
            if (!usage.isEmpty()) {
                int bits = 0;
                for (KeyUsageBit u : usage) {
                    bits |= u.bit();
                }
                b.addExtension(Extension.keyUsage, true, new KeyUsage(bits));
            }
            if (!extendedKeyUsage.isEmpty()) {
                KeyPurposeId[] ids = extendedKeyUsage.stream().map(KeyPurpose::id).toArray(KeyPurposeId[]::new);
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(ids));
            }
            if (!altNames.isEmpty()) {
                // RFC 5280 §4.2.1.6: critical when the subject is empty.
                b.addExtension(Extension.subjectAlternativeName, subjectName.getRDNs().length == 0,
                        new GeneralNames(altNames.toArray(new GeneralName[0])));
            }
            b.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(pair.getPublic()));
            if (issuer != null) {
                b.addExtension(Extension.authorityKeyIdentifier, false,
                        utils.createAuthorityKeyIdentifier(issuer.certificate().getPublicKey()));
            }
            for (Extension e : extraExtensions) {
                b.addExtension(e);
            }
            PrivateKey signingKey = issuer == null ? pair.getPrivate() : issuer.privateKey();
            String alg = signatureAlgorithm != null ? signatureAlgorithm : KeyType.of(signingKey).signatureAlgorithm();
            ContentSigner signer = new JcaContentSignerBuilder(alg).build(signingKey);
            byte[] der = b.build(signer).getEncoded();
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            List<X509Certificate> issuers = new ArrayList<>();
            if (issuer != null) {
                issuers.add(issuer.certificate());
                issuers.addAll(issuer.issuers());
            }
            return new CertifiedKey(cert, pair, issuers);
        } catch (GeneralSecurityException | java.io.IOException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException("cannot build the certificate for " + subject, e);
        }
    }

    /**
     * Parses an RFC 4514 string with BCStyle names and reverses the RDNs, since the string
     * lists the most specific RDN first and X.500 encodes it last.
     */
    static X500Name x500(String dn) {
        if (dn.isEmpty()) {
            return new X500Name(new RDN[0]);
        }
        RDN[] rdns = new X500Name(BCStyle.INSTANCE, dn).getRDNs();
        RDN[] reversed = new RDN[rdns.length];
        for (int i = 0; i < rdns.length; i++) {
            reversed[i] = rdns[rdns.length - 1 - i];
        }
        return new X500Name(BCStyle.INSTANCE, reversed);
    }
}
