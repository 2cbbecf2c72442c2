package dev.herald.config.pki;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The one Bouncy Castle provider instance this module passes explicitly to the PKIX classes
 * (for PBE decryption, PKCS#12). It is never registered globally, so the JVM's provider list
 * and everything the TLS engine picks stay as they are.
 */
final class Providers {

    static final Provider BC = new BouncyCastleProvider();

    private Providers() {}
}
