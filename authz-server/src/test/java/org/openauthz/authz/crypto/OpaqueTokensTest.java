package org.openauthz.authz.crypto;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.security.SecureRandom;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opaque tokens are {@code base64url(key) "." base64url(HMAC(key))} and only the HMAC is stored, as in Hydra v1.10
 * (<a href="https://www.rfc-editor.org/rfc/rfc6819#section-5.1.4.1.3">RFC 6819 §5.1.4.1.3</a>: a database leak must not
 * reveal usable tokens).
 */
class OpaqueTokensTest {
    private static final String OLD_SECRET = "the-old-system-secret-0123456789";
    private static final String NEW_SECRET = "the-new-system-secret-0123456789";

    private final OpaqueTokens tokens = tokens(OLD_SECRET);

    private static OpaqueTokens tokens(String... secrets) {
        return new OpaqueTokens(new SystemSecrets(List.of(secrets)), new SecureRandom());
    }

    @Test
    void whenMintedThenTokenIsTwo43CharBase64UrlPartsAndTheSignatureIsTheSecond() {
        OpaqueTokens.Minted minted = tokens.mint();

        assertThat(minted.token()).matches("[A-Za-z0-9_-]{43}\\.[A-Za-z0-9_-]{43}");
        assertThat(minted.token()).endsWith("." + minted.signature());
    }

    @Test
    void whenMintedTwiceThenTokensDiffer() {
        assertThat(tokens.mint().token()).isNotEqualTo(tokens.mint().token());
    }

    @Test
    void whenOwnTokenIsPresentedThenItsSignatureIsReturned() {
        OpaqueTokens.Minted minted = tokens.mint();

        assertThat(tokens.verifiedSignature(minted.token())).contains(minted.signature());
    }

    @Test
    void whenKeyPartIsTamperedThenRejected() {
        String token = tokens.mint().token();
        // The first character carries the top six bits of the first key byte, so changing it changes the key.
        String tampered = flip(token, 0);

        assertThat(tokens.verifiedSignature(tampered)).isEmpty();
    }

    @Test
    void whenSignaturePartIsTamperedThenRejected() {
        String token = tokens.mint().token();
        String tampered = flip(token, token.indexOf('.') + 1);

        assertThat(tokens.verifiedSignature(tampered)).isEmpty();
    }

    @Test
    void whenSignatureOfAnotherTokenIsSplicedThenRejected() {
        String one = tokens.mint().token();
        String other = tokens.mint().token();
        String spliced = one.substring(0, one.indexOf('.')) + other.substring(other.indexOf('.'));

        assertThat(tokens.verifiedSignature(spliced)).isEmpty();
    }

    @Test
    void whenTokenWasMintedUnderAnotherSecretThenRejected() {
        String token = tokens(NEW_SECRET).mint().token();

        assertThat(tokens.verifiedSignature(token)).isEmpty();
    }

    @Test
    void whenSecretIsRotatedThenTokensMintedUnderTheOldOneStillVerify() {
        // Secret rotation prepends the new secret (docs/security.md); every configured secret still verifies.
        OpaqueTokens.Minted old = tokens.mint();
        OpaqueTokens rotated = tokens(NEW_SECRET, OLD_SECRET);

        assertThat(rotated.verifiedSignature(old.token())).contains(old.signature());
    }

    @Test
    void whenSecretIsRotatedThenNewTokensAreSignedWithTheNewSecret() {
        OpaqueTokens rotated = tokens(NEW_SECRET, OLD_SECRET);
        String token = rotated.mint().token();

        assertThat(tokens(NEW_SECRET).verifiedSignature(token)).isPresent();
        assertThat(tokens(OLD_SECRET).verifiedSignature(token)).isEmpty();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "garbage",
            "no-dot-at-all-but-long-enough-to-look-like-a-token",
            ".startsWithDot",
            "endsWithDot.",
            "a.b.c",
            "!!!!.????",
            "abc.def",
    })
    void whenMalformedThenRejected(String token) {
        assertThat(tokens.verifiedSignature(token)).isEmpty();
    }

    @Test
    void whenTokenHasTwoDotsThenRejectedEvenIfItStartsWithAValidToken() {
        String token = tokens.mint().token();

        assertThat(tokens.verifiedSignature(token + ".extra")).isEmpty();
    }

    @Test
    void whenLongerThan200CharactersThenRejected() {
        String token = tokens.mint().token();

        assertThat(tokens.verifiedSignature(token + "A".repeat(201 - token.length()))).isEmpty();
    }

    private static String flip(String token, int index) {
        char c = token.charAt(index);
        char replacement = c == 'A' ? 'B' : 'A';
        return token.substring(0, index) + replacement + token.substring(index + 1);
    }
}
