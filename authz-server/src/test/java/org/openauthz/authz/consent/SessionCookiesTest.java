package org.openauthz.authz.consent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The flow's browser cookies: Hydra v1.10's names, {@code _insecure} without TLS, and values
 * signed under the cookie secret so that a browser can neither forge a session id nor move a value between cookies.
 */
class SessionCookiesTest {
    private static final byte[] SECRET = "cookie-secret-0123456789abcdefgh".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OLD_SECRET = "old-cookie-secret-0123456789abcd".getBytes(StandardCharsets.UTF_8);

    private final SessionCookies cookies = new SessionCookies(List.of(SECRET), false);

    private static Map<String, String> jar(SessionCookies.CookieChange... changes) {
        java.util.HashMap<String, String> out = new java.util.HashMap<>();
        for (SessionCookies.CookieChange c : changes) {
            out.put(c.name(), c.value());
        }
        return out;
    }

    @ParameterizedTest
    @CsvSource({
            "true,  oauth2_authentication_session, oauth2_authentication_session",
            "true,  oauth2_authentication_csrf,    oauth2_authentication_csrf",
            "true,  oauth2_consent_csrf,           oauth2_consent_csrf",
            "false, oauth2_authentication_session, oauth2_authentication_session_insecure",
            "false, oauth2_authentication_csrf,    oauth2_authentication_csrf_insecure",
            "false, oauth2_consent_csrf,           oauth2_consent_csrf_insecure",
    })
    void whenPublicPortHasOrLacksTlsThenCookieNamesAreHydras(boolean secure, String base, String expected) {
        // As in Hydra v1.10, with --dangerous-force-http every name gets the suffix _insecure.
        SessionCookies c = new SessionCookies(List.of(SECRET), secure);

        assertThat(c.secure()).isEqualTo(secure);
        assertThat(c.name(base)).isEqualTo(expected);
        assertThat(c.set(base, "v", null).name()).isEqualTo(expected);
        assertThat(c.delete(base).name()).isEqualTo(expected);
    }

    @Test
    void whenOnlyTheLegacyCopyIsPresentThenItIsReadIfAndOnlyIfCopiesAreOn() {
        SessionCookies withCopies = new SessionCookies(List.of(SECRET), true, true);
        SessionCookies.CookieChange set = withCopies.set(SessionCookies.LOGIN_CSRF, "csrf-value", null);
        Map<String, String> legacyOnly = Map.of(set.name() + SessionCookies.LEGACY_SUFFIX, set.value());

        assertThat(withCopies.read(legacyOnly, SessionCookies.LOGIN_CSRF)).contains("csrf-value");
        assertThat(new SessionCookies(List.of(SECRET), true).read(legacyOnly, SessionCookies.LOGIN_CSRF)).isEmpty();
        // The copy is verified like the cookie itself.
        assertThat(withCopies.read(Map.of(set.name() + SessionCookies.LEGACY_SUFFIX, "Zm9yZ2Vk.AAAA"),
                SessionCookies.LOGIN_CSRF)).isEmpty();
    }

    @Test
    void whenConstantsAreUsedThenTheyAreHydraV110Names() {
        assertThat(SessionCookies.SESSION).isEqualTo("oauth2_authentication_session");
        assertThat(SessionCookies.LOGIN_CSRF).isEqualTo("oauth2_authentication_csrf");
        assertThat(SessionCookies.CONSENT_CSRF).isEqualTo("oauth2_consent_csrf");
    }

    @ParameterizedTest
    @ValueSource(strings = {"3b1e0c2a-1f7d-4c55-9d3e-5a1b2c3d4e5f", "0123456789abcdef0123456789abcdef", "ü; =,\"x"})
    void whenValueIsSetThenItReadsBack(String value) {
        SessionCookies.CookieChange change = cookies.set(SessionCookies.SESSION, value, Duration.ofHours(1));

        assertThat(cookies.read(jar(change), SessionCookies.SESSION)).contains(value);
    }

    @Test
    void whenValueIsSetThenItIsSignedNotPlainAndCarriesTheMaxAge() {
        SessionCookies.CookieChange change = cookies.set(SessionCookies.SESSION, "session-1", Duration.ofSeconds(3600));

        assertThat(change.value()).doesNotContain("session-1").matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{43}");
        assertThat(change.maxAge()).isEqualTo(Duration.ofSeconds(3600));
        assertThat(cookies.set(SessionCookies.LOGIN_CSRF, "x", null).maxAge()).as("browser-session cookie").isNull();
    }

