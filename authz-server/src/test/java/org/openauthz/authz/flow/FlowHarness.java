package org.openauthz.authz.flow;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import org.openauthz.admin.client.ApiClient;
import org.openauthz.admin.client.ApiException;
import org.openauthz.admin.client.api.AdminApi;
import org.openauthz.admin.client.model.AcceptConsentRequest;
import org.openauthz.admin.client.model.AcceptLoginRequest;
import org.openauthz.admin.client.model.ConsentRequest;
import org.openauthz.admin.client.model.ConsentRequestSession;
import org.openauthz.admin.client.model.LoginRequest;
import org.openauthz.admin.client.model.OAuth2Client;
import org.openauthz.authz.config.InvalidConfigurationException;
import org.openauthz.authz.testing.PostgresFixture;
import org.openauthz.authz.testing.TestServer;

import java.net.BindException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One real server on PostgreSQL plus the scripted login and consent app (built on the generated admin client) that
 * the flow tests share. The server is told to send browsers to a login and consent URL where nothing listens; the
 * test browser never goes there: the harness reads the challenge from the redirect and answers it on the admin API,
 * exactly as a login/consent app would (docs/custom-idp.md §2).
 */
final class FlowHarness implements AutoCloseable {
    static final String LOGIN_URL = "http://127.0.0.1:1/login";
    static final String CONSENT_URL = "http://127.0.0.1:1/consent";
    static final String SECRET = "a-client-secret-for-flow-tests";

    final TestServer server;
    final AdminApi admin;
    /** The server's database, for tests that check what was (not) stored. */
    final PostgresFixture.Database database;

    private FlowHarness(TestServer server, PostgresFixture.Database database) {
        this.server = server;
        this.admin = new AdminApi(new ApiClient().setBasePath(server.adminUrl("")));
        this.database = database;
    }

    /** A server on a fresh migrated PostgreSQL database with the login and consent URLs set, plus {@code extra}. */
    static FlowHarness start(Map<String, Object> extra) {
        return on(PostgresFixture.newDatabase().migrated(), extra);
    }

