package dev.herald.config.pki;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.openssl.MiscPEMGenerator;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS12PfxPduBuilder;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCS12MacCalculatorBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEOutputEncryptorBuilder;

/**
 * Writes certificates and keys in the formats Herald reads, with Bouncy Castle's PEM writer:
 * PEM certificate chains, PKCS#8 (plain or encrypted with AES-256-CBC and PBKDF2-HMAC-SHA256),
 * the traditional OpenSSL forms (SEC1 EC, PKCS#1 RSA, optionally encrypted with legacy PEM
 * encryption) and PKCS#12. Private key files are created with mode 600 where the file system
 * has POSIX permissions. Used by the demo and by tests that need real files.
 */
public final class PemFiles {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private PemFiles() {}

    /** PEM text of certificates, in order. */
    public static String certificates(List<X509Certificate> certs) {
        return pem(w -> {
            for (X509Certificate c : certs) {
                w.writeObject(c);
            }
        });
    }

    /**
     * {@code -----BEGIN PRIVATE KEY-----}: unencrypted PKCS#8. EC keys are written with their
     * curve and public key inside the ECPrivateKey structure (RFC 5915 §3), as OpenSSL writes
     * them: the JDK leaves both out, and GnuTLS (OpenLDAP's client library on Debian) then
     * refuses the key.
     */
    public static String pkcs8(PrivateKey key) {
        return pem(w -> w.writeObject(new PKCS8Generator(complete(key), null)));
    }

