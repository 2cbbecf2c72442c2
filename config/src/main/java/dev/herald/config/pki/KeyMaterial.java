package dev.herald.config.pki;

import dev.herald.config.pki.PkiException.Reason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.X509TrustedCertificateBlock;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS12PfxPdu;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcePKCS12MacCalculatorBuilderProvider;

/**
 * Reads certificates and private keys with Bouncy Castle's PKIX classes and turns them into
 * JDK objects ({@link X509Certificate}, {@link PrivateKey} from the JDK's KeyFactory), which is
 * what the TLS engine takes. Formats: PEM certificate chains (also OpenSSL "TRUSTED
 * CERTIFICATE"), PKCS#8, encrypted PKCS#8 (PBES2 and PKCS#12 PBE), SEC1 EC, PKCS#1 RSA and
 * legacy OpenSSL-encrypted PEM keys, Ed25519 PKCS#8, and PKCS#12 files. Every failure is a
 * {@link PkiException} that says what the file holds instead and how to fix it.
 */
public final class KeyMaterial {

    private KeyMaterial() {}

    /** All certificates in a PEM file, in file order (for a chain: leaf first). */
    public static List<X509Certificate> readCertificates(Path file) throws PkiException {
        byte[] bytes = readFile(file);
        List<Object> objects = pemObjects(file, bytes, "certificate");
        List<X509Certificate> certs = new ArrayList<>();
        for (Object o : objects) {
            X509CertificateHolder holder = null;
            if (o instanceof X509CertificateHolder h) {
                holder = h;
            } else if (o instanceof X509TrustedCertificateBlock t) {
                holder = t.getCertificateHolder();
            }
            if (holder != null) {
                try {
                    certs.add(toJdk(holder.getEncoded()));
                } catch (IOException | CertificateException e) {
                    throw new PkiException(Reason.MALFORMED, file + ": certificate " + (certs.size() + 1)
                            + " cannot be decoded: " + e.getMessage(), "replace the file with a valid PEM certificate");
                }
            }
        }
        if (certs.isEmpty()) {
            throw new PkiException(Reason.WRONG_CONTENT, file + " holds no certificate (it holds " + describe(objects) + ")",
                    "point this key at a PEM file with -----BEGIN CERTIFICATE----- blocks");
        }
        return List.copyOf(certs);
    }

