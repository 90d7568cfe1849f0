package org.openauthz.authz.oauth2.pkce;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openauthz.authz.oauth2.OAuth2Error;
import org.openauthz.authz.oauth2.OAuth2Exception;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * PKCE verification at the token endpoint (<a href="https://www.rfc-editor.org/rfc/rfc7636#section-4.1">RFC 7636
 * §4.1</a>, <a href="https://www.rfc-editor.org/rfc/rfc7636#section-4.6">RFC 7636 §4.6</a>; S256 only,
 * <a href="https://www.rfc-editor.org/rfc/rfc9700#section-2.1.1">RFC 9700 §2.1.1</a>). The authorization request's side
 * (RFC 7636 §4.3) is tested through {@code AuthorizeRequestValidatorTest}.
 */
class PkceTest {
    private static final Pkce PKCE = new Pkce(false, true);
    // RFC 7636 Appendix B.
    static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    private static OAuth2Error failure(String challenge, String verifier) {
        OAuth2Exception e = catchThrowableOfType(OAuth2Exception.class,
                () -> PKCE.verify(challenge, verifier));
        assertThat(e).as("verify(%s, %s) must fail", challenge, verifier).isNotNull();
        return e.error();
    }

    @Test
    void whenTheRfc7636AppendixBVerifierIsHashedThenItGivesTheAppendixBChallenge() {
        assertThat(Pkce.s256(VERIFIER)).isEqualTo(CHALLENGE);
    }

    @Test
    void whenVerifierMatchesTheChallengeThenItPasses() {
        assertThatCode(() -> PKCE.verify(CHALLENGE, VERIFIER)).doesNotThrowAnyException();
    }

    @Test
    void whenVerifierDoesNotMatchThenInvalidGrant() {
        OAuth2Error error = failure(CHALLENGE, "eBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");

        assertThat(error.error()).isEqualTo("invalid_grant");
        assertThat(error.hint()).isEqualTo("The PKCE code challenge did not match the code verifier.");
    }

    @Test
    void whenChallengeWasStoredButNoVerifierIsSentThenInvalidGrant() {
        OAuth2Error error = failure(CHALLENGE, null);

        assertThat(error.error()).isEqualTo("invalid_grant");
        assertThat(error.hint()).contains("code_verifier");
    }

    @Test
    void whenNeitherChallengeNorVerifierThenThereIsNothingToCheck() {
        assertThatCode(() -> PKCE.verify(null, null)).doesNotThrowAnyException();
    }

    @Test
    void whenVerifierIsSentForACodeWithoutChallengeThenInvalidGrant() {
        // RFC 9700 §4.8.2: accepting it would let an attacker downgrade PKCE.
        OAuth2Error error = failure(null, VERIFIER);

        assertThat(error.error()).isEqualTo("invalid_grant");
        assertThat(error.hint()).isEqualTo("The authorization request had no code_challenge, so no code_verifier may "
                + "be sent.");
    }

    @ParameterizedTest
    @ValueSource(ints = {43, 44, 100, 127, 128})
    void whenVerifierLengthIsWithin43To128ThenItIsAccepted(int length) {
        // RFC 7636 §4.1: code-verifier = 43*128unreserved.
        String verifier = "a".repeat(length);

        assertThatCode(() -> PKCE.verify(Pkce.s256(verifier), verifier)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 42, 129, 200})
    void whenVerifierLengthIsOutside43To128ThenInvalidGrantEvenIfItHashesToTheChallenge(int length) {
        String verifier = "a".repeat(length);

        OAuth2Error error = failure(Pkce.s256(verifier), verifier);

        assertThat(error.error()).isEqualTo("invalid_grant");
        assertThat(error.hint()).contains("43 to 128 characters");
    }

    @Test
    void whenVerifierUsesEveryUnreservedCharacterThenItIsAccepted() {
        // RFC 7636 §4.1: unreserved = ALPHA / DIGIT / "-" / "." / "_" / "~".
        String verifier = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

        assertThatCode(() -> PKCE.verify(Pkce.s256(verifier), verifier)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"+", "/", "=", " ", "%", "ä", "*", "!"})
    void whenVerifierHoldsACharacterOutsideTheUnreservedSetThenInvalidGrant(String bad) {
        String verifier = "a".repeat(42) + bad;

        OAuth2Error error = failure(Pkce.s256(verifier), verifier);

        assertThat(error.error()).isEqualTo("invalid_grant");
        assertThat(error.hint()).contains("[A-Za-z0-9-._~]");
    }

    @Test
    void whenChallengeIsTheVerifierItselfThenItDoesNotPassAsPlain() {
        // RFC 9700 §2.1.1: plain is not accepted, so challenge == verifier must fail.
        assertThat(failure(VERIFIER, VERIFIER).error()).isEqualTo("invalid_grant");
    }
}
