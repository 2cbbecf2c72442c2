package dev.herald.tls.pki;

import dev.herald.tls.AlertDescription;
import java.security.InvalidAlgorithmParameterException;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.security.auth.x500.X500Principal;

/**
 * PKIX validation of a client's certificate chain to the configured trust anchors, with the
 * JDK's {@link CertPathValidator} (RFC 5280 §6: validity, signatures, basic constraints, name
 * chaining), plus the leaf checks a TLS client certificate needs: key usage digitalSignature
 * when the extension is present, extended key usage clientAuth (or anyExtendedKeyUsage) when
 * present. Revocation is not checked. Each failure is mapped to the TLS alert that names it.
 */
public final class ClientChainVerifier {
    private static final String EKU_CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String EKU_ANY = "2.5.29.37.0";
    /** Longest client path we try to build. */
    private static final int MAX_PATH = 10;

    private final List<X509Certificate> anchors;
    private final Set<TrustAnchor> trustAnchors;
    private final Clock clock;
    private final String signatureProvider;

    /** A verifier that checks ECDSA and Ed25519 certificate signatures with the engine's own code. */
    public ClientChainVerifier(List<X509Certificate> anchors, Clock clock) {
        this(anchors, clock, true);
    }

    /**
     * @param engineSignatures true: ECDSA (P-256 / P-384) and Ed25519 certificate signatures are
     *     checked by {@link CertificateSignatureProvider} (the engine's signature code); false:
     *     by whatever the JDK's providers pick (SunEC), as a plain {@code CertPathValidator} does
     */
    public ClientChainVerifier(List<X509Certificate> anchors, Clock clock, boolean engineSignatures) {
        this.anchors = List.copyOf(anchors);
        Set<TrustAnchor> ta = new LinkedHashSet<>();
        for (X509Certificate c : anchors) {
            ta.add(new TrustAnchor(c, null));
        }
        this.trustAnchors = ta;
        this.clock = clock;
        this.signatureProvider = engineSignatures ? CertificateSignatureProvider.install() : null;
    }

    /**
     * The DER encodings of the anchors' subject names, without duplicates, for
     * CertificateRequest (RFC 8446 §4.2.4, RFC 5246 §7.4.4).
     */
    public List<byte[]> caNames() {
        List<byte[]> out = new ArrayList<>();
        for (X509Certificate c : anchors) {
            byte[] dn = c.getSubjectX500Principal().getEncoded();
            if (out.stream().noneMatch(d -> Arrays.equals(d, dn))) {
                out.add(dn);
            }
        }
        return out;
    }

    /** Parses DER certificates; a certificate that does not parse is bad_certificate. */
    public static List<X509Certificate> parse(List<byte[]> ders) throws CertificateException {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        List<X509Certificate> out = new ArrayList<>(ders.size());
        for (byte[] der : ders) {
            var c = cf.generateCertificate(new java.io.ByteArrayInputStream(der));
            if (!(c instanceof X509Certificate x)) {
                throw new CertificateParsingException("not an X.509 certificate");
            }
            // The factory may accept trailing data; insist on one exact DER encoding.
            if (!Arrays.equals(x.getEncoded(), der)) {
                throw new CertificateParsingException("certificate encoding is not exact DER");
            }
            out.add(x);
        }
        return out;
    }

