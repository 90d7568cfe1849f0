package org.openauthz.loginconsent;

import io.dropwizard.testing.DropwizardTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openauthz.loginconsent.testing.Browser;
import org.openauthz.loginconsent.testing.FakeAdminApi;

import java.net.http.HttpResponse;
import java.util.List;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /logout} over real HTTP against the fake admin API: the question, both answers, CSRF, and the error pages.
 * The statuses are those of the login and consent pages; only the words differ.
 */
class LogoutPageIT {
    private static final String LOGOUT = "/oauth2/auth/requests/logout";
    private static final String LOGOUT_ACCEPT = "/oauth2/auth/requests/logout/accept";
    private static final String LOGOUT_REJECT = "/oauth2/auth/requests/logout/reject";

    private static FakeAdminApi admin;
    private static DropwizardTestSupport<LoginConsentConfiguration> app;
    private Browser browser;

    @BeforeAll
    static void start() throws Exception {
        admin = FakeAdminApi.start();
        app = LoginConsentAppIT.startApp(admin.url());
    }

    @AfterAll
    static void stop() {
        app.after();
        admin.close();
    }

    @BeforeEach
    void newBrowser() {
        admin.clear();
        browser = new Browser("http://127.0.0.1:" + app.getLocalPort());
    }

    /** Hydra v1.10's logout request; {@code client} only when the client sent an id_token_hint (RP-initiated). */
    private static String logoutRequest(String challenge, String subject, boolean rpInitiated) {
        return """
                {"challenge":"%s","subject":"%s","sid":"sess-1",
                 "request_url":"http://hydra.test/oauth2/sessions/logout?id_token_hint=x&state=s",
                 "rp_initiated":%s,"client":%s}
                """.formatted(challenge, subject, rpInitiated, rpInitiated
                ? "{\"client_id\":\"app\",\"client_name\":\"Test App\",\"client_uri\":\"https://app.example/home\"}"
                : "null");
    }

    private HttpResponse<String> openLogout(String challenge, String subject, boolean rpInitiated)
            throws Exception {
        admin.onGet("logout", challenge, 200, logoutRequest(challenge, subject, rpInitiated));
        HttpResponse<String> page = browser.get("/logout?logout_challenge=" + challenge);
        assertThat(page.statusCode()).isEqualTo(200);
        return page;
    }

    private HttpResponse<String> answer(HttpResponse<String> page, String button) throws Exception {
        return browser.post("/logout", List.of(
                entry("challenge", Browser.field(page.body(), "challenge")),
                entry("_csrf", Browser.field(page.body(), "_csrf")),
                entry("submit", button)));
    }