    /**
     * The one private key in a PEM file, decrypted with {@code password} when it is
     * encrypted. Certificates and EC parameter blocks in the same file are ignored.
     *
     * @param password null when no password is configured
     */
    public static LoadedPrivateKey readPrivateKey(Path file, char[] password) throws PkiException {
        byte[] bytes = readFile(file);
        List<Object> objects = pemObjects(file, bytes, "key");
        List<Object> keys = new ArrayList<>();
        for (Object o : objects) {
            if (o instanceof PrivateKeyInfo || o instanceof PKCS8EncryptedPrivateKeyInfo
                    || o instanceof PEMKeyPair || o instanceof PEMEncryptedKeyPair) {
                keys.add(o);
            }
        }
        if (keys.isEmpty()) {
            throw new PkiException(Reason.WRONG_CONTENT, file + " holds no private key (it holds " + describe(objects) + ")",
                    "point this key at the PEM private key file (-----BEGIN PRIVATE KEY----- or similar)");
        }
        if (keys.size() > 1) {
            throw new PkiException(Reason.WRONG_CONTENT, file + " holds " + keys.size() + " private keys",
                    "keep exactly one private key in the file");
        }
        Object k = keys.get(0);
        try {
            if (k instanceof PrivateKeyInfo info) {
                return new LoadedPrivateKey(toJdk(file, info), "PKCS#8", false);
            }
            if (k instanceof PEMKeyPair pair) {
                String format = pair.getPrivateKeyInfo().getPrivateKeyAlgorithm().getAlgorithm()
                        .equals(X9ObjectIdentifiers.id_ecPublicKey) ? "SEC1 EC" : "PKCS#1 RSA";
                return new LoadedPrivateKey(toJdk(file, pair.getPrivateKeyInfo()), format, false);
            }
            if (password == null) {
                throw new PkiException(Reason.PASSWORD_REQUIRED, "the private key in " + file + " is encrypted and no password is configured",
                        "add key-password: { env: NAME } (or { file: PATH }) with the key's password, or store the key unencrypted with mode 600");
            }
            if (k instanceof PKCS8EncryptedPrivateKeyInfo enc) {
                InputDecryptorProvider decryptor = new JceOpenSSLPKCS8DecryptorProviderBuilder()
                        .setProvider(Providers.BC).build(password);
                PrivateKeyInfo info;
                try {
                    info = enc.decryptPrivateKeyInfo(decryptor);
                } catch (PKCSException | RuntimeException e) {
                    throw decryptFailure(file, e);
                }
                return new LoadedPrivateKey(toJdk(file, info), "encrypted PKCS#8", true);
            }
            PEMEncryptedKeyPair enc = (PEMEncryptedKeyPair) k;
            PEMKeyPair pair;
            try {
                pair = enc.decryptKeyPair(new JcePEMDecryptorProviderBuilder().setProvider(Providers.BC).build(password));
            } catch (IOException | RuntimeException e) {
                throw decryptFailure(file, e);
            }
            return new LoadedPrivateKey(toJdk(file, pair.getPrivateKeyInfo()), "encrypted PEM (" + enc.getDekAlgName() + ")", true);
        } catch (org.bouncycastle.operator.OperatorCreationException e) {
            throw new PkiException(Reason.UNSUPPORTED, "cannot set up decryption for the key in " + file + ": " + e.getMessage(),
                    "re-encrypt the key with AES-256 and PBKDF2: openssl pkcs8 -topk8 -v2 aes-256-cbc -in KEY -out KEY.new");
        }
    }

