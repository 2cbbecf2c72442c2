package dev.herald.ldap.password;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * 389 Directory Server's {@code {PBKDF2_SHA256}} scheme (its NSS-based password storage
 * plugin): base64 of a 4-byte big-endian iteration count, a 64-byte salt and a 256-byte
 * PBKDF2-HMAC-SHA256 derived key, 324 bytes in all. Accepted so that 389 DS users can bring
 * their hashes along; Herald writes it only when asked to.
 */
public final class Ds389Pbkdf2Scheme implements PasswordScheme {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int SALT_LENGTH = 64;
    private static final int KEY_LENGTH = 256;
    private static final int TOTAL = 4 + SALT_LENGTH + KEY_LENGTH;

    private final int iterations;

    public Ds389Pbkdf2Scheme(int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be at least 1");
        }
        this.iterations = iterations;
    }

    @Override
    public String name() {
        return "PBKDF2_SHA256";
    }

    @Override
    public String hash(byte[] password) {
        byte[] salt = new byte[SALT_LENGTH];
        RANDOM.nextBytes(salt);
        byte[] dk = Pbkdf2.derive("HmacSHA256", password, salt, iterations, KEY_LENGTH);
        ByteBuffer out = ByteBuffer.allocate(TOTAL).putInt(iterations).put(salt).put(dk);
        return "{" + name() + "}" + Base64.getEncoder().encodeToString(out.array());
    }

    @Override
    public boolean verify(byte[] password, String encoded) {
        byte[] raw;
        try {
            raw = Base64.getMimeDecoder().decode(encoded.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (raw.length != TOTAL) {
            return false;
        }
        int rounds = ByteBuffer.wrap(raw, 0, 4).getInt();
        if (rounds < 1 || rounds > OpenLdapPbkdf2Scheme.MAX_ITERATIONS) {
            return false;
        }
        byte[] salt = Arrays.copyOfRange(raw, 4, 4 + SALT_LENGTH);
        byte[] stored = Arrays.copyOfRange(raw, 4 + SALT_LENGTH, TOTAL);
        return MessageDigest.isEqual(stored, Pbkdf2.derive("HmacSHA256", password, salt, rounds, KEY_LENGTH));
    }
}
