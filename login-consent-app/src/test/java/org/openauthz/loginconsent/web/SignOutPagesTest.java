package org.openauthz.loginconsent.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openauthz.loginconsent.admin.AdminFailure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SignOutPagesTest {
    @ParameterizedTest
    @EnumSource(AdminFailure.Kind.class)
    void whenTheAdminApiFailsThenTheStatusIsTheLoginPagesOneAndTheWordsAreAboutLoggingOut(AdminFailure.Kind kind) {
        AdminFailure failure = new AdminFailure(kind, 0, "http://hydra.test/oauth2/sessions/logout", "detail", null);

        PageException page = SignOutPages.fromAdmin(failure);

        assertThat(page.status()).isEqualTo(ErrorPages.fromAdmin(failure).status());
        assertThat(page.title() + page.explanation()).doesNotContain("sign-in", "detail");
        assertThat(page.startAgainUrl()).isEmpty();
    }

    @Test
    void whenTheChallengeIsMissingOrDamagedThenA400NamesTheParameter() {
        assertThat(SignOutPages.requireChallenge("o1", "logout_challenge")).isEqualTo("o1");
        assertThatThrownBy(() -> SignOutPages.requireChallenge(null, "logout_challenge"))
                .isInstanceOfSatisfying(PageException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.explanation()).contains("logout_challenge");
                });
        assertThatThrownBy(() -> SignOutPages.requireChallenge("a b", "logout_challenge"))
                .isInstanceOfSatisfying(PageException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void whenTheCsrfCheckFailsThenTheStatusIsTheLoginPagesOne() {
        assertThat(SignOutPages.csrf().status()).isEqualTo(PageException.csrf().status());
    }
}