    /**
     * The key entry of a PKCS#12 file and its certificate chain. The MAC is checked with
     * {@code password} first, so a wrong password is reported as such.
     *
     * @param keyPassword the key entry's password when it differs from the file's, else null
     * @param alias the entry to take when the file holds several keys, else null
     */
    public static Pkcs12Contents readPkcs12(Path file, char[] password, char[] keyPassword, String alias) throws PkiException {
        byte[] bytes = readFile(file);
        PKCS12PfxPdu pfx;
        try {
            pfx = new PKCS12PfxPdu(bytes);
        } catch (IOException | RuntimeException e) {
            String text = new String(bytes, StandardCharsets.US_ASCII);
            String fix = text.contains("-----BEGIN")
                    ? "this is a PEM file; configure it with certificate: and key: instead of pkcs12:"
                    : "point pkcs12 at a PKCS#12 (.p12 / .pfx) file";
            throw new PkiException(Reason.WRONG_CONTENT, file + " is not a PKCS#12 file", fix);
        }
        char[] pw = password == null ? new char[0] : password;
        if (pfx.hasMac()) {
            boolean valid;
            try {
                valid = pfx.isMacValid(new JcePKCS12MacCalculatorBuilderProvider().setProvider(Providers.BC), pw);
            } catch (PKCSException | RuntimeException e) {
                throw new PkiException(Reason.UNSUPPORTED, "cannot check the integrity of " + file + ": " + e.getMessage(),
                        "re-export the file: openssl pkcs12 -export -in CERT -inkey KEY -out FILE.p12");
            }
            if (!valid) {
                if (password == null) {
                    throw new PkiException(Reason.PASSWORD_REQUIRED, file + " is protected by a password and none is configured",
                            "add password: { env: NAME } (or { file: PATH }) with the PKCS#12 password");
                }
                throw new PkiException(Reason.WRONG_PASSWORD, "the password does not open " + file
                        + " (the file's integrity check fails with it)", "check the password; it is the one given to openssl pkcs12 -export");
            }
        }
        KeyStore store;
        try {
            store = KeyStore.getInstance("PKCS12", Providers.BC);
            store.load(new ByteArrayInputStream(bytes), pw);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            if (hasCause(e, NoSuchAlgorithmException.class)) {
                throw new PkiException(Reason.UNSUPPORTED, file + " uses an unsupported encryption: " + rootMessage(e),
                        "re-export it with modern algorithms: openssl pkcs12 -export (OpenSSL 3 defaults: AES-256, PBKDF2)", e);
            }
            throw new PkiException(password == null ? Reason.PASSWORD_REQUIRED : Reason.WRONG_PASSWORD,
                    "cannot open " + file + ": " + rootMessage(e),
                    password == null ? "add password: { env: NAME } with the PKCS#12 password" : "check the password", e);
        }
        try {
            List<String> keyAliases = new ArrayList<>();
            for (String a : Collections.list(store.aliases())) {
                if (store.isKeyEntry(a)) {
                    keyAliases.add(a);
                }
            }
            if (keyAliases.isEmpty()) {
                throw new PkiException(Reason.WRONG_CONTENT, file + " holds no private key (perhaps it is a trust store)",
                        "export the server's key and certificate together: openssl pkcs12 -export -in CERT -inkey KEY -out FILE.p12");
            }
            String chosen;
            if (alias != null) {
                chosen = keyAliases.stream().filter(a -> a.equalsIgnoreCase(alias)).findFirst().orElseThrow(() -> new PkiException(
                        Reason.WRONG_CONTENT, file + " has no key entry named '" + alias + "'", "use one of the aliases " + keyAliases));
            } else if (keyAliases.size() > 1) {
                throw new PkiException(Reason.WRONG_CONTENT, file + " holds " + keyAliases.size() + " private keys " + keyAliases,
                        "name the one to use with alias: NAME");
            } else {
                chosen = keyAliases.get(0);
            }
            Key key;
            try {
                key = store.getKey(chosen, keyPassword != null ? keyPassword : pw);
            } catch (UnrecoverableKeyException e) {
                throw new PkiException(Reason.WRONG_PASSWORD, "the key entry '" + chosen + "' in " + file + " cannot be decrypted with the "
                        + (keyPassword != null ? "key-password" : "password"), "check the key password", e);
            }
            if (!(key instanceof PrivateKey pk)) {
                throw new PkiException(Reason.WRONG_CONTENT, "the entry '" + chosen + "' in " + file + " is not a private key",
                        "export the server's private key into the file");
            }
            Certificate[] chain = store.getCertificateChain(chosen);
            if (chain == null || chain.length == 0) {
                throw new PkiException(Reason.WRONG_CONTENT, "the key '" + chosen + "' in " + file + " has no certificate",
                        "export the key together with its certificate: openssl pkcs12 -export -in CERT -inkey KEY");
            }
            List<X509Certificate> certs = new ArrayList<>();
            for (Certificate c : chain) {
                certs.add(toJdk(c.getEncoded()));
            }
            return new Pkcs12Contents(chosen, toJdk(file, PrivateKeyInfo.getInstance(pk.getEncoded())), certs);
        } catch (GeneralSecurityException e) {
            throw new PkiException(Reason.MALFORMED, "cannot read " + file + ": " + rootMessage(e), "re-export the PKCS#12 file", e);
        }
    }

