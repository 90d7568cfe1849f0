package org.openauthz.loginconsent.identity;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * A PBKDF2-HMAC-SHA256 password hash in the form {@code $pbkdf2-sha256$i=600000,l=32$<salt>$<key>}, salt and key in
 * base64 without padding. PBKDF2 because the JDK has it (no native library to ship) and it is FIPS-approved; the
 * iteration count is in the string so that old hashes keep working when the default goes up.
 */
public final class PasswordHash {
    /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256; about 0.1 s per login on the build machines. */
    public static final int DEFAULT_ITERATIONS = 600_000;
    static final int KEY_LENGTH = 32;
    private static final int SALT_LENGTH = 16;
    /** Bounds that stop a typo in the users file from making every login take minutes. */
    private static final int MIN_ITERATIONS = 1_000;
    private static final int MAX_ITERATIONS = 10_000_000;
    private static final String PREFIX = "$pbkdf2-sha256$";
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();

    private final int iterations;
    private final byte[] salt;
    private final byte[] key;

    private PasswordHash(int iterations, byte[] salt, byte[] key) {
        this.iterations = iterations;
        this.salt = salt;
        this.key = key;
    }

    /** Hashes a new password with a fresh random salt. */
    public static PasswordHash create(char[] password, int iterations, SecureRandom random) {
        if (password.length == 0) {
            throw new IllegalArgumentException("the password must not be empty");
        }
        checkIterations(iterations);
        byte[] salt = new byte[SALT_LENGTH];
        random.nextBytes(salt);
        return new PasswordHash(iterations, salt, derive(password, salt, iterations, KEY_LENGTH));
    }

    /**
     * Reads a hash written by {@link #toString()}.
     *
     * @throws IllegalArgumentException saying what is wrong with the text (never echoing it: it is a secret)
     */
    public static PasswordHash parse(String text) {
        if (text == null || !text.startsWith(PREFIX)) {
            throw new IllegalArgumentException("a password hash must start with " + PREFIX);
        }
        String[] parts = text.substring(PREFIX.length()).split("\\$", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("a password hash has the form " + PREFIX + "i=N,l=32$<salt>$<key>");
        }
        int iterations = -1;
        int length = -1;
        for (String parameter : parts[0].split(",")) {
            String[] pair = parameter.split("=", 2);
            if (pair.length != 2) {
                throw new IllegalArgumentException("bad password hash parameter: expected i=N,l=32");
            }
            switch (pair[0]) {
                case "i" -> iterations = number(pair[1]);
                case "l" -> length = number(pair[1]);
                default -> throw new IllegalArgumentException("unknown password hash parameter " + pair[0]);
            }
        }
        checkIterations(iterations);
        byte[] salt = decode(parts[1], "salt");
        byte[] key = decode(parts[2], "key");
        if (salt.length < 8) {
            throw new IllegalArgumentException("the password hash's salt is shorter than 8 bytes");
        }
        if (length < 16 || length > 64 || key.length != length) {
            throw new IllegalArgumentException("the password hash's key length does not match its l= parameter "
                    + "(16 to 64 bytes)");
        }
        return new PasswordHash(iterations, salt, key);
    }

    /** Compares in constant time, so that the response time does not tell how much of the key matched. */
    public boolean matches(char[] password) {
        if (password.length == 0) {
            return false;
        }
        return MessageDigest.isEqual(key, derive(password, salt, iterations, key.length));
    }

    public int iterations() {
        return iterations;
    }

    @Override
    public String toString() {
        return PREFIX + "i=" + iterations + ",l=" + key.length + "$" + ENCODER.encodeToString(salt) + "$"
                + ENCODER.encodeToString(key);
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations, int length) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, length * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            // Every Java 17 runtime has this algorithm; reaching here means a broken JDK.
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
        } finally {
            spec.clearPassword();
        }
    }

    private static void checkIterations(int iterations) {
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("the password hash's iteration count must be between "
                    + MIN_ITERATIONS + " and " + MAX_ITERATIONS);
        }
    }

    private static int number(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad number in password hash parameters");
        }
    }

    private static byte[] decode(String text, String what) {
        if (text.isEmpty() || text.contains("=")) {
            throw new IllegalArgumentException("the password hash's " + what + " must be base64 without padding");
        }
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the password hash's " + what + " is not valid base64");
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PasswordHash that && iterations == that.iterations
                && Arrays.equals(salt, that.salt) && Arrays.equals(key, that.key);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(salt) + Arrays.hashCode(key);
    }
}