    /** {@code -----BEGIN ENCRYPTED PRIVATE KEY-----}: PKCS#8 encrypted with PBES2 (AES-256-CBC, PBKDF2-HMAC-SHA256). */
    public static String encryptedPkcs8(PrivateKey key, char[] password) {
        try {
            OutputEncryptor enc = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                    .setPRF(PKCS8Generator.PRF_HMACSHA256)
                    .setIterationCount(10_000)
                    .setProvider(Providers.BC)
                    .setPassword(password)
                    .build();
            return pem(w -> w.writeObject(new PKCS8Generator(complete(key), enc)));
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The traditional OpenSSL form: {@code EC PRIVATE KEY} (SEC1) or {@code RSA PRIVATE KEY} (PKCS#1). */
    public static String traditional(PrivateKey key) {
        return pem(w -> w.writeObject(new MiscPEMGenerator(complete(key))));
    }

    /** The traditional form with legacy OpenSSL PEM encryption ({@code Proc-Type: 4,ENCRYPTED}, AES-256-CBC). */
    public static String encryptedTraditional(PrivateKey key, char[] password) {
        return pem(w -> w.writeObject(new MiscPEMGenerator(complete(key),
                new JcePEMEncryptorBuilder("AES-256-CBC").setProvider(Providers.BC).build(password))));
    }

    /**
     * The key's PrivateKeyInfo; for an EC key, with the named curve and the public point in the
     * inner ECPrivateKey (the point computed from the private scalar with Bouncy Castle's EC
     * arithmetic when the encoding lacks it).
     */
    static PrivateKeyInfo complete(PrivateKey key) {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
        if (!info.getPrivateKeyAlgorithm().getAlgorithm().equals(X9ObjectIdentifiers.id_ecPublicKey)
                || !(info.getPrivateKeyAlgorithm().getParameters() instanceof ASN1ObjectIdentifier curve)) {
            return info;
        }
        try {
            ECPrivateKey ec = ECPrivateKey.getInstance(info.parsePrivateKey());
            if (ec.getPublicKey() != null && ec.getParametersObject() != null) {
                return info;
            }
            X9ECParameters params = ECNamedCurveTable.getByOID(curve);
            if (params == null) {
                return info;
            }
            ECPoint q = new FixedPointCombMultiplier().multiply(params.getG(), ec.getKey()).normalize();
            ECPrivateKey full = new ECPrivateKey(params.getN().bitLength(), ec.getKey(), new DERBitString(q.getEncoded(false)), curve);
            return new PrivateKeyInfo(info.getPrivateKeyAlgorithm(), full);
        } catch (IOException e) {
            throw new IllegalStateException("cannot re-encode the EC key", e);
        }
    }

    /**
     * A PKCS#12 file holding one key entry with its chain, laid out as OpenSSL 3 does by default:
     * the key in a shrouded key bag and the certificates in an encrypted bag, both with PBES2
     * (AES-256-CBC, PBKDF2-HMAC-SHA256), and an HMAC-SHA256 integrity MAC, all with 2048
     * iterations. Built with Bouncy Castle's PKCS#12 classes.
     */
    public static byte[] pkcs12(PrivateKey key, List<X509Certificate> chain, char[] password, String alias) {
        try {
            AlgorithmIdentifier prf = new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256, DERNull.INSTANCE);
            OutputEncryptor keyEncryptor = new JcePKCSPBEOutputEncryptorBuilder(NISTObjectIdentifiers.id_aes256_CBC)
                    .setProvider(Providers.BC).setPRF(prf).setIterationCount(2048).build(password);
            OutputEncryptor certEncryptor = new JcePKCSPBEOutputEncryptorBuilder(NISTObjectIdentifiers.id_aes256_CBC)
                    .setProvider(Providers.BC).setPRF(prf).setIterationCount(2048).build(password);
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            SubjectKeyIdentifier localKeyId = utils.createSubjectKeyIdentifier(chain.get(0).getPublicKey());
            PKCS12SafeBag[] certBags = new PKCS12SafeBag[chain.size()];
            for (int i = 0; i < chain.size(); i++) {
                JcaPKCS12SafeBagBuilder certBag = new JcaPKCS12SafeBagBuilder(chain.get(i));
                if (i == 0) {
                    certBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, new DERBMPString(alias));
                    certBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, localKeyId);
                }
                certBags[i] = certBag.build();
            }
            JcaPKCS12SafeBagBuilder keyBag = new JcaPKCS12SafeBagBuilder(keyForPkcs12(key), keyEncryptor);
            keyBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, new DERBMPString(alias));
            keyBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, localKeyId);
            PKCS12PfxPduBuilder pfx = new PKCS12PfxPduBuilder();
            pfx.addEncryptedData(certEncryptor, certBags);
            pfx.addData(keyBag.build());
            return pfx.build(new JcePKCS12MacCalculatorBuilder(NISTObjectIdentifiers.id_sha256).setProvider(Providers.BC).setIterationCount(2048), password)
                    .getEncoded();
        } catch (GeneralSecurityException | IOException | OperatorCreationException | PKCSException e) {
            throw new IllegalStateException("cannot build a PKCS#12 file", e);
        }
    }

    /** The key as a JCA object whose encoding is the complete form (see {@link #pkcs8}). */
    private static PrivateKey keyForPkcs12(PrivateKey key) throws GeneralSecurityException {
        byte[] der;
        try {
            der = complete(key).getEncoded();
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        return new PrivateKey() {
            private static final long serialVersionUID = 1L;

            @Override
            public String getAlgorithm() {
                return key.getAlgorithm();
            }

            @Override
            public String getFormat() {
                return "PKCS#8";
            }

            @Override
            public byte[] getEncoded() {
                return der.clone();
            }
        };
    }

    /** Writes a public text file (certificates, or any UTF-8 text), replacing it atomically. */
    public static void writePublic(Path file, String text) throws IOException {
        write(file, text.getBytes(StandardCharsets.UTF_8), false);
    }

    /** Writes a private file (keys, PKCS#12) with mode 600, replacing it atomically. */
    public static void writePrivate(Path file, byte[] content) throws IOException {
        write(file, content, true);
    }

    /** Writes a private PEM file with mode 600. */
    public static void writePrivate(Path file, String text) throws IOException {
        write(file, text.getBytes(StandardCharsets.US_ASCII), true);
    }

    private static void write(Path file, byte[] content, boolean ownerOnly) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        boolean posix = Files.getFileStore(dir).supportsFileAttributeView("posix");
        Path tmp = dir.resolve("." + file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        if (posix && ownerOnly) {
            // Created 600 from the start, so the key is never readable by others, not even briefly.
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } else {
            try {
                Files.createFile(tmp);
            } catch (FileAlreadyExistsException e) {
                // deleted above; a racing writer is not expected
            }
        }
        Files.write(tmp, content);
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private interface PemWork {
        void write(JcaPEMWriter w) throws IOException;
    }

    private static String pem(PemWork work) {
        StringWriter sw = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
            work.write(w);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write PEM", e);
        }
        return sw.toString();
    }
}