    @Test
    void whenCookieIsDeletedThenItIsEmptiedWithMaxAgeZero() {
        SessionCookies.CookieChange change = cookies.delete(SessionCookies.CONSENT_CSRF);

        assertThat(change.value()).isEmpty();
        assertThat(change.maxAge()).isEqualTo(Duration.ZERO);
        assertThat(cookies.read(jar(change), SessionCookies.CONSENT_CSRF)).isEmpty();
    }

    @Test
    void whenCookieIsAbsentThenEmpty() {
        assertThat(cookies.read(Map.of(), SessionCookies.SESSION)).isEmpty();
        assertThat(cookies.read(Map.of("other", "x"), SessionCookies.SESSION)).isEmpty();
    }

    @Test
    void whenValueIsTamperedWithThenItIsRejected() {
        // A browser that swaps in another session id must not be taken for that session.
        String signed = cookies.set(SessionCookies.SESSION, "session-1", null).value();
        String signature = signed.substring(signed.indexOf('.') + 1);
        String forged = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("session-2".getBytes(StandardCharsets.UTF_8)) + "." + signature;

        assertThat(cookies.read(Map.of(cookies.name(SessionCookies.SESSION), forged), SessionCookies.SESSION))
                .isEmpty();
    }

    @Test
    void whenSignatureIsTamperedWithThenItIsRejected() {
        String signed = cookies.set(SessionCookies.SESSION, "session-1", null).value();
        char last = signed.charAt(signed.length() - 1);
        String flipped = signed.substring(0, signed.length() - 1) + (last == 'A' ? 'B' : 'A');

        assertThat(cookies.read(Map.of(cookies.name(SessionCookies.SESSION), flipped), SessionCookies.SESSION))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "nodot", ".startsWithDot", "c2Vzc2lvbg.", "c2Vzc2lvbg.!!!not-base64!!!",
            "!!!.AAAA", "c2Vzc2lvbg.AAAA.BBBB"})
    void whenValueIsMalformedThenItIsRejectedWithoutAnError(String raw) {
        assertThat(cookies.read(Map.of(cookies.name(SessionCookies.SESSION), raw), SessionCookies.SESSION)).isEmpty();
    }

    @Test
    void whenValueIsMovedFromTheCsrfCookieToTheSessionCookieThenItIsRejected() {
        // The name is part of what is signed: a CSRF value (which the login UI round trip exposes to timing) can
        // never become a session id.
        String csrf = cookies.set(SessionCookies.LOGIN_CSRF, "3b1e0c2a-1f7d-4c55-9d3e-5a1b2c3d4e5f", null).value();

        assertThat(cookies.read(Map.of(cookies.name(SessionCookies.SESSION), csrf), SessionCookies.SESSION))
                .isEmpty();
        assertThat(cookies.read(Map.of(cookies.name(SessionCookies.LOGIN_CSRF), csrf), SessionCookies.LOGIN_CSRF))
                .as("still good under its own name").isPresent();
    }

    @Test
    void whenSecureValueIsPresentedUnderTheInsecureNameThenItIsRejected() {
        SessionCookies secure = new SessionCookies(List.of(SECRET), true);
        String value = secure.set(SessionCookies.SESSION, "session-1", null).value();

        assertThat(cookies.read(Map.of(cookies.name(SessionCookies.SESSION), value), SessionCookies.SESSION))
                .isEmpty();
    }

    @Test
    void whenSignedUnderAnotherSecretThenItIsRejected() {
        SessionCookies other = new SessionCookies(List.of(OLD_SECRET), false);

        assertThat(cookies.read(jar(other.set(SessionCookies.SESSION, "session-1", null)), SessionCookies.SESSION))
                .isEmpty();
    }

    @Test
    void whenSecretIsRotatedThenCookiesOfTheOldSecretStillVerifyAndNewOnesUseTheNewSecret() {
        // As in Hydra v1.10, the first secret signs, every secret verifies.
        SessionCookies before = new SessionCookies(List.of(OLD_SECRET), false);
        SessionCookies rotated = new SessionCookies(List.of(SECRET, OLD_SECRET), false);
        SessionCookies retired = new SessionCookies(List.of(SECRET), false);
        SessionCookies.CookieChange old = before.set(SessionCookies.SESSION, "session-1", null);
        SessionCookies.CookieChange fresh = rotated.set(SessionCookies.SESSION, "session-2", null);

        assertThat(rotated.read(jar(old), SessionCookies.SESSION)).contains("session-1");
        assertThat(retired.read(jar(fresh), SessionCookies.SESSION)).as("signed by the new, first secret")
                .contains("session-2");
        assertThat(before.read(jar(fresh), SessionCookies.SESSION)).isEmpty();
        assertThat(retired.read(jar(old), SessionCookies.SESSION)).as("old secret dropped").isEmpty();
    }
}
