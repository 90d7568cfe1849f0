package org.openauthz.loginconsent.web;

import jakarta.ws.rs.core.NewCookie;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;

class CsrfGuardTest {
    private final CsrfGuard guard = new CsrfGuard(new SecureRandom());

    @Test
    void whenTheBrowserHasNoTokenThenANewRandomOneIsMade() {
        String first = guard.tokenFor(null);
        String second = guard.tokenFor(null);

        assertThat(first).matches("[A-Za-z0-9_-]{43}");
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void whenTheBrowserHasAValidTokenThenItIsKeptSoThatOtherTabsStillWork() {
        String token = guard.tokenFor(null);

        assertThat(guard.tokenFor(token)).isEqualTo(token);
    }

    @Test
    void whenTheCookieIsMalformedThenItIsReplaced() {
        assertThat(guard.tokenFor("short")).isNotEqualTo("short").hasSize(43);
        assertThat(guard.tokenFor("<script>alert(1)</script>aaaaaaaaaaaaaaaaaaa")).matches("[A-Za-z0-9_-]{43}");
    }

    @Test
    void whenCookieAndFieldAreEqualThenTheFormIsAccepted() {
        String token = guard.tokenFor(null);

        assertThat(guard.matches(token, token)).isTrue();
    }

    @Test
    void whenEitherIsMissingOrTheyDifferThenTheFormIsRefused() {
        String token = guard.tokenFor(null);
        String other = guard.tokenFor(null);

        assertThat(guard.matches(token, other)).isFalse();
        assertThat(guard.matches(null, token)).isFalse();
        assertThat(guard.matches(token, null)).isFalse();
        assertThat(guard.matches("", "")).isFalse();
        assertThat(guard.matches("abc", "abc")).isFalse();
    }

    @Test
    void whenTheCookieIsMadeThenItIsHttpOnlyLaxAndSiteWide() {
        NewCookie cookie = guard.cookie("t", false);

        assertThat(cookie.getName()).isEqualTo("_csrf");
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSameSite()).isEqualTo(NewCookie.SameSite.LAX);
        assertThat(cookie.getPath()).isEqualTo("/");
        assertThat(cookie.isSecure()).isFalse();
        assertThat(cookie.getMaxAge()).isEqualTo(NewCookie.DEFAULT_MAX_AGE);
        assertThat(guard.cookie("t", true).isSecure()).isTrue();
    }
}