    @Test
    void whenTheLogoutPageIsOpenedThenItAsksWhoAndOffersYesAndNo() throws Exception {
        HttpResponse<String> page = openLogout("o-page", "foo@bar.com", true);

        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(page.body()).contains("<title>Do you wish to log out?</title>", "<h1>Do you wish to log out?</h1>")
                .contains("Application <strong class=\"client-name\">Test App</strong> asks to log you out.")
                .contains("You are signed in as <strong class=\"subject\">Foo Bar (foo@bar.com)</strong>.")
                .contains("<form class=\"form logout-form\" method=\"post\" action=\"/logout\">")
                .contains("id=\"accept\" class=\"primary\" name=\"submit\" value=\"Yes\"")
                .contains("id=\"reject\" class=\"secondary\" name=\"submit\" value=\"No\"");
        assertThat(Browser.field(page.body(), "challenge")).isEqualTo("o-page");
        assertThat(Browser.field(page.body(), "_csrf")).isEqualTo(browser.cookie("_csrf"));
        assertThat(page.headers().allValues("Set-Cookie")).singleElement().satisfies(cookie -> assertThat(cookie)
                .startsWith("_csrf=").containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax"));
        assertThat(page.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(admin.received()).extracting(FakeAdminApi.Received::path).containsExactly(LOGOUT);
        assertThat(admin.last(LOGOUT).orElseThrow().query()).containsEntry("logout_challenge", "o-page");
    }

    @Test
    void whenTheSubjectIsNotAKnownUserThenThePageShowsTheSubjectAndNoClient() throws Exception {
        HttpResponse<String> page = openLogout("o-other", "7d0f7c1e-55b5", false);

        assertThat(page.body()).contains("You are signed in as <strong class=\"subject\">7d0f7c1e-55b5</strong>.")
                .doesNotContain("class=\"client-name\"");
    }

    @Test
    void whenYesIsPressedThenTheLogoutIsAcceptedAndTheBrowserSentToRedirectTo() throws Exception {
        HttpResponse<String> page = openLogout("o-yes", "foo@bar.com", true);

        HttpResponse<String> answer = answer(page, "Yes");

        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location")).contains(FakeAdminApi.logoutRedirectTo("o-yes"));
        FakeAdminApi.Received accept = admin.last(LOGOUT_ACCEPT).orElseThrow();
        assertThat(accept.method()).isEqualTo("PUT");
        assertThat(accept.query()).containsEntry("logout_challenge", "o-yes");
        assertThat(admin.last(LOGOUT_REJECT)).isEmpty();
    }

    @Test
    void whenNoIsPressedThenTheLogoutIsRejectedAndThePageSaysStillSignedIn() throws Exception {
        HttpResponse<String> page = openLogout("o-no", "foo@bar.com", true);

        HttpResponse<String> answer = answer(page, "No");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("<h1>You are still signed in</h1>", "You chose not to log out")
                .contains("<a class=\"button primary\" id=\"back-to-client\" href=\"https://app.example/home\">"
                        + "Back to Test App</a>")
                .doesNotContain("<form");
        FakeAdminApi.Received reject = admin.last(LOGOUT_REJECT).orElseThrow();
        assertThat(reject.method()).isEqualTo("PUT");
        assertThat(reject.query()).containsEntry("logout_challenge", "o-no");
        assertThat(admin.last(LOGOUT_ACCEPT)).isEmpty();
    }

    @Test
    void whenNoIsPressedOnALogoutWithoutClientThenThePageOffersNoLink() throws Exception {
        HttpResponse<String> page = openLogout("o-no-client", "foo@bar.com", false);

        HttpResponse<String> answer = answer(page, "No");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("You are still signed in", "You can close this page.")
                .doesNotContain("back-to-client");
        assertThat(admin.last(LOGOUT_REJECT)).isPresent();
    }

    @Test
    void whenTheCsrfFieldIsMissingThenThePostIsRefusedWith400() throws Exception {
        openLogout("o-nocsrf", "foo@bar.com", true);

        HttpResponse<String> answer = browser.post("/logout", List.of(entry("challenge", "o-nocsrf"),
                entry("submit", "Yes")));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("Your form could not be verified", "You are still signed in");
        assertThat(admin.last(LOGOUT_ACCEPT)).isEmpty();
        assertThat(admin.last(LOGOUT_REJECT)).isEmpty();
    }

    @Test
    void whenTheCsrfTokenComesFromAnotherBrowserThenThePostIsRefusedWith400() throws Exception {
        HttpResponse<String> attackerPage = openLogout("o-foreign", "foo@bar.com", true);
        String attackerToken = Browser.field(attackerPage.body(), "_csrf");
        Browser victim = new Browser("http://127.0.0.1:" + app.getLocalPort());
        victim.get("/logout?logout_challenge=o-foreign");

        HttpResponse<String> answer = victim.post("/logout", List.of(entry("challenge", "o-foreign"),
                entry("_csrf", attackerToken), entry("submit", "Yes")));

        assertThat(victim.cookie("_csrf")).isNotEqualTo(attackerToken);
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(admin.last(LOGOUT_ACCEPT)).isEmpty();
    }

    @Test
    void whenTheBrowserHasNoCsrfCookieThenThePostIsRefusedWith400() throws Exception {
        HttpResponse<String> page = openLogout("o-nocookie", "foo@bar.com", true);
        browser.clearCookies();

        HttpResponse<String> answer = answer(page, "No");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(admin.last(LOGOUT_REJECT)).isEmpty();
    }

    @Test
    void whenTheChallengeIsUnknownThenA400PageExplainsAsForLogin() throws Exception {
        HttpResponse<String> page = browser.get("/logout?logout_challenge=nobody-knows-me");

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("This log-out request is unknown").doesNotContain("<form");
    }

    @Test
    void whenTheChallengeIsUnknownOnNoThenNothingIsRejected() throws Exception {
        HttpResponse<String> page = openLogout("o-gone", "foo@bar.com", true);
        admin.onGet("logout", "o-gone", 404, "{\"error\":\"Not Found\"}");

        HttpResponse<String> answer = answer(page, "No");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("This log-out request is unknown");
        assertThat(admin.last(LOGOUT_REJECT)).isEmpty();
    }

    @Test
    void whenTheRequestWasAlreadyAnsweredThenA410PageSaysSoWithoutStartAgain() throws Exception {
        admin.onGet("logout", "o-used", 410,
                "{\"redirect_to\":\"http://hydra.test/oauth2/sessions/logout?id_token_hint=x\"}");

        HttpResponse<String> page = browser.get("/logout?logout_challenge=o-used");

        assertThat(page.statusCode()).isEqualTo(410);
        assertThat(page.body()).contains("This log-out request was already answered").doesNotContain("start-again");
    }

    @Test
    void whenTheAcceptFindsTheRequestAlreadyAnsweredThenA410PageSaysSo() throws Exception {
        HttpResponse<String> page = openLogout("o-twice", "foo@bar.com", true);
        admin.onPut("logout", "accept", "o-twice", 409, "{\"error\":\"Conflict\"}");

        HttpResponse<String> answer = answer(page, "Yes");

        assertThat(answer.statusCode()).isEqualTo(410);
        assertThat(answer.body()).contains("already answered");
    }

    @Test
    void whenTheServerIsUnavailableThenA503PageSaysYouAreStillSignedIn() throws Exception {
        admin.onGet("logout", "o-busy", 503, "{\"error\":\"server_error\"}");

        HttpResponse<String> page = browser.get("/logout?logout_challenge=o-busy");

        assertThat(page.statusCode()).isEqualTo(503);
        assertThat(page.body()).contains("Logging out is temporarily unavailable", "still signed in");
    }

    @Test
    void whenTheChallengeIsMissingOrDamagedThenA400PageNamesTheParameter() throws Exception {
        HttpResponse<String> missing = browser.get("/logout");
        HttpResponse<String> damaged = browser.get("/logout?logout_challenge=%3Cscript%3E");
        HttpResponse<String> page = openLogout("o-post", "foo@bar.com", true);
        HttpResponse<String> postWithout = browser.post("/logout", List.of(
                entry("_csrf", Browser.field(page.body(), "_csrf")), entry("submit", "Yes")));

        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("This page needs a log-out request", "logout_challenge");
        assertThat(damaged.statusCode()).isEqualTo(400);
        assertThat(damaged.body()).contains("This log-out link is damaged").doesNotContain("<script>");
        assertThat(postWithout.statusCode()).isEqualTo(400);
        assertThat(admin.received()).extracting(FakeAdminApi.Received::query)
                .noneSatisfy(query -> assertThat(query).containsValue("<script>"));
        assertThat(admin.last(LOGOUT_ACCEPT)).isEmpty();
    }
}
