package dev.herald.ldap.password;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a presented password against stored userPassword values and hashes new ones.
 * A stored value starting with {@code {NAME}} is checked with that scheme (names compared
 * case-insensitively, as OpenLDAP does); an unknown scheme never matches; a value without a
 * prefix is clear text, compared in constant time.
 */
public final class PasswordSchemes {

    /** The scheme {@code hash-password} and the demo use by default. */
    public static final String DEFAULT_SCHEME = "PBKDF2-SHA256";

    private static final Map<String, PasswordScheme> SCHEMES = new LinkedHashMap<>();

    static {
        int it = OpenLdapPbkdf2Scheme.DEFAULT_ITERATIONS;
        register(new OpenLdapPbkdf2Scheme("PBKDF2-SHA256", "HmacSHA256", 32, it));
        register(new OpenLdapPbkdf2Scheme("PBKDF2-SHA512", "HmacSHA512", 64, it));
        register(new OpenLdapPbkdf2Scheme("PBKDF2-SHA1", "HmacSHA1", 20, it));
        register(new OpenLdapPbkdf2Scheme("PBKDF2", "HmacSHA1", 20, it));
        register(new Ds389Pbkdf2Scheme(it));
        register(new SaltedDigestScheme("SSHA", "SHA-1", true));
        register(new SaltedDigestScheme("SSHA256", "SHA-256", true));
        register(new SaltedDigestScheme("SSHA384", "SHA-384", true));
        register(new SaltedDigestScheme("SSHA512", "SHA-512", true));
        register(new SaltedDigestScheme("SHA", "SHA-1", false));
        register(new SaltedDigestScheme("SHA256", "SHA-256", false));
        register(new SaltedDigestScheme("SHA384", "SHA-384", false));
        register(new SaltedDigestScheme("SHA512", "SHA-512", false));
    }

    // Verifying against this keeps a bind for an unknown DN about as slow as one for a known DN.
    private static final String DUMMY_STORED =
            new OpenLdapPbkdf2Scheme("PBKDF2-SHA256", "HmacSHA256", 32, OpenLdapPbkdf2Scheme.DEFAULT_ITERATIONS)
                    .hash("herald-dummy".getBytes(StandardCharsets.UTF_8));

    private PasswordSchemes() {}

    private static void register(PasswordScheme scheme) {
        SCHEMES.put(scheme.name().toUpperCase(Locale.ROOT), scheme);
    }

    /** The names of the schemes Herald reads and writes. */
    public static Set<String> names() {
        return SCHEMES.keySet();
    }

    /** The scheme with this name (case-insensitive), if Herald knows it. */
    public static Optional<PasswordScheme> scheme(String name) {
        return Optional.ofNullable(SCHEMES.get(name.toUpperCase(Locale.ROOT)));
    }

    /** Whether {@code presented} matches the stored userPassword value {@code stored}. */
    public static boolean verify(byte[] presented, byte[] stored) {
        String text = new String(stored, StandardCharsets.UTF_8);
        if (text.startsWith("{")) {
            int close = text.indexOf('}');
            if (close > 1) {
                PasswordScheme scheme = SCHEMES.get(text.substring(1, close).toUpperCase(Locale.ROOT));
                return scheme != null && scheme.verify(presented, text.substring(close + 1));
            }
        }
        return MessageDigest.isEqual(presented, stored);
    }

    /** Spends about the time of one real check, for binds whose DN does not exist. */
    public static void verifyDummy(byte[] presented) {
        verify(presented, DUMMY_STORED.getBytes(StandardCharsets.UTF_8));
    }

    /** Hashes {@code password} with the named scheme; {@code iterations} applies to PBKDF2 schemes. */
    public static String hash(String schemeName, byte[] password, int iterations) {
        PasswordScheme scheme = scheme(schemeName)
                .orElseThrow(() -> new IllegalArgumentException("unknown password scheme " + schemeName
                        + "; known: " + String.join(", ", names())));
        if (scheme instanceof OpenLdapPbkdf2Scheme pbkdf2) {
            scheme = pbkdf2.withIterations(iterations);
        } else if (scheme instanceof Ds389Pbkdf2Scheme) {
            scheme = new Ds389Pbkdf2Scheme(iterations);
        }
        return scheme.hash(password);
    }
}
