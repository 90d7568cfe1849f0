package org.openauthz.loginconsent.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChallengesTest {
    @ParameterizedTest
    @ValueSource(strings = {"9f3c2d1e0b4a49c6a1f2e3d4c5b6a798", "eyJhbGciOi.abc_DEF-123~x"})
    void whenTheChallengeLooksLikeHydrasThenItIsAccepted(String challenge) {
        assertThat(Challenges.require(challenge, "login_challenge")).isEqualTo(challenge);
    }

    @Test
    void whenTheChallengeIsMissingThenTheErrorNamesTheParameter() {
        assertThatThrownBy(() -> Challenges.require(" ", "login_challenge"))
                .isInstanceOfSatisfying(PageException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.explanation()).contains("login_challenge");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b", "<script>", "abc/def", "a%20b"})
    void whenTheChallengeHasOtherCharactersThenItIsRefusedBeforeAnyAdminCall(String challenge) {
        assertThatThrownBy(() -> Challenges.require(challenge, "consent_challenge"))
                .isInstanceOfSatisfying(PageException.class, e -> assertThat(e.status()).isEqualTo(400));
    }
}
