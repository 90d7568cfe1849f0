package org.openauthz.authz.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Registration access tokens (<a href="https://www.rfc-editor.org/rfc/rfc7592#section-3">RFC 7592 §3</a>): 32 random
 * bytes, base64url. Only their SHA-256 is stored: a token has 256 bits of entropy, so a fast hash cannot be reversed
 * by guessing, unlike a client secret a person may have chosen (which gets PBKDF2). Presented tokens are compared in
 * constant time.
 */
public final class RegistrationAccessTokens {
    private static final int BYTES = 32;

    private final SecureRandom random;

    public RegistrationAccessTokens(SecureRandom random) {
        this.random = random;
    }

    public String generate() {
        byte[] bytes = new byte[BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Whether {@code presented} is the token whose hash is {@code storedHash}; false when either is null. */
    public static boolean matches(String presented, String storedHash) {
        byte[] presentedHash = hash(presented == null ? "" : presented).getBytes(StandardCharsets.US_ASCII);
        return presented != null && storedHash != null
                && MessageDigest.isEqual(presentedHash, storedHash.getBytes(StandardCharsets.US_ASCII));
    }
}
