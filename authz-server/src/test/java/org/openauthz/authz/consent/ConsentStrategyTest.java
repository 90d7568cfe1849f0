package org.openauthz.authz.consent;

import org.openauthz.authz.oauth2.pkce.Pkce;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.openauthz.authz.client.OAuth2Client;
import org.openauthz.authz.client.StoredClient;
import org.openauthz.authz.consent.admin.AcceptConsent;
import org.openauthz.authz.consent.admin.AcceptLogin;
import org.openauthz.authz.consent.admin.ConsentRequest;
import org.openauthz.authz.consent.admin.ConsentSession;
import org.openauthz.authz.consent.admin.LoginRequest;
import org.openauthz.authz.crypto.AeadCipher;
import org.openauthz.authz.crypto.SystemSecrets;
import org.openauthz.authz.jwk.KeyGenerator;
import org.openauthz.authz.jwk.KeyService;
import org.openauthz.authz.oauth2.ClientScopes;
import org.openauthz.authz.oauth2.FormParameters;
import org.openauthz.authz.oauth2.ScopeStrategy;
import org.openauthz.authz.oauth2.authorize.AuthorizationRequest;
import org.openauthz.authz.oauth2.authorize.AuthorizeException;
import org.openauthz.authz.oauth2.authorize.AuthorizeRequestValidator;
import org.openauthz.authz.oauth2.authorize.AuthorizedGrant;
import org.openauthz.authz.oauth2.authorize.ResponseMode;
import org.openauthz.authz.oauth2.authorize.ValidatedAuthorization;
import org.openauthz.authz.oauth2.oidc.IdTokens;
import org.openauthz.authz.oauth2.oidc.SubjectIdentifiers;
import org.openauthz.authz.persistence.memory.InMemoryClientStore;
import org.openauthz.authz.persistence.memory.InMemoryDatabase;
import org.openauthz.authz.persistence.memory.InMemoryFlowStore;
import org.openauthz.authz.persistence.memory.InMemoryKeyStore;
import org.openauthz.authz.persistence.memory.InMemoryLoginSessionStore;
import org.openauthz.authz.persistence.memory.InMemoryTokenStore;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Delegated login and consent at the authorization endpoint (docs/custom-idp.md §2, §4;
 * <a href="https://openid.net/specs/openid-connect-core-1_0.html#AuthRequest">OpenID Connect Core §3.1.2.1</a> prompt,
 * max_age, id_token_hint), over the in-memory stores with the real request validator, the real
 * admin side ({@link LoginConsentAdmin}) playing the login and consent apps, and a browser cookie jar.
 */
class ConsentStrategyTest {
    static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    static final Duration TTL = Duration.ofMinutes(30);
    static final URI LOGIN_UI = URI.create("https://login.example/login");
    static final URI CONSENT_UI = URI.create("https://login.example/consent?lang=en");
    static final String ENDPOINT = "https://auth.example/oauth2/auth";
    static final String STATE = "state-0123456789";
    static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    static final byte[] COOKIE_SECRET = "cookie-secret-0123456789abcdefgh".getBytes(StandardCharsets.UTF_8);

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryDatabase db = new InMemoryDatabase();
    private final InMemoryClientStore clients = new InMemoryClientStore(db);
    private final InMemoryFlowStore flows = new InMemoryFlowStore(db);
    private final InMemoryLoginSessionStore sessions = new InMemoryLoginSessionStore(db);
    private final SessionCookies cookies = new SessionCookies(List.of(COOKIE_SECRET), false);
    /** One RSA key for the whole class: generating it per test would dominate the run time. */
    private static final KeyService KEYS = signingKeys();
    private final IdTokens idTokens = new IdTokens(KEYS, "https://auth.example/", Duration.ofHours(1), clock);
    private final AuthorizeRequestValidator validator = new AuthorizeRequestValidator(clients::find,
            new ClientScopes(ScopeStrategy.WILDCARD), new Pkce(false, true), List.of("http://insecure.example/cb"));
    private final ConsentStrategy strategy = new ConsentStrategy(flows, sessions, cookies, ScopeStrategy.WILDCARD,
            idTokens::hintClaims, new SubjectIdentifiers("pairwise-salt"), LOGIN_UI, CONSENT_UI, TTL,
                RememberedSignIns.off(), clock);
    private final LoginConsentAdmin admin = new LoginConsentAdmin(flows, sessions, new InMemoryTokenStore(db),
            id -> clients.find(id).map(StoredClient::client), TTL, clock);
    /** The browser's cookies for the authorization server. */
    private final Map<String, String> jar = new HashMap<>();

    private final OAuth2Client app = register(new OAuth2Client.Builder().clientId("app")
            .tokenEndpointAuthMethod("client_secret_basic").redirectUris(List.of("https://app.example/cb"))
            .grantTypes(List.of("authorization_code", "refresh_token")).scope("openid offline photos.*"));
    private final OAuth2Client spa = register(new OAuth2Client.Builder().clientId("spa")
            .tokenEndpointAuthMethod("none")
            .redirectUris(List.of("http://insecure.example/cb", "https://spa.example/cb", "http://127.0.0.1:5555/cb",
                    "com.example.spa:/cb"))
            .scope("openid offline"));

    private static KeyService signingKeys() {
        KeyService keys = new KeyService(new InMemoryKeyStore(new InMemoryDatabase()),
                new AeadCipher(new SystemSecrets(List.of("a-system-secret-0123456789")), new SecureRandom()),
                new KeyGenerator(2048), new MutableClock(T0));
        keys.ensureSigningKey(KeyService.ID_TOKEN_SET, "RS256");
        return keys;
    }

    private OAuth2Client register(OAuth2Client.Builder builder) {
        OAuth2Client client = builder.createdAt(T0).updatedAt(T0).build();
        clients.create(new StoredClient(client, client.isPublic() ? null : "$pbkdf2-sha256$unused"));
        return client;
    }

