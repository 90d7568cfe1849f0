package org.openauthz.authz.oauth2;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SpaceDelimitedTest {
    @Test
    void whenWordsAreSeparatedByAnyRunOfWhitespaceThenEachWordComesOnceInOrder() {
        assertThat(SpaceDelimited.words("openid  offline\temail\n profile ")).containsExactly("openid", "offline",
                "email", "profile");
        assertThat(SpaceDelimited.words("code")).containsExactly("code");
    }

    @Test
    void whenNullOrBlankThenNoWords() {
        assertThat(SpaceDelimited.words(null)).isEmpty();
        assertThat(SpaceDelimited.words("")).isEmpty();
        assertThat(SpaceDelimited.words(" \t ")).isEmpty();
    }
}
