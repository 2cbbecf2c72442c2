package dev.herald.sasl.cert;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Builds a leaf-first chain from a leaf and a set of CA certificates, for tools that explain a
 * mapping offline (the CLI's "which entry does this certificate map to"). Each step takes the CA
 * whose subject is the current certificate's issuer and whose key verifies its signature, so
 * same-named CAs are told apart; it stops at a self-signed certificate or when no CA fits.
 * Validity dates, key usage and revocation are not checked: the result is not a verified chain
 * and must never be handed to a mechanism as one.
 */
public final class ChainAssembler {
    /** Bound on the chain length. */
    static final int MAX_DEPTH = 10;

    private ChainAssembler() {
    }

    /** The leaf followed by the CAs that issued it, as far as {@code cas} allow. */
    public static List<X509Certificate> assemble(X509Certificate leaf, Collection<X509Certificate> cas) {
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(leaf);
        X509Certificate current = leaf;
        while (chain.size() < MAX_DEPTH && !signedBy(current, current)) {
            X509Certificate parent = null;
            for (X509Certificate ca : cas) {
                if (!chain.contains(ca) && ca.getSubjectX500Principal().equals(current.getIssuerX500Principal())
                        && signedBy(current, ca)) {
                    parent = ca;
                    break;
                }
            }
            if (parent == null) {
                break;
            }
            chain.add(parent);
            current = parent;
        }
        return chain;
    }

    private static boolean signedBy(X509Certificate child, X509Certificate parent) {
        if (!child.getIssuerX500Principal().equals(parent.getSubjectX500Principal())) {
            return false;
        }
        try {
            child.verify(parent.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