    /** One authorization request as the browser sends it, validated, with the URL it was sent to. */
    record Visit(ValidatedAuthorization auth, String requestUrl) {
    }

    /** {@code pairs} override the defaults; a null value removes a default. */
    private Visit visit(String... pairs) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("response_type", "code");
        p.put("client_id", "app");
        p.put("redirect_uri", "https://app.example/cb");
        p.put("scope", "openid offline");
        p.put("state", STATE);
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] == null) {
                p.remove(pairs[i]);
            } else {
                p.put(pairs[i], pairs[i + 1]);
            }
        }
        Map<String, List<String>> form = new HashMap<>();
        StringBuilder query = new StringBuilder();
        p.forEach((k, v) -> {
            form.put(k, List.of(v));
            query.append(query.length() == 0 ? "" : "&").append(k).append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return new Visit(validator.validate(AuthorizationRequest.parse(new FormParameters(form))),
                ENDPOINT + "?" + query);
    }

    private Visit spaVisit(String redirectUri, String... more) {
        String[] pairs = new String[more.length + 10];
        String[] base = {"client_id", "spa", "redirect_uri", redirectUri, "code_challenge", CHALLENGE,
                "code_challenge_method", "S256", "scope", "openid"};
        System.arraycopy(base, 0, pairs, 0, base.length);
        System.arraycopy(more, 0, pairs, base.length, more.length);
        return visit(pairs);
    }

    private BrowserRequest browser(Visit v) {
        return new BrowserRequest(Map.copyOf(jar), v.requestUrl());
    }

    private void store(List<SessionCookies.CookieChange> changes) {
        for (SessionCookies.CookieChange c : changes) {
            if (Duration.ZERO.equals(c.maxAge())) {
                jar.remove(c.name());
            } else {
                jar.put(c.name(), c.value());
            }
        }
    }

    private FlowOutcome.Redirect startLogin(Visit v) {
        FlowOutcome outcome = strategy.startLogin(v.auth(), browser(v));
        store(outcome.cookies());
        return (FlowOutcome.Redirect) outcome;
    }

    private FlowOutcome.Redirect afterLogin(Visit v, String verifier) {
        FlowOutcome outcome = strategy.afterLogin(v.auth(), verifier, browser(v));
        store(outcome.cookies());
        return (FlowOutcome.Redirect) outcome;
    }

    private FlowOutcome.Authorized afterConsent(Visit v, String verifier) {
        FlowOutcome outcome = strategy.afterConsent(v.auth(), verifier, browser(v));
        store(outcome.cookies());
        return (FlowOutcome.Authorized) outcome;
    }

    static String param(String url, String name) {
        for (String pair : url.substring(url.indexOf('?') + 1).split("&")) {
            if (pair.startsWith(name + "=")) {
                return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    static AcceptLogin acceptLogin(String subject, Boolean remember, Long rememberFor) {
        return new AcceptLogin(subject, remember, rememberFor, "urn:acr:pwd", List.of("pwd"),
                Map.of("device", "laptop"), null);
    }

    static AcceptConsent acceptConsent(List<String> scopes, boolean remember, long rememberFor) {
        return new AcceptConsent(scopes, List.of(), remember, rememberFor,
                new ConsentSession(Map.of("role", "admin"), Map.of("email", "alice@example.com")), null);
    }

    /** The login app's part: read the challenge, accept, and hand back the verifier from redirect_to. */
    private String loginApp(FlowOutcome.Redirect toLogin, AcceptLogin body) {
        clock.advance(Duration.ofSeconds(3));
        String redirectTo = admin.acceptLogin(param(toLogin.location(), "login_challenge"), body).redirectTo();
        return param(redirectTo, "login_verifier");
    }

    private String consentApp(FlowOutcome.Redirect toConsent, AcceptConsent body) {
        clock.advance(Duration.ofSeconds(3));
        String redirectTo = admin.acceptConsent(param(toConsent.location(), "consent_challenge"), body).redirectTo();
        return param(redirectTo, "consent_verifier");
    }

    /** A whole round trip: login UI, consent UI, back with the consent verifier. */
    private FlowOutcome.Authorized roundTrip(Visit v, AcceptLogin login, AcceptConsent consent) {
        FlowOutcome.Redirect toConsent = afterLogin(v, loginApp(startLogin(v), login));
        return afterConsent(v, consentApp(toConsent, consent));
    }

    private Flow flowOf(FlowOutcome.Redirect toLogin) {
        return flows.byLoginChallenge(param(toLogin.location(), "login_challenge")).orElseThrow();
    }

    private void rememberedSession(String id, String subject, Instant authenticatedAt) {
        sessions.save(new LoginSession(id, subject, authenticatedAt, true));
        store(List.of(cookies.set(SessionCookies.SESSION, id, Duration.ofHours(1))));
    }

    private AuthorizeException failure(Runnable step) {
        AuthorizeException e = catchThrowableOfType(AuthorizeException.class, step::run);
        assertThat(e).as("an AuthorizeException").isNotNull();
        return e;
    }

    // ---- Step 2-3: request authentication ----------------------------------------------------------------------

    @Test
    void whenNoVerifierThenAFlowIsCreatedAndTheBrowserGoesToTheLoginUiWithTheChallengeAndACsrfCookie() {
        Visit v = visit("login_hint", "alice@example.com", "display", "popup", "ui_locales", "de en",
                "acr_values", "urn:acr:pwd");

        FlowOutcome.Redirect outcome = startLogin(v);

        // As in Hydra v1.10, challenges are 32 hex characters, and the answer is a 302 to urls.login?login_challenge=.
        String challenge = param(outcome.location(), "login_challenge");
        assertThat(outcome.location()).isEqualTo(LOGIN_UI + "?login_challenge=" + challenge);
        assertThat(challenge).matches("[0-9a-f]{32}");
        Flow flow = flows.byLoginChallenge(challenge).orElseThrow();
        assertThat(flow.state()).isEqualTo(FlowState.LOGIN_INITIALIZED);
        assertThat(flow.clientId()).isEqualTo("app");
        assertThat(flow.requestUrl()).isEqualTo(v.requestUrl());
        assertThat(flow.requestedScope()).containsExactly("openid", "offline");
        assertThat(flow.loginSkip()).isFalse();
        assertThat(flow.subject()).isEmpty();
        assertThat(flow.requestedAt()).isEqualTo(T0);
        assertThat(flow.loginVerifier()).matches("[0-9a-f]{32}").isNotEqualTo(challenge);
        assertThat(flow.loginSessionId()).isNotBlank();
        assertThat(flow.oidcContext()).containsEntry("login_hint", "alice@example.com")
                .containsEntry("display", "popup").containsEntry("ui_locales", List.of("de", "en"))
                .containsEntry("acr_values", List.of("urn:acr:pwd"));
        // As in Hydra v1.10, the login CSRF cookie, a browser-session cookie, named _insecure without TLS.
        assertThat(outcome.cookies()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("oauth2_authentication_csrf_insecure");
            assertThat(c.maxAge()).isNull();
        });
        assertThat(cookies.read(jar, SessionCookies.LOGIN_CSRF)).contains(flow.loginCsrf());
    }

    @Test
    void whenTwoRequestsStartThenEachGetsItsOwnChallengeVerifierAndSession() {
        Flow first = flowOf(startLogin(visit()));
        Flow second = flowOf(startLogin(visit()));

        assertThat(second.loginChallenge()).isNotEqualTo(first.loginChallenge());
        assertThat(second.loginVerifier()).isNotEqualTo(first.loginVerifier());
        assertThat(second.loginCsrf()).isNotEqualTo(first.loginCsrf());
        assertThat(second.loginSessionId()).isNotEqualTo(first.loginSessionId());
    }

    @Test
    void whenPromptIsNoneWithoutASessionThenLoginRequiredGoesToTheRedirectUriWithState() {
        // OIDC Core §3.1.2.6 (https://openid.net/specs/openid-connect-core-1_0.html#AuthError) login_required.
        Visit v = visit("prompt", "none");

        AuthorizeException e = failure(() -> strategy.startLogin(v.auth(), browser(v)));

        assertThat(e.error().error()).isEqualTo("login_required");
        assertThat(e.error().hint()).isEqualTo("Prompt 'none' was requested, but no existing login session was "
                + "found.");
        assertThat(e.redirectUri()).isEqualTo("https://app.example/cb");
        assertThat(e.state()).isEqualTo(STATE);
        assertThat(e.mode()).isEqualTo(ResponseMode.QUERY);
    }

    @Test
    void whenSessionIsRememberedThenLoginIsSkippedWithItsSubjectAndOriginalAuthTime() {
        Instant authenticated = T0.minus(Duration.ofHours(5));
        rememberedSession("session-1", "alice", authenticated);

        Flow flow = flowOf(startLogin(visit()));

        // As in Hydra v1.10, skip=true, subject = session subject, original authenticated_at kept.
        assertThat(flow.loginSkip()).isTrue();
        assertThat(flow.subject()).isEqualTo("alice");
        assertThat(flow.authTime()).isEqualTo(authenticated);
        assertThat(flow.loginSessionId()).isEqualTo("session-1");
        LoginRequest request = admin.getLoginRequest(flow.loginChallenge());
        assertThat(request.skip()).isTrue();
        assertThat(request.subject()).isEqualTo("alice");
        assertThat(request.sessionId()).isEqualTo("session-1");
    }

    @Test
    void whenPromptIsNoneWithARememberedSessionThenTheLoginUiIsStillVisitedWithSkip() {
        // Hydra v1.10 never bypasses the UI, it only tells it to skip (docs/custom-idp.md §4).
        rememberedSession("session-1", "alice", T0.minusSeconds(60));

        FlowOutcome.Redirect outcome = startLogin(visit("prompt", "none"));

        assertThat(outcome.location()).startsWith(LOGIN_UI + "?login_challenge=");
        assertThat(flowOf(outcome).loginSkip()).isTrue();
    }

    enum SessionProblem {
        NOT_REMEMBERED, NOT_AUTHENTICATED, EMPTY_SUBJECT, UNKNOWN_ID, FORGED_COOKIE, NO_COOKIE
    }

    @ParameterizedTest
    @EnumSource(SessionProblem.class)
    void whenSessionCannotBeUsedThenLoginIsNotSkipped(SessionProblem problem) {
        // As in Hydra v1.10, no cookie, empty sid, or no row with remember=TRUE -> login UI with skip=false.
        switch (problem) {
            case NOT_REMEMBERED -> {
                rememberedSession("session-1", "alice", T0.minusSeconds(60));
                sessions.save(new LoginSession("session-1", "alice", T0.minusSeconds(60), false));
            }
            case NOT_AUTHENTICATED -> {
                rememberedSession("session-1", "alice", null);
            }
            case EMPTY_SUBJECT -> rememberedSession("session-1", "", T0.minusSeconds(60));
            case UNKNOWN_ID -> {
                rememberedSession("session-1", "alice", T0.minusSeconds(60));
                sessions.delete("session-1");
            }
            case FORGED_COOKIE -> {
                sessions.save(new LoginSession("session-1", "alice", T0.minusSeconds(60), true));
                SessionCookies attacker = new SessionCookies(List.of(new byte[32]), false);
                store(List.of(attacker.set(SessionCookies.SESSION, "session-1", null)));
            }
            case NO_COOKIE -> sessions.save(new LoginSession("session-1", "alice", T0.minusSeconds(60), true));
        }

        Flow flow = flowOf(startLogin(visit()));

        assertThat(flow.loginSkip()).isFalse();
        assertThat(flow.subject()).isEmpty();
        assertThat(flow.authTime()).isNull();
    }

    @Test
    void whenPromptIsLoginThenARememberedSessionIsNotSkipped() {
        // OIDC Core §3.1.2.1 prompt=login: the server must prompt for reauthentication.
        rememberedSession("session-1", "alice", T0.minusSeconds(60));

        Flow flow = flowOf(startLogin(visit("prompt", "login")));

        assertThat(flow.loginSkip()).isFalse();
        assertThat(flow.subject()).isEmpty();
    }

    @Test
    void whenARememberedSessionLogsInAgainWithoutRememberThenItIsNoLongerRemembered() {
        // prompt=login forces a new login in a browser with a remembered session; remember=false ends that session.
        rememberedSession("session-1", "alice", T0.minusSeconds(60));
        Visit v = visit("prompt", "login");
        FlowOutcome.Redirect toLogin = startLogin(v);
        String verifier = loginApp(toLogin, acceptLogin("alice", false, 0L));

        afterLogin(v, verifier);

        assertThat(sessions.find("session-1")).map(LoginSession::remember).contains(false);
    }

    @ParameterizedTest
    @CsvSource({
            // max_age, seconds since authentication, skip expected
            "900, 600, true",
            "600, 600, true",
            "599, 600, false",
            "0,   1,   false",
    })
    void whenMaxAgeIsGivenThenOnlyARecentEnoughSessionIsSkipped(int maxAge, int age, boolean skip) {
        // OIDC Core §3.1.2.1 max_age: re-authenticate when the last authentication is older.
        rememberedSession("session-1", "alice", T0.minusSeconds(age));

        Flow flow = flowOf(startLogin(visit("max_age", Integer.toString(maxAge))));

        assertThat(flow.loginSkip()).isEqualTo(skip);
    }

    @Test
    void whenMaxAgeIsExceededWithPromptNoneThenLoginRequired() {
        rememberedSession("session-1", "alice", T0.minusSeconds(600));
        Visit v = visit("max_age", "300", "prompt", "none");

        AuthorizeException e = failure(() -> strategy.startLogin(v.auth(), browser(v)));

        assertThat(e.error().error()).isEqualTo("login_required");
        assertThat(e.error().hint()).isEqualTo("Request failed because prompt is set to 'none' and authentication "
                + "time reached 'max_age'.");
        assertThat(e.redirectUri()).isEqualTo("https://app.example/cb");
        assertThat(e.state()).isEqualTo(STATE);
    }

    @Test
    void whenIdTokenHintNamesTheSessionSubjectThenLoginIsSkipped() {
        rememberedSession("session-1", "alice", T0.minusSeconds(60));
        String hint = idTokens.sign("app", Map.of("sub", "alice"), null, null);

        assertThat(flowOf(startLogin(visit("id_token_hint", hint))).loginSkip()).isTrue();
    }

    @Test
    void whenIdTokenHintNamesAnotherSubjectThenLoginRequired() {
        // Hydra v1.10's message: "Request failed because subject claim from id_token_hint does not match ...".
        rememberedSession("session-1", "alice", T0.minusSeconds(60));
        String hint = idTokens.sign("app", Map.of("sub", "mallory"), null, null);
        Visit v = visit("id_token_hint", hint);

        AuthorizeException e = failure(() -> strategy.startLogin(v.auth(), browser(v)));

        assertThat(e.error().error()).isEqualTo("login_required");
        assertThat(e.error().hint()).contains("id_token_hint does not match");
        assertThat(e.redirectUri()).isEqualTo("https://app.example/cb");
    }

    @Test
    void whenPairwiseClientSendsItsOwnIdTokenAsHintThenLoginIsSkipped() {
        OAuth2Client pairwise = register(new OAuth2Client.Builder().clientId("rp").subjectType("pairwise")
                .tokenEndpointAuthMethod("client_secret_basic").redirectUris(List.of("https://rp.example/cb"))
                .scope("openid"));
        rememberedSession("session-1", "alice", T0.minusSeconds(60));
        String sub = new SubjectIdentifiers("pairwise-salt").forClient(pairwise, "alice", null);
        String hint = idTokens.sign("rp", Map.of("sub", sub), null, null);

        Flow flow = flowOf(startLogin(visit("client_id", "rp", "redirect_uri", "https://rp.example/cb",
                "scope", "openid", "id_token_hint", hint)));

        assertThat(flow.loginSkip()).isTrue();
    }

    // ---- Step 5-7: verify authentication -----------------------------------------------------------------------

    @Test
    void whenLoginWasAcceptedThenTheBrowserGoesToTheConsentUiWithCookiesRotated() {
        Visit v = visit();
        FlowOutcome.Redirect toLogin = startLogin(v);
        String loginCsrfCookie = cookies.name(SessionCookies.LOGIN_CSRF);

        FlowOutcome.Redirect toConsent = afterLogin(v, loginApp(toLogin, acceptLogin("alice", false, null)));

        String challenge = param(toConsent.location(), "consent_challenge");
        assertThat(toConsent.location()).isEqualTo(CONSENT_UI + "&consent_challenge=" + challenge);
        Flow flow = flows.byConsentChallenge(challenge).orElseThrow();
        assertThat(flow.state()).isEqualTo(FlowState.CONSENT_INITIALIZED);
        assertThat(flow.authenticatedSubject()).isEqualTo("alice");
        assertThat(flow.consentSkip()).isFalse();
        assertThat(jar).doesNotContainKey(loginCsrfCookie);
        assertThat(cookies.read(jar, SessionCookies.CONSENT_CSRF)).contains(flow.consentCsrf());
        ConsentRequest request = admin.getConsentRequest(challenge);
        assertThat(request.subject()).isEqualTo("alice");
        assertThat(request.loginChallenge()).isEqualTo(flow.loginChallenge());
        assertThat(request.acr()).isEqualTo("urn:acr:pwd");
        assertThat(request.context()).containsEntry("device", "laptop");
    }

    @Test
    void whenLoginWasRejectedThenTheDenialIsTheAuthorizationError() {
        // As in Hydra v1.10, the reject body surfaces to the client's redirect URI.
        Visit v = visit();
        String challenge = param(startLogin(v).location(), "login_challenge");
        String redirectTo = admin.rejectLogin(challenge, new RequestDenial("access_denied",
                "The resource owner denied the request", "Wrong password.", null, 403)).redirectTo();

        AuthorizeException e = failure(() -> afterLogin(v, param(redirectTo, "login_verifier")));

        assertThat(e.error().error()).isEqualTo("access_denied");
        assertThat(e.error().description()).isEqualTo("The resource owner denied the request");
        assertThat(e.error().hint()).isEqualTo("Wrong password.");
        assertThat(e.error().status()).isEqualTo(403);
        assertThat(e.redirectUri()).isEqualTo("https://app.example/cb");
        assertThat(e.state()).isEqualTo(STATE);
    }

    @Test
    void whenLoginWasRejectedWithoutDetailsThenHydrasDefaultsAreUsed() {
        // As in Hydra v1.10, "login request denied", status 400.
        Visit v = visit();
        String challenge = param(startLogin(v).location(), "login_challenge");
        String redirectTo = admin.rejectLogin(challenge, null).redirectTo();

        AuthorizeException e = failure(() -> afterLogin(v, param(redirectTo, "login_verifier")));

        assertThat(e.error().error()).isEqualTo("login request denied");
        assertThat(e.error().status()).isEqualTo(400);
        assertThat(e.error().fullDescription()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            // seconds from the request to the browser's return, expired?
            "1800, false",
            "1801, true",
    })
    void whenBrowserReturnsAfterTheRequestTtlThenRequestUnauthorized(long elapsed, boolean expired) {
        // The request has expired: requested_at + ttl.login_consent_request < now.
        Visit v = visit();
        String verifier = loginApp(startLogin(v), acceptLogin("alice", false, null));
        clock.set(T0.plusSeconds(elapsed));

        if (expired) {
            AuthorizeException e = failure(() -> afterLogin(v, verifier));
            assertThat(e.error().error()).isEqualTo("request_unauthorized");
            assertThat(e.error().hint()).isEqualTo("The login request has expired. Please try again.");
        } else {
            assertThat(afterLogin(v, verifier).location()).contains("consent_challenge=");
        }
    }

    enum CsrfProblem {
        MISSING, FROM_ANOTHER_FLOW, FORGED, UNDER_THE_SESSION_NAME
    }

    @ParameterizedTest
    @EnumSource(CsrfProblem.class)
    void whenLoginCsrfCookieIsMissingOrWrongThenRequestForbidden(CsrfProblem problem) {
        // As in Hydra v1.10, the CSRF cookie must match the stored value, or request_forbidden.
        Visit v = visit();
        FlowOutcome.Redirect toLogin = startLogin(v);
        String csrfName = cookies.name(SessionCookies.LOGIN_CSRF);
        String mine = jar.get(csrfName);
        switch (problem) {
            case MISSING -> jar.remove(csrfName);
            case FROM_ANOTHER_FLOW -> startLogin(visit());
            case FORGED -> jar.put(csrfName, new SessionCookies(List.of(new byte[32]), false)
                    .set(SessionCookies.LOGIN_CSRF, flowOf(toLogin).loginCsrf(), null).value());
            case UNDER_THE_SESSION_NAME -> {
                jar.remove(csrfName);
                jar.put(cookies.name(SessionCookies.SESSION), mine);
            }
        }
        String verifier = loginApp(toLogin, acceptLogin("alice", false, null));

        AuthorizeException e = failure(() -> afterLogin(v, verifier));

        assertThat(e.error().error()).isEqualTo("request_forbidden");
        assertThat(e.redirectUri()).isEqualTo("https://app.example/cb");
        assertThat(e.state()).isEqualTo(STATE);
    }

    @Test
    void whenLoginVerifierIsUsedTwiceThenAccessDenied() {
        // As in Hydra v1.10, an unknown or used verifier -> access_denied.
        Visit v = visit();
        String verifier = loginApp(startLogin(v), acceptLogin("alice", false, null));
        afterLogin(v, verifier);
        store(List.of(cookies.set(SessionCookies.LOGIN_CSRF, "irrelevant", null)));

        AuthorizeException e = failure(() -> afterLogin(v, verifier));

        assertThat(e.error().error()).isEqualTo("access_denied");
        assertThat(e.error().hint()).isEqualTo("The login verifier has already been used, has not been granted, or "
                + "is invalid.");
        assertThat(e.state()).isEqualTo(STATE);
    }

    @Test
    void whenLoginVerifierIsUnknownOrNotYetGrantedThenAccessDenied() {
        Visit v = visit();
        Flow flow = flowOf(startLogin(v));

        assertThat(failure(() -> afterLogin(v, "0123456789abcdef0123456789abcdef")).error().error())
                .isEqualTo("access_denied");
        assertThat(failure(() -> afterLogin(v, flow.loginVerifier())).error().error())
                .as("the login app has not answered yet").isEqualTo("access_denied");
    }

    @Test
    void whenBrowserComesBackWithAnotherRequestUrlThenAccessDenied() {
        // The verifier is bound to the request it was issued for: no scope or redirect swapped on the way back.
        Visit v = visit();
        String verifier = loginApp(startLogin(v), acceptLogin("alice", false, null));
        Visit swapped = visit("scope", "openid offline photos.read");

        AuthorizeException e = failure(() -> afterLogin(swapped, verifier));

        assertThat(e.error().error()).isEqualTo("access_denied");
        assertThat(afterLogin(v, verifier).location()).as("the original request still works")
                .contains("consent_challenge=");
    }

    @Test
    void whenVerifierOfAnotherClientIsPresentedThenAccessDenied() {
        Visit v = visit();
        String verifier = loginApp(startLogin(v), acceptLogin("alice", false, null));
        Visit other = spaVisit("https://spa.example/cb");

        assertThat(failure(() -> afterLogin(new Visit(other.auth(), v.requestUrl()), verifier)).error().error())
                .isEqualTo("access_denied");
    }

    @ParameterizedTest
    @CsvSource({
            // remember, remember_for, expected Max-Age of the session cookie (empty: browser session, -1: deleted)
            "true,  3600, 3600",
            "true,  0,    ",
            "false, 3600, -1",
            "false, 0,    -1",
    })
    void whenLoginIsRememberedThenTheSessionCookieLivesForRememberFor(boolean remember, long rememberFor,
                                                                      Long maxAge) {
        // As in Hydra v1.10, Max-Age = remember_for (0 -> session cookie); remember=false -> cookie expired.
        Visit v = visit();
        FlowOutcome.Redirect toLogin = startLogin(v);
        Flow started = flowOf(toLogin);
        String verifier = loginApp(toLogin, acceptLogin("alice", remember, rememberFor));

        FlowOutcome.Redirect toConsent = afterLogin(v, verifier);

        SessionCookies.CookieChange session = toConsent.cookies().stream()
                .filter(c -> c.name().equals("oauth2_authentication_session_insecure")).findFirst().orElseThrow();
        if (maxAge == null) {
            assertThat(session.maxAge()).isNull();
        } else if (maxAge < 0) {
            assertThat(session.maxAge()).isEqualTo(Duration.ZERO);
        } else {
            assertThat(session.maxAge()).isEqualTo(Duration.ofSeconds(maxAge));
        }
        if (remember) {
            assertThat(cookies.read(jar, SessionCookies.SESSION)).contains(started.loginSessionId());
        } else {
            assertThat(jar).doesNotContainKey("oauth2_authentication_session_insecure");
        }
        // A session that is not remembered is not stored: no cookie points to it (decision 0006).
        assertThat(sessions.find(started.loginSessionId())).isEqualTo(remember
                ? java.util.Optional.of(new LoginSession(started.loginSessionId(), "alice", T0.plusSeconds(3), true))
                : java.util.Optional.empty());
    }

    @Test
    void whenLoginWasRememberedThenTheNextRequestSkipsItWithTheSameSubjectSessionAndAuthTime() {
        Visit v = visit();
        FlowOutcome.Authorized first = roundTrip(v, acceptLogin("alice", true, 3600L),
                acceptConsent(List.of("openid", "offline"), false, 0));
        clock.advance(Duration.ofMinutes(5));

        Flow second = flowOf(startLogin(visit()));

        assertThat(second.loginSkip()).isTrue();
        assertThat(second.subject()).isEqualTo("alice");
        assertThat(second.loginSessionId()).isEqualTo(first.flow().loginSessionId());
        assertThat(second.authTime()).isEqualTo(first.flow().authTime());
    }

    @Test
    void whenSkippedLoginIsAcceptedThenTheSessionCookieIsLeftAloneAndAuthTimeIsTheOriginal() {
        // As in Hydra v1.10, the session is only written when the login was not skipped.
        Instant authenticated = T0.minus(Duration.ofHours(2));
        rememberedSession("session-1", "alice", authenticated);
        Visit v = visit();

        FlowOutcome.Redirect toConsent = afterLogin(v, loginApp(startLogin(v), acceptLogin("alice", false, null)));

        assertThat(toConsent.cookies()).extracting(SessionCookies.CookieChange::name)
                .doesNotContain("oauth2_authentication_session_insecure");
        assertThat(sessions.find("session-1")).contains(new LoginSession("session-1", "alice", authenticated, true));
        Flow flow = flows.byConsentChallenge(param(toConsent.location(), "consent_challenge")).orElseThrow();
        assertThat(flow.authTime()).isEqualTo(authenticated);
        assertThat(flow.login().remember()).as("skip forces remember").isTrue();
    }

    @Test
    void whenASkippedLoginWasFreshEnoughAtRequestTimeThenMaxAgeIsSatisfiedEvenIfTheBrowserReturnsLater() {
        // OIDC Core §3.1.2.1: max_age is the elapsed time at the request (fosite compares with requested_at), so a
        // slow round trip through the login app does not turn a valid session into login_required.
        rememberedSession("session-1", "alice", T0.minusSeconds(50));
        Visit v = visit("max_age", "60");
        FlowOutcome.Redirect toLogin = startLogin(v);
        assertThat(flowOf(toLogin).loginSkip()).isTrue();
        String verifier = loginApp(toLogin, acceptLogin("alice", null, null));
        clock.advance(Duration.ofSeconds(30));

        FlowOutcome outcome = afterLogin(v, verifier);

        assertThat(outcome).isInstanceOf(FlowOutcome.Redirect.class);
    }

    @Test
    void whenMaxAgeIsZeroThenAFreshLoginCompletes() {
        Visit v = visit("max_age", "0");
        FlowOutcome.Redirect toLogin = startLogin(v);
        clock.advance(Duration.ofMillis(2500));
        String redirectTo = admin.acceptLogin(param(toLogin.location(), "login_challenge"),
                acceptLogin("alice", false, null)).redirectTo();

        FlowOutcome.Redirect toConsent = afterLogin(v, param(redirectTo, "login_verifier"));

        assertThat(toConsent.location()).contains("consent_challenge=");
    }

    @Test
    void whenLoginAppAuthenticatesSomeoneElseThanTheIdTokenHintThenLoginRequired() {
        String hint = idTokens.sign("app", Map.of("sub", "alice"), null, null);
        Visit v = visit("id_token_hint", hint);
        String verifier = loginApp(startLogin(v), acceptLogin("mallory", false, null));

        assertThat(failure(() -> afterLogin(v, verifier)).error().error()).isEqualTo("login_required");
    }

    // ---- Step 6: consent skipping -------------------------------------------------------------------------------

    private FlowOutcome.Redirect toConsentAsAlice(Visit v) {
        return afterLogin(v, loginApp(startLogin(v), acceptLogin("alice", false, null)));
    }

    private boolean consentSkipOf(FlowOutcome.Redirect toConsent) {
        return admin.getConsentRequest(param(toConsent.location(), "consent_challenge")).skip();
    }

    @Test
    void whenConsentWasRememberedAndCoversTheScopesThenConsentIsSkipped() {
        // As in Hydra v1.10, a remembered consent covering the requested scopes -> skip=true.
        roundTrip(visit(), acceptLogin("alice", false, null), acceptConsent(List.of("openid", "offline",
                "photos.*"), true, 0));
        clock.advance(Duration.ofDays(400));

        assertThat(consentSkipOf(toConsentAsAlice(visit("scope", "openid photos.read")))).as("0 = forever")
                .isTrue();
    }

    @Test
    void whenRequestAsksForMoreThanWasRememberedThenConsentIsNotSkipped() {
        roundTrip(visit(), acceptLogin("alice", false, null), acceptConsent(List.of("openid"), true, 0));

        assertThat(consentSkipOf(toConsentAsAlice(visit("scope", "openid offline")))).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
            // remember_for, seconds from the consent to the next consent check, skip expected
            "600, 599, true",
            "600, 600, true",
            "600, 601, false",
    })
    void whenRememberedConsentExpiresThenItIsNoLongerSkipped(long rememberFor, long later, boolean skip) {
        // As in Hydra v1.10, a remembered consent is reused for remember_for seconds.
        roundTrip(visit(), acceptLogin("alice", false, null), acceptConsent(List.of("openid", "offline"), true,
                rememberFor));
        // The next login app answer takes 3 s (loginApp), so the consent check happens at later seconds.
        clock.advance(Duration.ofSeconds(later - 3));

        assertThat(consentSkipOf(toConsentAsAlice(visit()))).isEqualTo(skip);
    }

    @Test
    void whenConsentWasNotRememberedOrGivenToAnotherSubjectThenItIsNotSkipped() {
        roundTrip(visit(), acceptLogin("alice", false, null), acceptConsent(List.of("openid", "offline"), false, 0));
        roundTrip(visit(), acceptLogin("bob", false, null), acceptConsent(List.of("openid", "offline"), true, 0));

        assertThat(consentSkipOf(toConsentAsAlice(visit()))).isFalse();
    }

    @Test
    void whenPromptIsConsentThenARememberedConsentIsNeverSkipped() {
        // OIDC Core §3.1.2.1 prompt=consent: the server must prompt for consent.
        roundTrip(visit(), acceptLogin("alice", false, null), acceptConsent(List.of("openid", "offline"), true, 0));

        assertThat(consentSkipOf(toConsentAsAlice(visit("prompt", "consent")))).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
            "http://insecure.example/cb, false",
            "https://spa.example/cb,     true",
            "http://127.0.0.1:5555/cb,   true",
            "com.example.spa:/cb,        true",
    })
    void whenPublicClientUsesAnInsecureRedirectThenConsentIsNeverSkipped(String redirectUri, boolean skip) {
        // As in Hydra v1.10, a public client with a non-https (non-loopback) redirect could be anyone.
        roundTrip(spaVisit(redirectUri), acceptLogin("alice", false, null), acceptConsent(List.of("openid"), true,
                0));

        assertThat(consentSkipOf(toConsentAsAlice(spaVisit(redirectUri)))).isEqualTo(skip);
    }

    @Test
    void whenPromptIsNoneAndConsentIsNotRememberedThenConsentRequired() {
        rememberedSession("session-1", "alice", T0.minusSeconds(60));
        Visit v = visit("prompt", "none");
        String verifier = loginApp(startLogin(v), acceptLogin("alice", null, null));

        AuthorizeException e = failure(() -> afterLogin(v, verifier));

        assertThat(e.error().error()).isEqualTo("consent_required");
        assertThat(e.error().hint()).isEqualTo("Prompt 'none' was requested, but no previous consent was found.");
        assertThat(e.redirectUri()).isEqualTo("https://app.example/cb");
        assertThat(e.state()).isEqualTo(STATE);
    }

    @Test
    void whenPromptIsNoneForAPublicClientWithAnInsecureRedirectThenConsentRequiredEvenIfRemembered() {
        roundTrip(spaVisit("http://insecure.example/cb"), acceptLogin("alice", true, 3600L),
                acceptConsent(List.of("openid"), true, 0));
        Visit v = spaVisit("http://insecure.example/cb", "prompt", "none");
        String verifier = loginApp(startLogin(v), acceptLogin("alice", null, null));

        assertThat(failure(() -> afterLogin(v, verifier)).error().error()).isEqualTo("consent_required");
    }

    @Test
    void whenPromptIsNoneWithRememberedLoginAndConsentThenTheWholeFlowSucceedsSilently() {
        roundTrip(visit(), acceptLogin("alice", true, 3600L), acceptConsent(List.of("openid", "offline"), true, 0));
        Visit v = visit("prompt", "none");

        FlowOutcome.Redirect toConsent = afterLogin(v, loginApp(startLogin(v), acceptLogin("alice", null, null)));
        assertThat(consentSkipOf(toConsent)).isTrue();
        FlowOutcome.Authorized done = afterConsent(v, consentApp(toConsent, acceptConsent(List.of("openid",
                "offline"), false, 0)));

        assertThat(done.flow().authenticatedSubject()).isEqualTo("alice");
    }

    // ---- Step 9: verify consent ---------------------------------------------------------------------------------

    @Test
    void whenConsentWasAcceptedThenTheFlowIsAuthorizedWithWhatWasGranted() {
        Visit v = visit();
        FlowOutcome.Redirect toConsent = afterLogin(v, loginApp(startLogin(v), acceptLogin("alice", true, 3600L)));
        String verifier = consentApp(toConsent, acceptConsent(List.of("openid", "offline"), true, 3600));

        FlowOutcome outcome = strategy.afterConsent(v.auth(), verifier, browser(v));

        assertThat(outcome).isInstanceOf(FlowOutcome.Authorized.class);
        Flow flow = ((FlowOutcome.Authorized) outcome).flow();
        assertThat(flow.state()).isEqualTo(FlowState.CONSENT_USED);
        assertThat(flows.byConsentVerifier(verifier)).contains(flow);
        assertThat(outcome.cookies()).containsExactly(cookies.delete(SessionCookies.CONSENT_CSRF));
        // What the protocol core issues from once login and consent are done.
        AuthorizedGrant grant = flow.authorizedGrant();
        assertThat(grant.subject()).isEqualTo("alice");
        assertThat(grant.grantedScopes()).containsExactly("openid", "offline");
        assertThat(grant.accessTokenClaims()).containsEntry("role", "admin");
        assertThat(grant.idTokenClaims()).containsEntry("email", "alice@example.com");
        assertThat(grant.authTime()).isEqualTo(T0.plusSeconds(3));
        assertThat(grant.requestedAt()).isEqualTo(T0);
        assertThat(grant.acr()).isEqualTo("urn:acr:pwd");
        assertThat(grant.amr()).containsExactly("pwd");
        assertThat(grant.sessionId()).isEqualTo(flow.loginSessionId());
        assertThat(grant.consentChallenge()).isEqualTo(flow.consentChallenge());
    }

    @Test
    void whenConsentVerifierIsUsedTwiceThenAccessDenied() {
        Visit v = visit();
        FlowOutcome.Redirect toConsent = toConsentAsAlice(v);
        String verifier = consentApp(toConsent, acceptConsent(List.of("openid"), false, 0));
        String csrf = jar.get(cookies.name(SessionCookies.CONSENT_CSRF));
        afterConsent(v, verifier);
        jar.put(cookies.name(SessionCookies.CONSENT_CSRF), csrf);

        AuthorizeException e = failure(() -> afterConsent(v, verifier));

        assertThat(e.error().error()).isEqualTo("access_denied");
        assertThat(e.error().hint()).isEqualTo("The consent verifier has already been used, has not been granted, "
                + "or is invalid.");
    }

    @Test
    void whenConsentWasRejectedThenTheDenialIsTheAuthorizationError() {
        Visit v = visit();
        FlowOutcome.Redirect toConsent = toConsentAsAlice(v);
        String redirectTo = admin.rejectConsent(param(toConsent.location(), "consent_challenge"), null)
                .redirectTo();

        AuthorizeException e = failure(() -> afterConsent(v, param(redirectTo, "consent_verifier")));

        assertThat(e.error().error()).isEqualTo("consent request denied");
        assertThat(e.error().status()).isEqualTo(400);
        assertThat(e.redirectUri()).isEqualTo("https://app.example/cb");
        assertThat(e.state()).isEqualTo(STATE);
    }

    @Test
    void whenConsentCsrfCookieIsMissingThenRequestForbidden() {
        Visit v = visit();
        String verifier = consentApp(toConsentAsAlice(v), acceptConsent(List.of("openid"), false, 0));
        jar.remove(cookies.name(SessionCookies.CONSENT_CSRF));

        assertThat(failure(() -> afterConsent(v, verifier)).error().error()).isEqualTo("request_forbidden");
    }

    @Test
    void whenConsentRoundTripIsSlowerThanTheTtlThenRequestUnauthorized() {
        Visit v = visit();
        FlowOutcome.Redirect toConsent = toConsentAsAlice(v);
        String verifier = consentApp(toConsent, acceptConsent(List.of("openid"), false, 0));
        clock.advance(TTL);

        AuthorizeException e = failure(() -> afterConsent(v, verifier));

        assertThat(e.error().error()).isEqualTo("request_unauthorized");
        assertThat(e.error().hint()).isEqualTo("The consent request has expired, please try again.");
    }

    @Test
    void whenLoginVerifierIsPresentedAsConsentVerifierThenAccessDenied() {
        Visit v = visit();
        String loginVerifier = loginApp(startLogin(v), acceptLogin("alice", false, null));

        assertThat(failure(() -> afterConsent(v, loginVerifier)).error().error()).isEqualTo("access_denied");
    }

    @Test
    void whenRequestHasNoIdTokenHintThenTheHintReaderIsNeverConsulted() {
        ConsentStrategy noHints = new ConsentStrategy(flows, sessions, cookies, ScopeStrategy.WILDCARD,
                hint -> {
                    throw new AssertionError("hint reader called");
                }, new SubjectIdentifiers("pairwise-salt"), LOGIN_UI, CONSENT_UI, TTL,
                RememberedSignIns.off(), clock);
        rememberedSession("session-1", "alice", T0.minusSeconds(60));
        Visit v = visit();

        FlowOutcome outcome = noHints.startLogin(v.auth(), browser(v));

        assertThat(outcome).isInstanceOf(FlowOutcome.Redirect.class);
    }
}
