package org.openauthz.authz.oauth2.device;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;

class UserCodesTest {
    @Test
    void whenACodeIsDrawnThenItHasEightLettersOfTheAlphabetAndIsShownWithADash() {
        String code = new UserCodes(new SecureRandom()).next();

        assertThat(code).matches("[BCDFGHJKLMNPQRSTVWXZ]{8}");
        assertThat(UserCodes.display(code)).isEqualTo(code.substring(0, 4) + "-" + code.substring(4));
    }

    @ParameterizedTest
    @ValueSource(strings = {"BCDF-GHJK", "bcdf-ghjk", "BCDFGHJK", " bcdf ghjk ", "Bc-Df-Gh-Jk"})
    void whenAPersonTypesTheCodeInAnyCaseWithDashesOrSpacesThenItIsRead(String typed) {
        assertThat(UserCodes.canonical(typed)).contains("BCDFGHJK");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "BCDF-GHJ", "BCDF-GHJKL", "AEIO-UBCD", "1234-5678", "BCDF_GHJK"})
    void whenTheTypedTextCannotBeACodeThenItIsNotRead(String typed) {
        assertThat(UserCodes.canonical(typed)).isEmpty();
    }

    @Test
    void whenNothingOrAVeryLongTextIsTypedThenItIsNotRead() {
        assertThat(UserCodes.canonical(null)).isEmpty();
        assertThat(UserCodes.canonical("B".repeat(10_000))).isEmpty();
    }
}
