package dev.herald.ldap.password;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * The SHA family of schemes shared by OpenLDAP and 389 DS: {@code {SSHA}}, {@code {SSHA256}},
 * {@code {SSHA384}}, {@code {SSHA512}} store base64(digest(password + salt) + salt); the
 * unsalted {@code {SHA}}, {@code {SHA256}}, ... store base64(digest(password)). New salts are
 * 8 bytes, as both servers write them; any salt length is accepted when verifying.
 */
public final class SaltedDigestScheme implements PasswordScheme {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int SALT_LENGTH = 8;

    private final String name;
    private final String algorithm;
    private final boolean salted;
    private final int digestLength;

    public SaltedDigestScheme(String name, String algorithm, boolean salted) {
        this.name = name;
        this.algorithm = algorithm;
        this.salted = salted;
        this.digestLength = newDigest().getDigestLength();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String hash(byte[] password) {
        byte[] salt = new byte[salted ? SALT_LENGTH : 0];
        RANDOM.nextBytes(salt);
        byte[] digest = digest(password, salt);
        byte[] out = Arrays.copyOf(digest, digest.length + salt.length);
        System.arraycopy(salt, 0, out, digest.length, salt.length);
        return "{" + name + "}" + Base64.getEncoder().encodeToString(out);
    }

    @Override
    public boolean verify(byte[] password, String encoded) {
        byte[] raw;
        try {
            raw = Base64.getMimeDecoder().decode(encoded.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (salted ? raw.length <= digestLength : raw.length != digestLength) {
            return false;
        }
        byte[] stored = Arrays.copyOfRange(raw, 0, digestLength);
        byte[] salt = Arrays.copyOfRange(raw, digestLength, raw.length);
        return MessageDigest.isEqual(stored, digest(password, salt));
    }

    private byte[] digest(byte[] password, byte[] salt) {
        MessageDigest md = newDigest();
        md.update(password);
        md.update(salt);
        return md.digest();
    }

    private MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " missing from the JDK", e);
        }
    }
}