    /**
     * Checks that {@code key} is the private half of the key in {@code certificate}: same
     * algorithm and curve, and a test signature made with the key verifies with the
     * certificate's public key.
     */
    public static void checkKeyMatchesCertificate(PrivateKey key, X509Certificate certificate) throws PkiException {
        PublicKey pub = certificate.getPublicKey();
        String keyType = KeyTypes.describe(key);
        String certType = KeyTypes.describe(pub);
        String fix = "use the key that was generated with this certificate's request, or the certificate issued for this key";
        if (KeyTypes.family(key) != KeyTypes.family(pub) || !keyType.equals(certType)) {
            throw new PkiException(Reason.MISMATCH, "the private key (" + keyType + ") does not match the certificate "
                    + certificate.getSubjectX500Principal().getName() + ", whose public key is " + certType, fix);
        }
        String alg = switch (KeyTypes.family(key)) {
            case EC -> "SHA256withECDSA";
            case RSA -> "SHA256withRSA";
            case ED25519 -> "Ed25519";
            case OTHER -> null;
        };
        if (alg == null) {
            throw new PkiException(Reason.UNSUPPORTED, "the key type " + keyType + " is not supported",
                    "use ECDSA (P-256, P-384), RSA (2048 bits or more) or Ed25519");
        }
        byte[] probe = "herald key check".getBytes(StandardCharsets.US_ASCII);
        boolean ok;
        try {
            Signature s = Signature.getInstance(alg);
            s.initSign(key);
            s.update(probe);
            byte[] sig = s.sign();
            Signature v = Signature.getInstance(alg);
            v.initVerify(pub);
            v.update(probe);
            ok = v.verify(sig);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new PkiException(Reason.MALFORMED, "cannot sign with the private key (" + keyType + "): " + rootMessage(e),
                    "check that the key file is not damaged", e);
        }
        if (!ok) {
            throw new PkiException(Reason.MISMATCH, "the private key does not match the certificate "
                    + certificate.getSubjectX500Principal().getName() + " (both are " + keyType + ", but they are different keys)", fix);
        }
    }

    /**
     * Checks that each certificate of a chain is issued (name and signature) by the next one,
     * as a TLS server must send it (RFC 8446 §4.4.2, RFC 5246 §7.4.2).
     */
    public static void checkChainOrder(List<X509Certificate> chain) throws PkiException {
        for (int i = 0; i + 1 < chain.size(); i++) {
            X509Certificate child = chain.get(i);
            X509Certificate parent = chain.get(i + 1);
            boolean signed = child.getIssuerX500Principal().equals(parent.getSubjectX500Principal()) && verifies(child, parent);
            if (!signed) {
                String fix = chain.size() > 1 && isCa(chain.get(0)) && !isCa(chain.get(chain.size() - 1))
                        ? "the file seems to list the CA first; put the server certificate first, then each issuing CA in turn"
                        : "list the server certificate first, then the CA that issued it, then that CA's issuer, and so on";
                throw new PkiException(Reason.MISMATCH, "the chain is out of order: certificate " + (i + 2) + " ("
                        + parent.getSubjectX500Principal().getName() + ") did not issue certificate " + (i + 1) + " ("
                        + child.getSubjectX500Principal().getName() + ")", fix);
            }
        }
    }

