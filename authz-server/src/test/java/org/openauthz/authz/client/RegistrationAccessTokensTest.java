package org.openauthz.authz.client;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Registration access tokens: 256 random bits, stored only as their SHA-256 (RFC 7592 §3). */
class RegistrationAccessTokensTest {
    private final RegistrationAccessTokens tokens = new RegistrationAccessTokens(new SecureRandom());

    @Test
    void whenGeneratedThenEachIs43Base64UrlCharactersAndNeverRepeats() {
        String first = tokens.generate();

        assertThat(first).matches("[A-Za-z0-9_-]{43}");
        assertThat(tokens.generate()).isNotEqualTo(first);
    }

    @Test
    void whenPresentedThenOnlyTheTokenOfTheStoredHashMatches() {
        String token = tokens.generate();
        String hash = RegistrationAccessTokens.hash(token);

        assertThat(hash).isNotEqualTo(token);
        assertThat(RegistrationAccessTokens.matches(token, hash)).isTrue();
        assertThat(RegistrationAccessTokens.matches(tokens.generate(), hash)).isFalse();
        assertThat(RegistrationAccessTokens.matches(null, hash)).isFalse();
        assertThat(RegistrationAccessTokens.matches(token, null)).as("a client the administrator made").isFalse();
    }
}