    /** A server on {@code database} (migrated, possibly with data) with the login and consent URLs set. */
    static FlowHarness on(PostgresFixture.Database database, Map<String, Object> extra) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("urls.login", LOGIN_URL);
        settings.put("urls.consent", CONSENT_URL);
        settings.putAll(extra);
        // TestServer picks its two ports by opening and closing ServerSockets, so now and then both picks are the
        // same port (rejected by the configuration check) or the port is taken before Jetty binds it: try again.
        RuntimeException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return new FlowHarness(TestServer.onPostgres(database, settings), database);
            } catch (InvalidConfigurationException | IllegalStateException e) {
                if (!portClash(e)) {
                    throw e;
                }
                last = e;
            }
        }
        throw last;
    }

    private static boolean portClash(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof BindException
                    || (t instanceof InvalidConfigurationException && String.valueOf(t.getMessage()).contains("PORT"))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        server.close();
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    /** A confidential client ({@code client_secret_basic}) for the code flow with refresh tokens. */
    OAuth2Client createCodeClient(String... extraResponseTypes) throws ApiException {
        List<String> responseTypes = new ArrayList<>(List.of("code"));
        responseTypes.addAll(List.of(extraResponseTypes));
        return admin.createOAuth2Client(new OAuth2Client().clientId(unique("rp")).clientSecret(SECRET)
                .grantTypes(List.of("authorization_code", "refresh_token"))
                .responseTypes(responseTypes)
                .scope("openid offline email")
                .redirectUris(List.of(RelyingParty.REDIRECT_URI.toString()))
                .tokenEndpointAuthMethod("client_secret_basic"));
    }

    RelyingParty relyingParty(OAuth2Client client) throws Exception {
        String secret = "none".equals(client.getTokenEndpointAuthMethod()) ? null : SECRET;
        return new RelyingParty(RelyingParty.discover(server.issuer()), client.getClientId(), secret);
    }

    /** What the login app does with a login request; answers with the {@code redirect_to} it got. */
    @FunctionalInterface
    interface LoginApp {
        String handle(AdminApi admin, LoginRequest request) throws ApiException;
    }

    /** What the consent app does with a consent request; answers with the {@code redirect_to} it got. */
    @FunctionalInterface
    interface ConsentApp {
        String handle(AdminApi admin, ConsentRequest request) throws ApiException;
    }

    /** Accepts the login for {@code subject}, remembered for an hour (acceptLoginRequest, docs/custom-idp.md §3). */
    static LoginApp acceptLogin(String subject) {
        return (admin, request) -> admin.acceptLoginRequest(request.getChallenge(), new AcceptLoginRequest()
                .subject(subject).remember(true).rememberFor(3600L).acr("urn:openauthz:acr:password"))
                .getRedirectTo();
    }

    /** Accepts the login without remembering it: no session cookie is set (docs/custom-idp.md §4). */
    static LoginApp acceptLoginOnce(String subject) {
        return (admin, request) -> admin.acceptLoginRequest(request.getChallenge(), new AcceptLoginRequest()
                .subject(subject).remember(false)).getRedirectTo();
    }

    /**
     * Grants every requested scope and remembers the consent for an hour; the session adds a custom ID-token claim
     * ({@code email}) and an access-token claim ({@code department}) (acceptConsentRequest, docs/custom-idp.md §3).
     */
    static ConsentApp acceptConsent() {
        return (admin, request) -> admin.acceptConsentRequest(request.getChallenge(), new AcceptConsentRequest()
                .grantScope(request.getRequestedScope())
                .grantAccessTokenAudience(request.getRequestedAccessTokenAudience())
                .remember(true).rememberFor(3600L)
                .session(new ConsentRequestSession()
                        .idToken(Map.of("email", request.getSubject() + "@example.com"))
                        .accessToken(Map.of("department", "research"))))
                .getRedirectTo();
    }

    /** The {@code error} of a run that ended on the error page, not at the client (RFC 6749 §4.1.2.1). */
    static String errorPageError(Run run) {
        assertThat(run.callback().toString()).doesNotStartWith(RelyingParty.REDIRECT_URI.toString());
        return Params.query(run.callback()).get("error");
    }

    /** A login or consent app that must not be reached. */
    static <T> T never(String what) {
        throw new AssertionError(what + " must not be reached");
    }

    /** Everything one authorization went through: the requests the apps saw and where the browser ended up. */
    record Run(LoginRequest login, ConsentRequest consent, HttpResponse<String> last, URI callback) {
    }

    /**
     * Drives {@code browser} from the authorization request until it leaves the server for anything other than the
     * login or consent app: the client's redirect URI, the error page, or (form_post) a page instead of a redirect.
     */
    Run run(Browser browser, URI authorizationRequest, LoginApp loginApp, ConsentApp consentApp) throws ApiException {
        return continueRun(browser, browser.get(authorizationRequest), loginApp, consentApp);
    }

    /** As {@link #run}, from the server's first answer (e.g. to an authorization request sent by POST). */
    Run continueRun(Browser browser, HttpResponse<String> first, LoginApp loginApp, ConsentApp consentApp)
            throws ApiException {
        LoginRequest login = null;
        ConsentRequest consent = null;
        HttpResponse<String> response = first;
        for (int hop = 0; hop < 6; hop++) {
            if (response.statusCode() != 302) {
                return new Run(login, consent, response, null);
            }
            URI location = Browser.location(response);
            String target = location.toString();
            if (target.startsWith(LOGIN_URL + "?")) {
                String challenge = Params.query(location).get("login_challenge");
                assertThat(challenge).as("login_challenge in %s", target).isNotBlank();
                login = admin.getLoginRequest(challenge);
                response = browser.get(loginApp.handle(admin, login));
            } else if (target.startsWith(CONSENT_URL + "?")) {
                String challenge = Params.query(location).get("consent_challenge");
                assertThat(challenge).as("consent_challenge in %s", target).isNotBlank();
                consent = admin.getConsentRequest(challenge);
                response = browser.get(consentApp.handle(admin, consent));
            } else {
                return new Run(login, consent, response, location);
            }
        }
        throw new AssertionError("too many redirects");
    }

    /**
     * A code flow (scope {@code openid offline email}) in a fresh browser: login accepted for {@code subject}, consent
     * as {@link #acceptConsent()}; the code the client's redirect URI received, not yet redeemed.
     */
    AuthorizationCode authorize(RelyingParty party, RelyingParty.Attempt attempt, String subject) throws Exception {
        Run run = run(new Browser(), party.request("code", "openid offline email", attempt).build().toURI(),
                acceptLogin(subject), acceptConsent());
        assertThat(run.callback()).as("the browser must end at the client").isNotNull();
        AuthenticationResponse response = AuthenticationResponseParser.parse(run.callback());
        assertThat(response.indicatesSuccess()).as("callback %s", run.callback()).isTrue();
        return response.toSuccessResponse().getAuthorizationCode();
    }

    /** Rows of a token table ({@code hydra_oauth2_access}, {@code hydra_oauth2_refresh}, ...). */
    int rows(String table) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM " + table).mapTo(Integer.class)
                .one());
    }

    /** The login challenge of a redirect to the login app (docs/custom-idp.md §2). */
    static String loginChallenge(HttpResponse<String> response) {
        URI location = Browser.location(response);
        assertThat(location.toString()).startsWith(LOGIN_URL + "?");
        return Params.query(location).get("login_challenge");
    }

    /** The consent challenge of a redirect to the consent app (docs/custom-idp.md §2). */
    static String consentChallenge(HttpResponse<String> response) {
        URI location = Browser.location(response);
        assertThat(location.toString()).startsWith(CONSENT_URL + "?");
        return Params.query(location).get("consent_challenge");
    }

    /**
     * Admin introspection (<a href="https://www.rfc-editor.org/rfc/rfc7662#section-2.2">RFC 7662 §2.2</a>): is the
     * token active?
     */
    boolean active(String token) throws ApiException {
        return Boolean.TRUE.equals(admin.introspectOAuth2Token(token, null).getActive());
    }
}
