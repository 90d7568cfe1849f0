package org.openauthz.loginconsent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.DropwizardTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openauthz.loginconsent.testing.Browser;
import org.openauthz.loginconsent.testing.FakeAdminApi;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The app over real HTTP, against a fake admin API that records what it receives: every page and every admin call
 * of the login and consent flow, CSRF, and the error pages.
 */
class LoginConsentAppIT {
    private static final String LOGIN_ACCEPT = "/oauth2/auth/requests/login/accept";
    private static final String LOGIN_REJECT = "/oauth2/auth/requests/login/reject";
    private static final String CONSENT_ACCEPT = "/oauth2/auth/requests/consent/accept";
    private static final String CONSENT_REJECT = "/oauth2/auth/requests/consent/reject";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static FakeAdminApi admin;
    private static DropwizardTestSupport<LoginConsentConfiguration> app;
    private Browser browser;

    @BeforeAll
    static void start() throws Exception {
        admin = FakeAdminApi.start();
        app = startApp(admin.url());
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

    static DropwizardTestSupport<LoginConsentConfiguration> startApp(String adminUrl) throws Exception {
        AppSettings settings = AppSettings.fromEnvironment(Map.of("HYDRA_ADMIN_URL", adminUrl, "PORT", "0"));
        DropwizardTestSupport<LoginConsentConfiguration> support =
                new DropwizardTestSupport<>(LoginConsentApplication.class, LoginConsentConfiguration.of(settings));
        support.before();
        return support;
    }

    private static String loginRequest(String challenge, boolean skip, String subject, String loginHint) {
        return """
                {"challenge":"%s","requested_scope":["openid","offline"],"requested_access_token_audience":[],
                 "skip":%s,"subject":"%s","oidc_context":%s,
                 "client":{"client_id":"app","client_name":"Test App"},
                 "request_url":"http://hydra.test/oauth2/auth?client_id=app","session_id":"sess-1"}
                """.formatted(challenge, skip, subject,
                loginHint == null ? "{}" : "{\"login_hint\":\"" + loginHint + "\"}");
    }

    private static String consentRequest(String challenge, boolean skip) {
        return """
                {"challenge":"%s","requested_scope":["openid","offline","email"],
                 "requested_access_token_audience":["https://api.example"],"skip":%s,"subject":"foo@bar.com",
                 "client":{"client_id":"app","client_name":"Test App","logo_uri":"https://app.example/logo.png",
                           "policy_uri":"https://app.example/policy","tos_uri":"https://app.example/tos"},
                 "request_url":"http://hydra.test/oauth2/auth?client_id=app","login_challenge":"l1",
                 "login_session_id":"sess-1","acr":"0"}
                """.formatted(challenge, skip);
    }

    private static JsonNode body(FakeAdminApi.Received received) throws IOException {
        return JSON.readTree(received.body());
    }

    private HttpResponse<String> openLogin(String challenge) throws Exception {
        admin.onGet("login", challenge, 200, loginRequest(challenge, false, "", null));
        HttpResponse<String> page = browser.get("/login?login_challenge=" + challenge);
        assertThat(page.statusCode()).isEqualTo(200);
        return page;
    }

    private HttpResponse<String> submitLogin(HttpResponse<String> page, String email, String password,
                                             boolean remember, String button) throws Exception {
        String html = page.body();
        List<Map.Entry<String, String>> fields = new java.util.ArrayList<>(List.of(
                entry("challenge", Browser.field(html, "challenge")),
                entry("_csrf", Browser.field(html, "_csrf")),
                entry("email", email), entry("password", password), entry("submit", button)));
        if (remember) {
            fields.add(entry("remember", "1"));
        }
        return browser.post("/login", fields);
    }

    @Test
    void whenTheLoginPageIsOpenedThenTheFormRendersWithACsrfCookieAndSafeHeaders() throws Exception {
        admin.onGet("login", "c-page", 200, loginRequest("c-page", false, "", "hint@example.com"));

        HttpResponse<String> page = browser.get("/login?login_challenge=c-page");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(page.body()).contains("<h1>Please log in</h1>", "name=\"password\"", "name=\"remember\" value=\"1\"",
                "value=\"Log in\"", "value=\"Deny access\"", "(it's \"foo@bar.com\")", "(it's \"foobar\")");
        assertThat(Browser.field(page.body(), "email")).isEqualTo("hint@example.com");
        assertThat(Browser.field(page.body(), "challenge")).isEqualTo("c-page");
        assertThat(Browser.field(page.body(), "_csrf")).isEqualTo(browser.cookie("_csrf"));
        assertThat(page.headers().allValues("Set-Cookie")).singleElement().satisfies(cookie -> assertThat(cookie)
                .startsWith("_csrf=").containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax")
                .contains("Path=/"));
        assertThat(page.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .contains("default-src 'self'; img-src * data:; style-src 'self'");
        assertThat(admin.received()).extracting(FakeAdminApi.Received::path)
                .containsExactly("/oauth2/auth/requests/login");
    }

    private HttpResponse<String> submitDeviceCode(String challenge, String userCode) throws Exception {
        HttpResponse<String> page = browser.get("/device?device_challenge=" + challenge + "&user_code=BCDF-GHJK");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(Browser.field(page.body(), "user_code")).isEqualTo("BCDF-GHJK");
        return browser.post("/device", List.of(entry("challenge", Browser.field(page.body(), "challenge")),
                entry("_csrf", Browser.field(page.body(), "_csrf")), entry("user_code", userCode)));
    }

    @Test
    void whenTheDeviceCodeIsAcceptedThenTheBrowserGoesOnToTheServersRedirect() throws Exception {
        String next = "http://hydra.test/oauth2/device/verify?device_verifier=v1";
        admin.onPut("device", "accept", "dc-ok", 200, "{\"redirect_to\":\"" + next + "\"}");

        HttpResponse<String> answer = submitDeviceCode("dc-ok", "bcdf-ghjk");

        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location")).contains(next);
        FakeAdminApi.Received accept = admin.last("/oauth2/auth/requests/device/accept").orElseThrow();
        assertThat(accept.method()).isEqualTo("PUT");
        assertThat(accept.query()).containsEntry("device_challenge", "dc-ok");
        assertThat(body(accept).path("user_code").asText()).isEqualTo("bcdf-ghjk");
    }

    @Test
    void whenTheDeviceCodeIsWrongOrTooManyWereTriedThenThePageSaysSoAndKeepsTheCode() throws Exception {
        admin.onPut("device", "accept", "dc-wrong", 400, "{\"error\":\"invalid_request\"}");
        admin.onPut("device", "accept", "dc-many", 429, "{\"error\":\"too_many_attempts\"}");

        HttpResponse<String> wrong = submitDeviceCode("dc-wrong", "BBBB-BBBB");
        HttpResponse<String> many = submitDeviceCode("dc-many", "BBBB-BBBB");

        assertThat(wrong.statusCode()).isEqualTo(200);
        assertThat(wrong.body()).contains("That code is not right");
        assertThat(Browser.field(wrong.body(), "user_code")).isEqualTo("BBBB-BBBB");
        assertThat(many.statusCode()).isEqualTo(200);
        assertThat(many.body()).contains("Too many wrong codes were entered");
    }

    @Test
    void whenThePasswordIsWrongThenThePageIsShownAgainWithTheMessageAndTheEmail() throws Exception {
        HttpResponse<String> page = openLogin("c-wrong");

        HttpResponse<String> again = submitLogin(page, "foo@bar.com", "wrong", false, "Log in");

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("The username / password combination is not correct");
        assertThat(Browser.field(again.body(), "email")).isEqualTo("foo@bar.com");
        assertThat(again.body()).doesNotContain("value=\"wrong\"");
        assertThat(admin.last(LOGIN_ACCEPT)).isEmpty();
    }

    @Test
    void whenTheCredentialsAreRightThenTheLoginIsAcceptedAndTheBrowserSentOn() throws Exception {
        HttpResponse<String> page = openLogin("c-ok");

        HttpResponse<String> answer = submitLogin(page, "foo@bar.com", "foobar", true, "Log in");

        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location")).contains(FakeAdminApi.redirectTo("login", "accept", "c-ok"));
        FakeAdminApi.Received accept = admin.last(LOGIN_ACCEPT).orElseThrow();
        assertThat(accept.method()).isEqualTo("PUT");
        assertThat(accept.query()).containsEntry("login_challenge", "c-ok");
        JsonNode body = body(accept);
        assertThat(body.path("subject").asText()).isEqualTo("foo@bar.com");
        assertThat(body.path("remember").asBoolean()).isTrue();
        assertThat(body.path("remember_for").asLong()).isEqualTo(3600);
        assertThat(body.path("acr").asText()).isEqualTo("0");
        assertThat(body.has("amr")).isFalse();
    }

    @Test
    void whenRememberIsNotTickedThenTheLoginIsNotRemembered() throws Exception {
        HttpResponse<String> page = openLogin("c-norem");

        submitLogin(page, "foo@bar.com", "foobar", false, "Log in");

        assertThat(body(admin.last(LOGIN_ACCEPT).orElseThrow()).path("remember").asBoolean()).isFalse();
    }

    @Test
    void whenLoginIsDeniedThenItIsRejectedWithAccessDenied() throws Exception {
        HttpResponse<String> page = openLogin("c-deny");

        HttpResponse<String> answer = submitLogin(page, "", "", false, "Deny access");

        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location")).contains(FakeAdminApi.redirectTo("login", "reject", "c-deny"));
        JsonNode body = body(admin.last(LOGIN_REJECT).orElseThrow());
        assertThat(body.path("error").asText()).isEqualTo("access_denied");
        assertThat(body.path("error_description").asText()).isEqualTo("The resource owner denied the request");
        assertThat(admin.last(LOGIN_ACCEPT)).isEmpty();
    }

    @Test
    void whenTheLoginCanBeSkippedThenItIsAcceptedWithoutAPage() throws Exception {
        admin.onGet("login", "c-skip", 200, loginRequest("c-skip", true, "foo@bar.com", null));

        HttpResponse<String> answer = browser.get("/login?login_challenge=c-skip");

        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location")).contains(FakeAdminApi.redirectTo("login", "accept", "c-skip"));
        assertThat(answer.body()).doesNotContain("<form");
        assertThat(body(admin.last(LOGIN_ACCEPT).orElseThrow()).path("subject").asText()).isEqualTo("foo@bar.com");
    }

    @Test
    void whenTheConsentPageIsOpenedThenEveryRequestedScopeIsTicked() throws Exception {
        admin.onGet("consent", "k-page", 200, consentRequest("k-page", false));

        HttpResponse<String> page = browser.get("/consent?consent_challenge=k-page");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("An application requests access to your data!")
                .contains("Hi foo@bar.com, application <strong class=\"client-name\">Test App</strong> wants access "
                        + "resources on your behalf and to:")
                .contains("name=\"grant_scope\" value=\"openid\" checked",
                        "name=\"grant_scope\" value=\"offline\" checked", "name=\"grant_scope\" value=\"email\" checked")
                .contains("src=\"https://app.example/logo.png\"", "href=\"https://app.example/policy\"",
                        "href=\"https://app.example/tos\"")
                .contains("Do not ask me again", "value=\"Allow access\"", "value=\"Deny access\"");
        assertThat(Browser.field(page.body(), "challenge")).isEqualTo("k-page");
    }

    @Test
    void whenConsentIsAllowedWithRememberThenOnlyTickedRequestedScopesAreGranted() throws Exception {
        admin.onGet("consent", "k-allow", 200, consentRequest("k-allow", false));
        HttpResponse<String> page = browser.get("/consent?consent_challenge=k-allow");

        HttpResponse<String> answer = browser.post("/consent", List.of(
                entry("challenge", Browser.field(page.body(), "challenge")),
                entry("_csrf", Browser.field(page.body(), "_csrf")),
                entry("grant_scope", "openid"), entry("grant_scope", "email"), entry("grant_scope", "admin"),
                entry("remember", "1"), entry("submit", "Allow access")));

        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location"))
                .contains(FakeAdminApi.redirectTo("consent", "accept", "k-allow"));
        FakeAdminApi.Received accept = admin.last(CONSENT_ACCEPT).orElseThrow();
        assertThat(accept.query()).containsEntry("consent_challenge", "k-allow");
        JsonNode body = body(accept);
        assertThat(body.path("grant_scope")).extracting(JsonNode::asText).containsExactly("openid", "email");
        assertThat(body.path("grant_access_token_audience")).extracting(JsonNode::asText)
                .containsExactly("https://api.example");
        assertThat(body.path("remember").asBoolean()).isTrue();
        assertThat(body.path("remember_for").asLong()).isEqualTo(3600);
        assertThat(body.path("session").path("access_token").isObject()).isTrue();
        assertThat(body.path("session").path("access_token").size()).isZero();
        JsonNode idToken = body.path("session").path("id_token");
        assertThat(idToken.path("email").asText()).isEqualTo("foo@bar.com");
        assertThat(idToken.path("email_verified").asBoolean()).isTrue();
        assertThat(idToken.has("name")).as("profile was not granted").isFalse();
    }

    @Test
    void whenConsentIsDeniedThenItIsRejectedWithAccessDenied() throws Exception {
        admin.onGet("consent", "k-deny", 200, consentRequest("k-deny", false));
        HttpResponse<String> page = browser.get("/consent?consent_challenge=k-deny");

        HttpResponse<String> answer = browser.post("/consent", List.of(
                entry("challenge", "k-deny"), entry("_csrf", Browser.field(page.body(), "_csrf")),
                entry("grant_scope", "openid"), entry("submit", "Deny access")));

        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location"))
                .contains(FakeAdminApi.redirectTo("consent", "reject", "k-deny"));
        JsonNode body = body(admin.last(CONSENT_REJECT).orElseThrow());
        assertThat(body.path("error").asText()).isEqualTo("access_denied");
        assertThat(body.path("error_description").asText()).isEqualTo("The resource owner denied the request");
        assertThat(admin.last(CONSENT_ACCEPT)).isEmpty();
    }

    @Test
    void whenConsentCanBeSkippedThenTheRequestedScopesAreGrantedWithoutAPage() throws Exception {
        admin.onGet("consent", "k-skip", 200, consentRequest("k-skip", true));

        HttpResponse<String> answer = browser.get("/consent?consent_challenge=k-skip");

        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.body()).doesNotContain("<form");
        JsonNode body = body(admin.last(CONSENT_ACCEPT).orElseThrow());
        assertThat(body.path("grant_scope")).extracting(JsonNode::asText).containsExactly("openid", "offline", "email");
        assertThat(body.path("grant_access_token_audience")).extracting(JsonNode::asText)
                .containsExactly("https://api.example");
        assertThat(body.path("session").path("id_token").path("email").asText()).isEqualTo("foo@bar.com");
    }

    @Test
    void whenTheCsrfFieldIsMissingThenThePostIsRefusedWith400() throws Exception {
        openLogin("c-nocsrf");

        HttpResponse<String> answer = browser.post("/login", List.of(entry("challenge", "c-nocsrf"),
                entry("email", "foo@bar.com"), entry("password", "foobar"), entry("submit", "Log in")));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("Your form could not be verified");
        assertThat(admin.last(LOGIN_ACCEPT)).isEmpty();
    }

    @Test
    void whenTheCsrfTokenComesFromAnotherBrowserThenThePostIsRefusedWith400() throws Exception {
        admin.onGet("consent", "k-foreign", 200, consentRequest("k-foreign", false));
        HttpResponse<String> attackerPage = browser.get("/consent?consent_challenge=k-foreign");
        String attackerToken = Browser.field(attackerPage.body(), "_csrf");
        Browser victim = new Browser("http://127.0.0.1:" + app.getLocalPort());
        victim.get("/consent?consent_challenge=k-foreign");

        HttpResponse<String> answer = victim.post("/consent", List.of(entry("challenge", "k-foreign"),
                entry("_csrf", attackerToken), entry("grant_scope", "openid"), entry("submit", "Allow access")));

        assertThat(victim.cookie("_csrf")).isNotEqualTo(attackerToken);
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(admin.last(CONSENT_ACCEPT)).isEmpty();
    }

    @Test
    void whenTheBrowserHasNoCsrfCookieThenThePostIsRefusedWith400() throws Exception {
        HttpResponse<String> page = openLogin("c-nocookie");
        browser.clearCookies();

        HttpResponse<String> answer = submitLogin(page, "foo@bar.com", "foobar", false, "Log in");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(admin.last(LOGIN_ACCEPT)).isEmpty();
    }

    @Test
    void whenTheRequestWasAlreadyAnsweredThenA410PageOffersToStartAgain() throws Exception {
        admin.onGet("login", "c-used", 410,
                "{\"redirect_to\":\"http://hydra.test/oauth2/auth?client_id=app&state=abcdefgh\"}");

        HttpResponse<String> page = browser.get("/login?login_challenge=c-used");

        assertThat(page.statusCode()).isEqualTo(410);
        assertThat(page.body()).contains("already answered", "Start again");
        String link = page.body().replaceFirst("(?s).*id=\"start-again\" href=\"([^\"]*)\".*", "$1");
        assertThat(Browser.unescape(link)).isEqualTo("http://hydra.test/oauth2/auth?client_id=app&state=abcdefgh");
    }

    @Test
    void whenTheChallengeIsUnknownOrMissingThenA400PageExplains() throws Exception {
        HttpResponse<String> unknown = browser.get("/consent?consent_challenge=nobody-knows-me");
        HttpResponse<String> missing = browser.get("/login");

        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("This sign-in request is unknown");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("login_challenge");
    }

    @Test
    void whenTheAdminApiIsDownThenA502PageExplainsWithoutAStackTrace() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        DropwizardTestSupport<LoginConsentConfiguration> orphan = startApp("http://127.0.0.1:" + closedPort);
        try {
            Browser lost = new Browser("http://127.0.0.1:" + orphan.getLocalPort());

            HttpResponse<String> page = lost.get("/login?login_challenge=c-down");

            assertThat(page.statusCode()).isEqualTo(502);
            assertThat(page.body()).contains("The authorization server cannot be reached")
                    .doesNotContain("Exception", "at org.", "Connection refused");
        } finally {
            orphan.after();
        }
    }

    @Test
    void whenTheHomePageAndStylesheetAreRequestedThenTheyAreServed() throws Exception {
        HttpResponse<String> home = browser.get("/");
        HttpResponse<String> css = browser.get("/static/style.css");
        HttpResponse<String> missing = browser.get("/static/nothing.css");

        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("docs/custom-idp.md");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/css"));
        assertThat(css.headers().firstValue("Cache-Control")).contains("public, max-age=3600");
        assertThat(css.body()).contains("focus-visible");
        assertThat(missing.statusCode()).isEqualTo(404);
    }
}
