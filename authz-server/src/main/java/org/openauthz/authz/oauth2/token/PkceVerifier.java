package org.openauthz.authz.oauth2.token;

import org.openauthz.authz.oauth2.OAuth2Error;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** PKCE verification at the token endpoint (RFC 7636 §4.6, S256 only as RFC 9700 §2.1.1 recommends). */
public final class PkceVerifier {
    private PkceVerifier() {
    }

    /**
     * Checks the verifier against the stored challenge. A verifier sent for a code issued without a challenge is
     * refused too: accepting it would let PKCE be downgraded (RFC 9700 §4.8.2).
     */
    public static void verify(String challenge, String verifier) {
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
        if (!verifier.matches("[A-Za-z0-9._~-]{43,128}")) {
            throw OAuth2Error.INVALID_GRANT.withHint("The PKCE code verifier must be 43 to 128 characters of "
                    + "[A-Za-z0-9-._~].").toException();
        }
        byte[] expected = challenge.getBytes(StandardCharsets.US_ASCII);
        byte[] actual = s256(verifier).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, actual)) {
            throw OAuth2Error.INVALID_GRANT.withHint("The PKCE code challenge did not match the code verifier.")
                    .toException();
        }
    }

    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
