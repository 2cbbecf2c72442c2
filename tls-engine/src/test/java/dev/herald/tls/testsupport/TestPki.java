package dev.herald.tls.testsupport;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Test certificates built with Bouncy Castle's {@link X509v3CertificateBuilder}: CAs, server
 * and client end-entity certificates with the key types and extensions the tests need. A
 * shared {@link #standard()} fixture is generated once per JVM (RSA keys are slow).
 */
public final class TestPki {
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    /** The key types tests use. */
    public enum KeyType {
        EC_P256, EC_P384, RSA_2048, ED25519
    }

    /** A certificate with its private key and the chain above it (leaf first, root excluded). */
    public record Issued(X509Certificate certificate, PrivateKey privateKey, List<X509Certificate> chain) {
        public List<X509Certificate> chainWithoutRoot() {
            return chain;
        }
    }

    /** A certificate authority that can issue certificates. */
    public static final class Ca {
        private final X509Certificate certificate;
        private final PrivateKey key;
        private final List<X509Certificate> chainAbove; // this CA then its issuers, root excluded

        private Ca(X509Certificate certificate, PrivateKey key, List<X509Certificate> chainAbove) {
            this.certificate = certificate;
            this.key = key;
            this.chainAbove = chainAbove;
        }

        public X509Certificate certificate() {
            return certificate;
        }

        /** A root CA with a P-256 key valid from a day ago for ten years. */
        public static Ca root(String name) {
            return root(name, KeyType.EC_P256);
        }

        public static Ca root(String name, KeyType type) {
            return root(name, generate(type));
        }

        /** A self-signed root CA with the given key pair. */
        public static Ca root(String name, KeyPair kp) {
            X500Name dn = new X500Name(name);
            X509Certificate cert = build(dn, kp.getPublic(), dn, kp.getPrivate(), null, spec -> {
                spec.ca = true;
            });
            return new Ca(cert, kp.getPrivate(), List.of());
        }

        /** A CA from an existing certificate and its key (e.g. loaded from PEM files). */
        public static Ca of(X509Certificate certificate, PrivateKey key) {
            return new Ca(certificate, key, List.of());
        }

        /** Misuses an end-entity certificate as an issuer (for basic-constraints tests). */
        public static Ca fromEndEntity(Issued ee) {
            return new Ca(ee.certificate(), ee.privateKey(), ee.chain());
        }

        /** An intermediate CA issued by this one. */
        public Ca intermediate(String name) {
            KeyPair kp = generate(KeyType.EC_P256);
            X509Certificate cert = build(new X500Name(name), kp.getPublic(), issuerName(), key, certificate, spec -> {
                spec.ca = true;
            });
            List<X509Certificate> chain = new ArrayList<>();
            chain.add(cert);
            if (!isRoot()) {
                chain.addAll(chainAbove);
            }
            return new Ca(cert, kp.getPrivate(), List.copyOf(chain));
        }

        private boolean isRoot() {
            return chainAbove.isEmpty();
        }

        private X500Name issuerName() {
            return X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        }

        /** Issues an end-entity certificate with the given options. */
        public Issued issue(String subject, KeyType type, java.util.function.Consumer<Spec> options) {
            KeyPair kp = generate(type);
            X509Certificate cert = build(new X500Name(subject), kp.getPublic(), issuerName(), key, certificate, options);
            List<X509Certificate> chain = new ArrayList<>();
            chain.add(cert);
            if (!isRoot()) {
                chain.addAll(chainAbove);
            }
            return new Issued(cert, kp.getPrivate(), List.copyOf(chain));
        }

        public Issued server(String cn, KeyType type) {
            return issue("CN=" + cn, type, s -> {
                s.serverAuth = true;
                s.dnsNames = List.of(cn);
            });
        }

        public Issued client(String cn, KeyType type) {
            return issue("CN=" + cn + ",O=Herald Test", type, s -> s.clientAuth = true);
        }
    }

    /** Options of a certificate to issue. */
    public static final class Spec {
        public boolean ca;
        public boolean serverAuth;
        public boolean clientAuth;
        /** Omit the extended key usage extension entirely. */
        public boolean noEku;
        /** Key usage without digitalSignature (keyEncipherment only). */
        public boolean noDigitalSignature;
        public List<String> dnsNames = List.of();
        public Instant notBefore = Instant.now().minus(Duration.ofDays(1));
        public Instant notAfter = Instant.now().plus(Duration.ofDays(3650));
    }

    private static X509Certificate build(X500Name subject, PublicKey publicKey, X500Name issuer, PrivateKey issuerKey,
            X509Certificate issuerCert, java.util.function.Consumer<Spec> options) {
        Spec spec = new Spec();
        options.accept(spec);
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                    Date.from(spec.notBefore), Date.from(spec.notAfter), subject, publicKey);
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(publicKey));
            if (issuerCert != null) {
                b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(issuerCert));
            }
            if (spec.ca) {
                b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                b.addExtension(Extension.keyUsage, true, new KeyUsage(spec.noDigitalSignature
                        ? KeyUsage.keyEncipherment : KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
                List<KeyPurposeId> purposes = new ArrayList<>();
                if (spec.serverAuth) {
                    purposes.add(KeyPurposeId.id_kp_serverAuth);
                }
                if (spec.clientAuth) {
                    purposes.add(KeyPurposeId.id_kp_clientAuth);
                }
                if (!spec.noEku && !purposes.isEmpty()) {
                    b.addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(purposes.toArray(new KeyPurposeId[0])));
                }
                if (!spec.dnsNames.isEmpty()) {
                    GeneralName[] names = spec.dnsNames.stream().map(n -> new GeneralName(GeneralName.dNSName, n))
                            .toArray(GeneralName[]::new);
                    b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
                }
            }
            ContentSigner signer = new JcaContentSignerBuilder(signatureAlgorithm(issuerKey)).build(issuerKey);
            return new JcaX509CertificateConverter().getCertificate(b.build(signer));
        } catch (Exception e) {
            throw new IllegalStateException("cannot build test certificate", e);
        }
    }

    private static String signatureAlgorithm(PrivateKey key) {
        return switch (key.getAlgorithm()) {
            case "EC" -> ((java.security.interfaces.ECKey) key).getParams().getOrder().bitLength() > 256
                    ? "SHA384withECDSA" : "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> "Ed25519";
        };
    }

    public static KeyPair generate(KeyType type) {
        try {
            return switch (type) {
                case EC_P256 -> ec("secp256r1");
                case EC_P384 -> ec("secp384r1");
                case RSA_2048 -> {
                    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                    g.initialize(2048);
                    yield g.generateKeyPair();
                }
                case ED25519 -> KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            };
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair ec(String curve) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec(curve));
        return g.generateKeyPair();
    }

    // ------------------------------------------------------------------ shared fixture

    /** The standard fixture: one trusted root with server and client certificates of each kind. */
    public static Standard standard() {
        return Standard.INSTANCE;
    }

    /** Certificates most tests share; generated once. */
    public static final class Standard {
        static final Standard INSTANCE = new Standard();

        public final Ca root = Ca.root("CN=Herald Test Root CA,O=Herald Test");
        public final Ca intermediate = root.intermediate("CN=Herald Test Issuing CA,O=Herald Test");
        public final Ca untrustedRoot = Ca.root("CN=Untrusted Root CA,O=Elsewhere");

        public final Issued serverEc = root.server("localhost", KeyType.EC_P256);
        public final Issued serverEc384 = root.server("localhost", KeyType.EC_P384);
        public final Issued serverRsa = root.server("localhost", KeyType.RSA_2048);
        public final Issued serverEd25519 = root.server("localhost", KeyType.ED25519);

        public final Issued clientEc = root.client("alice", KeyType.EC_P256);
        public final Issued clientEc384 = root.client("carol", KeyType.EC_P384);
        public final Issued clientRsa = root.client("bob", KeyType.RSA_2048);
        public final Issued clientEd25519 = root.client("dave", KeyType.ED25519);
        public final Issued clientViaIntermediate = intermediate.client("erin", KeyType.EC_P256);
        public final Issued clientUntrusted = untrustedRoot.client("mallory", KeyType.EC_P256);
        public final Issued clientExpired = root.issue("CN=old,O=Herald Test", KeyType.EC_P256, s -> {
            s.clientAuth = true;
            s.notBefore = Instant.now().minus(Duration.ofDays(400));
            s.notAfter = Instant.now().minus(Duration.ofDays(30));
        });
        public final Issued clientServerAuthOnly = root.issue("CN=wrong-purpose,O=Herald Test", KeyType.EC_P256,
                s -> s.serverAuth = true);
        public final Issued clientNoDigitalSignature = root.issue("CN=no-ds,O=Herald Test", KeyType.EC_P256, s -> {
            s.clientAuth = true;
            s.noDigitalSignature = true;
        });

        private Standard() {
        }

        public Issued client(KeyType type) {
            return switch (type) {
                case EC_P256 -> clientEc;
                case EC_P384 -> clientEc384;
                case RSA_2048 -> clientRsa;
                case ED25519 -> clientEd25519;
            };
        }

        public Issued server(KeyType type) {
            return switch (type) {
                case EC_P256 -> serverEc;
                case EC_P384 -> serverEc384;
                case RSA_2048 -> serverRsa;
                case ED25519 -> serverEd25519;
            };
        }
    }
}
