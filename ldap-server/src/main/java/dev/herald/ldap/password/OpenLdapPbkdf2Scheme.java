package dev.herald.ldap.password;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * PBKDF2 as OpenLDAP's {@code pw-pbkdf2} module (and Python passlib's {@code ldap_pbkdf2_*})
 * writes it: {@code {PBKDF2-SHA256}<iterations>$<salt>$<derived key>}, salt and key in
 * "adapted base64" ('.' instead of '+', no padding). {@code {PBKDF2}} and
 * {@code {PBKDF2-SHA1}} use HMAC-SHA1, the others the named SHA-2 function; the derived key is
 * as long as the hash output and the salt 16 bytes.
 */
public final class OpenLdapPbkdf2Scheme implements PasswordScheme {

    /** The cost new hashes get unless told otherwise. */
    public static final int DEFAULT_ITERATIONS = 100_000;
    /** Stored values claiming more iterations than this are refused rather than computed. */
    static final int MAX_ITERATIONS = 10_000_000;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int SALT_LENGTH = 16;

    private final String name;
    private final String hmac;
    private final int keyLength;
    private final int iterations;

    public OpenLdapPbkdf2Scheme(String name, String hmac, int keyLength, int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be at least 1");
        }
        this.name = name;
        this.hmac = hmac;
        this.keyLength = keyLength;
        this.iterations = iterations;
    }

    /** The same scheme, hashing new values with another iteration count. */
    public OpenLdapPbkdf2Scheme withIterations(int newIterations) {
        return new OpenLdapPbkdf2Scheme(name, hmac, keyLength, newIterations);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String hash(byte[] password) {
        byte[] salt = new byte[SALT_LENGTH];
        RANDOM.nextBytes(salt);
        byte[] dk = Pbkdf2.derive(hmac, password, salt, iterations, keyLength);
        return "{" + name + "}" + iterations + "$" + toAdapted(salt) + "$" + toAdapted(dk);
    }

    @Override
    public boolean verify(byte[] password, String encoded) {
        String[] parts = encoded.trim().split("\\$", -1);
        if (parts.length != 3) {
            return false;
        }
        int rounds;
        try {
            rounds = Integer.parseInt(parts[0]);
        } catch (NumberFormatException e) {
            return false;
        }
        byte[] salt = fromAdapted(parts[1]);
        byte[] stored = fromAdapted(parts[2]);
        if (rounds < 1 || rounds > MAX_ITERATIONS || salt == null || stored == null || stored.length != keyLength) {
            return false;
        }
        return MessageDigest.isEqual(stored, Pbkdf2.derive(hmac, password, salt, rounds, keyLength));
    }

    static String toAdapted(byte[] bytes) {
        return Base64.getEncoder().withoutPadding().encodeToString(bytes).replace('+', '.');
    }

    static byte[] fromAdapted(String text) {
        try {
            return Base64.getDecoder().decode(text.replace('.', '+').getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
