package dev.herald.config.pki;

import java.security.PrivateKey;
import java.util.Objects;

/**
 * A private key read from a file, with the format it was in (for logs: {@code PKCS#8},
 * {@code encrypted PKCS#8}, {@code SEC1 EC}, {@code PKCS#1 RSA}, {@code encrypted PEM}) and
 * whether it was encrypted. The key is a JDK key object (JCA KeyFactory).
 */
public record LoadedPrivateKey(PrivateKey privateKey, String format, boolean encrypted) {

    public LoadedPrivateKey {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(format, "format");
    }

    @Override
    public String toString() {
        return "LoadedPrivateKey[" + KeyTypes.describe(privateKey) + ", " + format + "]";
    }
}