    /** Whether {@code child}'s signature verifies with {@code parent}'s public key. */
    public static boolean verifies(X509Certificate child, X509Certificate parent) {
        try {
            child.verify(parent.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** Whether the certificate says it is a CA (basicConstraints cA). */
    public static boolean isCa(X509Certificate c) {
        return c.getBasicConstraints() >= 0;
    }

    private static PkiException decryptFailure(Path file, Exception e) {
        if (hasCause(e, NoSuchAlgorithmException.class)) {
            return new PkiException(Reason.UNSUPPORTED, "the key in " + file + " is encrypted with an unsupported algorithm: " + rootMessage(e),
                    "re-encrypt it: openssl pkcs8 -topk8 -v2 aes-256-cbc -in KEY -out KEY.new", e);
        }
        return new PkiException(Reason.WRONG_PASSWORD, "the password does not decrypt the private key in " + file,
                "check the key password (and that the secret has no stray spaces or quotes)", e);
    }

    private static byte[] readFile(Path file) throws PkiException {
        if (Files.isDirectory(file)) {
            throw new PkiException(Reason.UNREADABLE, file + " is a folder, not a file", "point this key at a file");
        }
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new PkiException(Reason.NOT_FOUND, "the file " + file + " does not exist",
                    "check the path (relative paths resolve against the configuration file's folder)");
        } catch (AccessDeniedException e) {
            throw new PkiException(Reason.UNREADABLE, "the file " + file + " cannot be read (permission denied)",
                    "let the user running Herald read it (for a key: owner-readable, mode 600)");
        } catch (IOException e) {
            throw new PkiException(Reason.UNREADABLE, "the file " + file + " cannot be read: " + e.getMessage(), "check the file");
        }
    }

    private static List<Object> pemObjects(Path file, byte[] bytes, String wanted) throws PkiException {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        if (!text.contains("-----BEGIN ")) {
            if (bytes.length > 0 && (bytes[0] & 0xff) == 0x30) {
                if (isPkcs12(bytes)) {
                    throw new PkiException(Reason.WRONG_CONTENT, file + " is a PKCS#12 file, not PEM",
                            "configure it as pkcs12: " + file.getFileName() + " (with password:) instead of certificate: / key:");
                }
                String convert = wanted.equals("key") ? "openssl pkey -inform DER -in " + file.getFileName() + " -out KEY.pem"
                        : "openssl x509 -inform DER -in " + file.getFileName() + " -out CERT.pem";
                throw new PkiException(Reason.WRONG_CONTENT, file + " is in binary DER form; PEM is expected", "convert it: " + convert);
            }
            throw new PkiException(Reason.WRONG_CONTENT, file + " contains no PEM block (no -----BEGIN line)",
                    "point this key at a PEM file");
        }
        List<Object> out = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            Object o;
            while ((o = parser.readObject()) != null) {
                out.add(o);
            }
        } catch (IOException | RuntimeException e) {
            throw new PkiException(Reason.MALFORMED, file + " is not valid PEM: " + rootMessage(e),
                    "check the file was copied whole (BEGIN and END lines, base64 body, no extra characters)", e);
        }
        return out;
    }

    private static boolean isPkcs12(byte[] bytes) {
        try {
            new PKCS12PfxPdu(bytes);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static String describe(List<Object> objects) {
        if (objects.isEmpty()) {
            return "no PEM objects";
        }
        List<String> kinds = new ArrayList<>();
        for (Object o : objects) {
            String kind;
            if (o instanceof X509CertificateHolder || o instanceof X509TrustedCertificateBlock) {
                kind = "a certificate";
            } else if (o instanceof PrivateKeyInfo || o instanceof PEMKeyPair) {
                kind = "a private key";
            } else if (o instanceof PKCS8EncryptedPrivateKeyInfo || o instanceof PEMEncryptedKeyPair) {
                kind = "an encrypted private key";
            } else if (o instanceof SubjectPublicKeyInfo) {
                kind = "a public key";
            } else if (o instanceof PKCS10CertificationRequest) {
                kind = "a certificate request";
            } else if (o instanceof X509CRLHolder) {
                kind = "a CRL";
            } else if (o instanceof X9ECParameters || o instanceof org.bouncycastle.asn1.ASN1ObjectIdentifier) {
                kind = "EC parameters";
            } else {
                kind = "a " + o.getClass().getSimpleName();
            }
            if (!kinds.contains(kind)) {
                kinds.add(kind);
            }
        }
        return String.join(" and ", kinds);
    }

    private static X509Certificate toJdk(byte[] der) throws CertificateException {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }

    /** A JDK key object from a PrivateKeyInfo, via Bouncy Castle's converter mapped to JDK algorithm names. */
    static PrivateKey toJdk(Path file, PrivateKeyInfo info) throws PkiException {
        try {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter()
                    .setAlgorithmMapping(X9ObjectIdentifiers.id_ecPublicKey, "EC")
                    .setAlgorithmMapping(PKCSObjectIdentifiers.rsaEncryption, "RSA")
                    .setAlgorithmMapping(EdECObjectIdentifiers.id_Ed25519, "Ed25519");
            return converter.getPrivateKey(info);
        } catch (IOException | RuntimeException e) {
            throw new PkiException(Reason.UNSUPPORTED, "the private key in " + file + " cannot be used: " + rootMessage(e),
                    "use an ECDSA (P-256, P-384), RSA or Ed25519 key", e);
        }
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m;
    }
}