    /** Validates {@code chain} (leaf first, as the client sent it). */
    public ChainVerdict verify(List<X509Certificate> chain) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("empty chain");
        }
        if (trustAnchors.isEmpty()) {
            return new ChainVerdict.Invalid(AlertDescription.UNKNOWN_CA, "no trust anchors configured");
        }
        List<X509Certificate> path = orderPath(chain);
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            CertPath certPath = cf.generateCertPath(path);
            PKIXParameters params = new PKIXParameters(trustAnchors);
            params.setRevocationEnabled(false);
            params.setDate(Date.from(clock.instant()));
            if (signatureProvider != null && engineCanVerify(path)) {
                params.setSigProvider(signatureProvider);
            }
            CertPathValidator validator = CertPathValidator.getInstance("PKIX");
            PKIXCertPathValidatorResult result = (PKIXCertPathValidatorResult) validator.validate(certPath, params);
            X509Certificate anchorCert = result.getTrustAnchor().getTrustedCert();
            String leafProblem = leafPurposeProblem(path.get(0));
            if (leafProblem != null) {
                return new ChainVerdict.Invalid(AlertDescription.UNSUPPORTED_CERTIFICATE, leafProblem);
            }
            List<X509Certificate> verified = new ArrayList<>(path);
            if (!verified.get(verified.size() - 1).equals(anchorCert)) {
                verified.add(anchorCert);
            }
            return new ChainVerdict.Valid(verified);
        } catch (CertPathValidatorException e) {
            return new ChainVerdict.Invalid(alertFor(e), describe(e));
        } catch (CertificateException | InvalidAlgorithmParameterException | NoSuchAlgorithmException e) {
            return new ChainVerdict.Invalid(AlertDescription.BAD_CERTIFICATE, "chain not usable: " + e.getMessage());
        }
    }

    /**
     * True when every signature in the path uses an algorithm {@link CertificateSignatureProvider}
     * offers (it hands keys it does not handle back to the JDK; other algorithms it does not
     * offer at all, so those paths use the JDK's providers throughout).
     */
    private static boolean engineCanVerify(List<X509Certificate> path) {
        for (X509Certificate c : path) {
            if (!CertificateSignatureProvider.ALGORITHMS.contains(c.getSigAlgName())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Builds the path from the leaf through the certificates the client sent, following issuer
     * names, and stops at the first certificate issued by a trust anchor. Certificates that are
     * not on that path (including a copy of the root) are left out, as RFC 8446 §4.4.2 lets
     * clients send extra or out-of-order certificates.
     */
    private List<X509Certificate> orderPath(List<X509Certificate> chain) {
        List<X509Certificate> path = new ArrayList<>();
        List<X509Certificate> pool = new ArrayList<>(chain.subList(1, chain.size()));
        X509Certificate cur = chain.get(0);
        path.add(cur);
        while (path.size() < MAX_PATH && !issuedByAnchor(cur) && !isSelfIssued(cur)) {
            X500Principal issuer = cur.getIssuerX500Principal();
            X509Certificate next = null;
            for (X509Certificate c : pool) {
                if (c.getSubjectX500Principal().equals(issuer) && !path.contains(c)) {
                    next = c;
                    break;
                }
            }
            if (next == null) {
                break;
            }
            pool.remove(next);
            path.add(next);
            cur = next;
        }
        return path;
    }

    private boolean issuedByAnchor(X509Certificate c) {
        X500Principal issuer = c.getIssuerX500Principal();
        for (X509Certificate a : anchors) {
            if (a.getSubjectX500Principal().equals(issuer)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSelfIssued(X509Certificate c) {
        return c.getSubjectX500Principal().equals(c.getIssuerX500Principal());
    }

    /** The leaf must be usable for a TLS client signature (RFC 5280 §4.2.1.3, §4.2.1.12). */
    private static String leafPurposeProblem(X509Certificate leaf) {
        boolean[] ku = leaf.getKeyUsage();
        if (ku != null && (ku.length == 0 || !ku[0])) {
            return "client certificate key usage lacks digitalSignature";
        }
        try {
            List<String> eku = leaf.getExtendedKeyUsage();
            if (eku != null && !eku.contains(EKU_CLIENT_AUTH) && !eku.contains(EKU_ANY)) {
                return "client certificate extended key usage lacks clientAuth";
            }
        } catch (CertificateParsingException e) {
            return "unreadable extended key usage";
        }
        return null;
    }

    private static AlertDescription alertFor(CertPathValidatorException e) {
        var reason = e.getReason();
        if (reason == BasicReason.EXPIRED || reason == BasicReason.NOT_YET_VALID) {
            return AlertDescription.CERTIFICATE_EXPIRED;
        }
        if (reason == BasicReason.REVOKED) {
            return AlertDescription.CERTIFICATE_REVOKED;
        }
        if (reason == PKIXReason.NO_TRUST_ANCHOR) {
            return AlertDescription.UNKNOWN_CA;
        }
        if (reason == BasicReason.ALGORITHM_CONSTRAINED || reason == PKIXReason.UNRECOGNIZED_CRIT_EXT) {
            return AlertDescription.UNSUPPORTED_CERTIFICATE;
        }
        return AlertDescription.BAD_CERTIFICATE;
    }

    private static String describe(CertPathValidatorException e) {
        String where = e.getIndex() >= 0 ? " (certificate " + e.getIndex() + " of the path)" : "";
        var reason = e.getReason();
        String what;
        if (reason == BasicReason.EXPIRED) {
            what = "certificate expired";
        } else if (reason == BasicReason.NOT_YET_VALID) {
            what = "certificate not yet valid";
        } else if (reason == PKIXReason.NO_TRUST_ANCHOR) {
            what = "chain does not lead to a trusted CA";
        } else if (reason == BasicReason.INVALID_SIGNATURE) {
            what = "certificate signature does not verify";
        } else {
            what = String.valueOf(e.getMessage());
        }
        return what + where;
    }
}
