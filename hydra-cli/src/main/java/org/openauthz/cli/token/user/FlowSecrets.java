package org.openauthz.cli.token.user;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * The per-run secrets of one authorization request: {@code state} and {@code nonce} (24 random
 * lowercase letters each, as Hydra's {@code token user} makes them) and the PKCE code verifier
 * (64 characters of RFC 7636's unreserved set), all drawn from a {@link SecureRandom}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7636#section-4.1">RFC 7636 section 4.1 (code verifier)</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7636#section-4.2">RFC 7636 section 4.2 (S256 challenge)</a>
 */
public record FlowSecrets(String state, String nonce, String codeVerifier) {

    static final int STATE_LENGTH = 24;
    static final int VERIFIER_LENGTH = 64;

    private static final String LOWERCASE = "abcdefghijklmnopqrstuvwxyz";
    /** RFC 7636 {@code unreserved = ALPHA / DIGIT / "-" / "." / "_" / "~"}. */
    private static final String UNRESERVED =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

    public FlowSecrets {
        Objects.requireNonNull(state);
        Objects.requireNonNull(nonce);
        Objects.requireNonNull(codeVerifier);
    }

    /** Fresh state, nonce and verifier. */
    public static FlowSecrets generate(SecureRandom random) {
        return new FlowSecrets(randomString(random, LOWERCASE, STATE_LENGTH),
                randomString(random, LOWERCASE, STATE_LENGTH),
                randomString(random, UNRESERVED, VERIFIER_LENGTH));
    }

    /** {@code BASE64URL(SHA256(ASCII(code_verifier)))} without padding. */
    public String codeChallenge() {
        return s256(codeVerifier);
    }

    /** The S256 code challenge of {@code verifier}. */
    public static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** Compares {@code candidate} with the issued state in constant time; {@code null} never matches. */
    public boolean stateMatches(String candidate) {
        return candidate != null && MessageDigest.isEqual(state.getBytes(StandardCharsets.UTF_8),
                candidate.getBytes(StandardCharsets.UTF_8));
    }

    private static String randomString(SecureRandom random, String alphabet, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    /** Never prints the secrets. */
    @Override
    public String toString() {
        return "FlowSecrets[...]";
    }
}
