package org.openauthz.authz.oauth2.pkce;

import org.openauthz.authz.client.OAuth2Client;
import org.openauthz.authz.oauth2.OAuth2Error;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Proof Key for Code Exchange, <a href="https://www.rfc-editor.org/rfc/rfc7636">RFC 7636</a>: the challenge the
 * authorization request may (or must) carry, and its verification when the code is redeemed. Only {@code S256}:
 * <a href="https://www.rfc-editor.org/rfc/rfc9700#section-2.1.1">RFC 9700 §2.1.1</a> says {@code plain} must not be
 * used.
 */
public final class Pkce {
    /** The only code challenge method accepted (and published by discovery). */
    public static final String S256 = "S256";
    /** <a href="https://www.rfc-editor.org/rfc/rfc7636#section-4.1">RFC 7636 §4.1</a>: 43 to 128 unreserved characters. */
    private static final String VERIFIER_SYNTAX = "[A-Za-z0-9._~-]{43,128}";
    /** <a href="https://www.rfc-editor.org/rfc/rfc7636#section-4.2">RFC 7636 §4.2</a>: base64url(SHA-256), unpadded. */
    private static final String S256_CHALLENGE_SYNTAX = "[A-Za-z0-9_-]{43}";

    private final boolean enforced;
    private final boolean enforcedForPublicClients;

    /** Hydra's {@code oauth2.pkce.enforced} and {@code oauth2.pkce.enforced_for_public_clients}. */
    public Pkce(boolean enforced, boolean enforcedForPublicClients) {
        this.enforced = enforced;
        this.enforcedForPublicClients = enforcedForPublicClients;
    }

    /**
     * The authorization request's challenge (<a href="https://www.rfc-editor.org/rfc/rfc7636#section-4.3">RFC 7636
     * §4.3</a>), checked only when a code is asked for; failures are {@code invalid_request}
     * (<a href="https://www.rfc-editor.org/rfc/rfc7636#section-4.4.1">§4.4.1</a>).
     */
    public void checkAuthorizationRequest(OAuth2Client client, boolean returnsCode, String challenge, String method) {
        if (!returnsCode) {
            return;
        }
        if (challenge == null) {
            if (method != null) {
                throw OAuth2Error.INVALID_REQUEST.withHint("Parameter 'code_challenge_method' was set but "
                        + "'code_challenge' is missing.").toException();
            }
            if (enforced || (client.isPublic() && enforcedForPublicClients)) {
                throw OAuth2Error.INVALID_REQUEST.withHint("Clients must include a code_challenge when performing the "
                        + "authorize code flow, but it is missing.").toException();
            }
            return;
        }
        if (!S256.equals(method)) {
            // A challenge without a method means plain (RFC 7636 §4.3), which RFC 9700 §2.1.1 rules out.
            throw OAuth2Error.INVALID_REQUEST.withHint("Clients must use code_challenge_method=S256, plain is not "
                    + "allowed.").toException();
        }
        if (!challenge.matches(S256_CHALLENGE_SYNTAX)) {
            throw OAuth2Error.INVALID_REQUEST.withHint("Parameter 'code_challenge' must be the 43-character "
                    + "base64url SHA-256 of the code verifier (RFC 7636 section 4.2).").toException();
        }
    }

    /**
     * Checks the token request's verifier against the challenge stored with the code
     * (<a href="https://www.rfc-editor.org/rfc/rfc7636#section-4.6">RFC 7636 §4.6</a>); failures are
     * {@code invalid_grant}. A verifier sent for a code issued without a challenge is refused too: accepting it would
     * let PKCE be downgraded (<a href="https://www.rfc-editor.org/rfc/rfc9700#section-4.8.2">RFC 9700 §4.8.2</a>).
     */
    public void verify(String challenge, String verifier) {
        if (challenge == null) {
            if (verifier != null) {
                throw OAuth2Error.INVALID_GRANT.withHint("The authorization request had no code_challenge, so no "
                        + "code_verifier may be sent.").toException();
            }
            return;
        }
        if (verifier == null) {
            throw OAuth2Error.INVALID_GRANT.withHint("The PKCE code verifier must be set (code_verifier).")
                    .toException();
        }
        if (!verifier.matches(VERIFIER_SYNTAX)) {
            throw OAuth2Error.INVALID_GRANT.withHint("The PKCE code verifier must be 43 to 128 characters of "
                    + "[A-Za-z0-9-._~].").toException();
        }
        byte[] expected = challenge.getBytes(StandardCharsets.US_ASCII);
        byte[] actual = s256(verifier).getBytes(StandardCharsets.US_ASCII);
        // Constant time: the comparison must not tell an attacker how much of a guessed verifier was right.
        if (!MessageDigest.isEqual(expected, actual)) {
            throw OAuth2Error.INVALID_GRANT.withHint("The PKCE code challenge did not match the code verifier.")
                    .toException();
        }
    }

    /** <a href="https://www.rfc-editor.org/rfc/rfc7636#section-4.2">RFC 7636 §4.2</a>: BASE64URL(SHA256(verifier)). */
    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
