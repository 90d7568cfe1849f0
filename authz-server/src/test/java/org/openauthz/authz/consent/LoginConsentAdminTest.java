package org.openauthz.authz.consent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.openauthz.authz.client.OAuth2Client;
import org.openauthz.authz.client.StoredClient;
import org.openauthz.authz.consent.admin.AcceptConsent;
import org.openauthz.authz.consent.admin.AcceptLogin;
import org.openauthz.authz.consent.admin.ConsentRequest;
import org.openauthz.authz.consent.admin.ConsentSession;
import org.openauthz.authz.consent.admin.LoginRequest;
import org.openauthz.authz.consent.admin.PreviousConsentSession;
import org.openauthz.authz.consent.admin.RedirectTo;
import org.openauthz.authz.oauth2.OAuth2Error;
import org.openauthz.authz.oauth2.OAuth2Exception;
import org.openauthz.authz.oauth2.token.TokenKind;
import org.openauthz.authz.oauth2.token.TokenRecord;
import org.openauthz.authz.persistence.memory.InMemoryClientStore;
import org.openauthz.authz.persistence.memory.InMemoryDatabase;
import org.openauthz.authz.persistence.memory.InMemoryFlowStore;
import org.openauthz.authz.persistence.memory.InMemoryLoginSessionStore;
import org.openauthz.authz.persistence.memory.InMemoryTokenStore;
import org.openauthz.authz.storage.Page;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The admin side of login and consent (docs/custom-idp.md §3 to §5, with Hydra v1.10's rules): what the login and
 * consent apps read, how their answers are checked and stored, and the consent and login session endpoints.
 */
class LoginConsentAdminTest {
    static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    static final Duration TTL = Duration.ofMinutes(30);
    static final String REQUEST_URL = "https://auth.example/oauth2/auth?client_id=app&response_type=code"
            + "&state=state-0123456789";

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryDatabase db = new InMemoryDatabase();
    private final InMemoryClientStore clients = new InMemoryClientStore(db);
    private final InMemoryFlowStore flows = new InMemoryFlowStore(db);
    private final InMemoryLoginSessionStore sessions = new InMemoryLoginSessionStore(db);
    private final InMemoryTokenStore tokens = new InMemoryTokenStore(db);
    private final LoginConsentAdmin admin = new LoginConsentAdmin(flows, sessions, tokens,
            id -> clients.find(id).map(StoredClient::client), TTL, clock);
    private final OAuth2Client app = new OAuth2Client.Builder().clientId("app").clientName("The App")
            .tokenEndpointAuthMethod("client_secret_basic").redirectUris(List.of("https://app.example/cb"))
            .scope("openid offline").createdAt(T0).updatedAt(T0).build();

    LoginConsentAdminTest() {
        clients.create(new StoredClient(app, "$pbkdf2-sha256$unused"));
        clients.create(new StoredClient(app.toBuilder().clientId("other").build(), "$pbkdf2-sha256$unused"));
    }

    private Flow created(String id, boolean skip, String subject) {
        return created(id, "app", skip, subject);
    }

    private Flow created(String id, String clientId, boolean skip, String subject) {
        Flow flow = Flow.start("lc-" + id, "lv-" + id, "lcsrf-" + id, REQUEST_URL, clientId,
                List.of("openid", "offline"), List.of("https://api.example/"),
                Map.of("login_hint", "alice@example.com", "ui_locales", List.of("de")), skip, subject,
                "session-" + id, clock.instant(), skip ? T0.minus(Duration.ofHours(1)) : null);
        flows.create(flow);
        return flow;
    }

    static AcceptLogin accept(String subject) {
        return new AcceptLogin(subject, true, 3600L, "urn:acr:pwd", List.of("pwd", "otp"),
                Map.of("device", "laptop"), "forced-" + subject);
    }

    static AcceptConsent grant(List<String> scopes, boolean remember) {
        return new AcceptConsent(scopes, List.of("https://api.example/"), remember, 600L,
                new ConsentSession(Map.of("role", "admin"), Map.of("email", "alice@example.com")),
                Instant.parse("1999-01-01T00:00:00Z"));
    }

    /** The browser came back with the login verifier (what ConsentStrategy.afterLogin writes). */
    private Flow loginUsed(String id, String clientId, String subject) {
        created(id, clientId, false, "");
        admin.acceptLogin("lc-" + id, accept(subject));
        Flow.Transition use = flows.byLoginChallenge("lc-" + id).orElseThrow().useLoginVerifier();
        assertThat(flows.update(use)).isTrue();
        return use.next();
    }

    private Flow consentStarted(String id, String clientId, String subject) {
        Flow used = loginUsed(id, clientId, subject);
        Flow.Transition start = used.startConsent("cc-" + id, "cv-" + id, "ccsrf-" + id, false, clock.instant());
        assertThat(flows.update(start)).isTrue();
        return start.next();
    }

    private Flow consentUsed(String id, String clientId, String subject, AcceptConsent body) {
        consentStarted(id, clientId, subject);
        admin.acceptConsent("cc-" + id, body);
        Flow.Transition use = flows.byConsentChallenge("cc-" + id).orElseThrow().useConsentVerifier();
        assertThat(flows.update(use)).isTrue();
        return use.next();
    }

    private static OAuth2Error failure(Runnable call) {
        OAuth2Exception e = catchThrowableOfType(OAuth2Exception.class, call::run);
        assertThat(e).as("an OAuth2Exception").isNotNull();
        return e.error();
    }

    // ---- login requests -----------------------------------------------------------------------------------------

    @Test
    void whenLoginRequestIsReadThenItShowsWhatTheLoginAppNeeds() {
        created("1", false, "");

        LoginRequest request = admin.getLoginRequest("lc-1");

        // Hydra v1.10's login request (docs/custom-idp.md §3).
        assertThat(request.challenge()).isEqualTo("lc-1");
        assertThat(request.requestedScope()).containsExactly("openid", "offline");
        assertThat(request.requestedAudience()).containsExactly("https://api.example/");
        assertThat(request.skip()).isFalse();
        assertThat(request.subject()).as("\"\" unless skip").isEmpty();
        assertThat(request.oidcContext()).containsEntry("login_hint", "alice@example.com")
                .containsEntry("ui_locales", List.of("de"));
        assertThat(request.client()).isEqualTo(app);
        assertThat(request.client().clientSecret()).isNull();
        assertThat(request.requestUrl()).isEqualTo(REQUEST_URL);
        assertThat(request.sessionId()).isEqualTo("session-1");
    }

    @Test
    void whenSkippedLoginRequestIsReadThenItCarriesTheRememberedSubject() {
        created("1", true, "alice");

        LoginRequest request = admin.getLoginRequest("lc-1");

        assertThat(request.skip()).isTrue();
        assertThat(request.subject()).isEqualTo("alice");
    }

    @Test
    void whenLoginRequestWasAcceptedButNotUsedThenItCanStillBeRead() {
        created("1", false, "");
        admin.acceptLogin("lc-1", accept("alice"));

        assertThat(admin.getLoginRequest("lc-1").challenge()).isEqualTo("lc-1");
    }

    @Test
    void whenLoginRequestWasUsedThenReadingItIsAlreadyHandledWithTheRequestUrl() {
        // As in Hydra v1.10.2+, 410 with redirect_to, not 404.
        loginUsed("1", "app", "alice");

        LoginConsentAdmin.AlreadyHandled e = catchThrowableOfType(LoginConsentAdmin.AlreadyHandled.class,
                () -> admin.getLoginRequest("lc-1"));

        assertThat(e).isNotNull();
        assertThat(e.redirectTo()).isEqualTo(REQUEST_URL);
    }

    @Test
    void whenLoginIsAcceptedThenTheAnswerIsStoredAndRedirectToCarriesTheVerifier() {
        created("1", false, "");
        clock.advance(Duration.ofMillis(2500));

        RedirectTo answer = admin.acceptLogin("lc-1", accept("alice"));

        // As in Hydra v1.10, redirect_to = request_url + &login_verifier=<verifier>.
        assertThat(answer.redirectTo()).isEqualTo(REQUEST_URL + "&login_verifier=lv-1");
        Flow flow = flows.byLoginChallenge("lc-1").orElseThrow();
        assertThat(flow.state()).isEqualTo(FlowState.LOGIN_UNUSED);
        // authenticated_at = now truncated to seconds.
        assertThat(flow.login()).isEqualTo(new Flow.LoginOutcome("alice", true, 3600, "urn:acr:pwd",
                List.of("pwd", "otp"), Map.of("device", "laptop"), "forced-alice", null, T0.plusSeconds(2)));
        assertThat(flow.authTime()).isEqualTo(T0.plusSeconds(2));
    }

    @Test
    void whenLoginIsAcceptedWithOnlyASubjectThenTheRestDefaults() {
        created("1", false, "");

        admin.acceptLogin("lc-1", new AcceptLogin("alice", null, null, null, null, null, null));

        Flow.LoginOutcome login = flows.byLoginChallenge("lc-1").orElseThrow().login();
        assertThat(login.remember()).isFalse();
        assertThat(login.rememberFor()).isZero();
        assertThat(login.rejected()).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    void whenLoginIsAcceptedWithoutSubjectThenInvalidRequest(String subject) {
        created("1", false, "");

        OAuth2Error error = failure(() -> admin.acceptLogin("lc-1", accept(subject)));

        assertThat(error.error()).isEqualTo("invalid_request");
        assertThat(error.status()).isEqualTo(400);
        assertThat(error.hint()).isEqualTo("Field 'subject' must not be empty.");
        assertThat(flows.byLoginChallenge("lc-1").orElseThrow().state()).isEqualTo(FlowState.LOGIN_INITIALIZED);
    }

    @Test
    void whenSkippedLoginIsAcceptedWithAnotherSubjectThenInvalidRequest() {
        // As in Hydra v1.10, skipped logins must be accepted with the same subject.
        created("1", true, "alice");

        OAuth2Error error = failure(() -> admin.acceptLogin("lc-1", accept("mallory")));

        assertThat(error.error()).isEqualTo("invalid_request");
        assertThat(error.hint()).isEqualTo("Field 'subject' does not match subject from previous authentication.");
        assertThat(error.fullDescription()).contains("does not match");
    }

    @Test
    void whenSkippedLoginIsAcceptedWithoutRememberThenRememberIsForcedAndAuthTimeKept() {
        // As in Hydra v1.10, skip forces remember=true and keeps auth_time.
        created("1", true, "alice");
        clock.advance(Duration.ofMinutes(1));

        admin.acceptLogin("lc-1", new AcceptLogin("alice", false, null, null, null, null, null));

        Flow flow = flows.byLoginChallenge("lc-1").orElseThrow();
        assertThat(flow.login().remember()).isTrue();
        assertThat(flow.authTime()).isEqualTo(T0.minus(Duration.ofHours(1)));
    }

    @Test
    void whenRememberForIsNegativeThenInvalidRequest() {
        created("1", false, "");
        consentStarted("2", "app", "alice");

        assertThat(failure(() -> admin.acceptLogin("lc-1",
                new AcceptLogin("alice", true, -1L, null, null, null, null))).error())
                .isEqualTo("invalid_request");
        assertThat(failure(() -> admin.acceptConsent("cc-2",
                new AcceptConsent(List.of(), List.of(), true, -1L, null, null))).error())
                .isEqualTo("invalid_request");
    }

    @Test
    void whenLoginIsAcceptedTwiceBeforeTheVerifierIsUsedThenTheSecondAnswerWins() {
        // As in Hydra v1.10, the request stays answerable until its verifier is used.
        created("1", false, "");
        admin.acceptLogin("lc-1", accept("alice"));

        RedirectTo again = admin.acceptLogin("lc-1", accept("bob"));

        assertThat(again.redirectTo()).isEqualTo(REQUEST_URL + "&login_verifier=lv-1");
        assertThat(flows.byLoginChallenge("lc-1").orElseThrow().login().subject()).isEqualTo("bob");
    }

    @Test
    void whenLoginIsRejectedAfterAnAcceptBeforeUseThenTheRejectionWins() {
        created("1", false, "");
        admin.acceptLogin("lc-1", accept("alice"));

        admin.rejectLogin("lc-1", null);

        assertThat(flows.byLoginChallenge("lc-1").orElseThrow().login().rejected()).isTrue();
    }

    @Test
    void whenLoginIsAnsweredAfterTheVerifierWasUsedThenConflict() {
        loginUsed("1", "app", "alice");

        OAuth2Error accept = failure(() -> admin.acceptLogin("lc-1", accept("alice")));
        OAuth2Error reject = failure(() -> admin.rejectLogin("lc-1", null));

        assertThat(accept.error()).isEqualTo("Conflict");
        assertThat(accept.status()).isEqualTo(409);
        assertThat(accept.description()).isEqualTo("The login request was already used and can not be handled "
                + "again.");
        assertThat(reject.status()).isEqualTo(409);
    }

    @ParameterizedTest
    @CsvSource({
            // seconds after the request, expired?
            "1800, false",
            "1801, true",
    })
    void whenLoginRequestIsOlderThanTheTtlThenItsAnswerIsGone(long elapsed, boolean expired) {
        created("1", false, "");
        clock.advance(Duration.ofSeconds(elapsed));

        if (expired) {
            OAuth2Error error = failure(() -> admin.acceptLogin("lc-1", accept("alice")));
            assertThat(error.error()).isEqualTo("request_expired");
            assertThat(error.status()).isEqualTo(410);
            assertThat(failure(() -> admin.rejectLogin("lc-1", null)).status()).isEqualTo(410);
            assertThat(flows.byLoginChallenge("lc-1").orElseThrow().state()).isEqualTo(FlowState.LOGIN_INITIALIZED);
        } else {
            assertThat(admin.acceptLogin("lc-1", accept("alice")).redirectTo()).contains("login_verifier=");
        }
    }

    @Test
    void whenLoginIsRejectedWithoutABodyThenHydrasDefaultsAreStored() {
        // As in Hydra v1.10, "login request denied", status 400.
        created("1", false, "");

        RedirectTo answer = admin.rejectLogin("lc-1", null);

        assertThat(answer.redirectTo()).isEqualTo(REQUEST_URL + "&login_verifier=lv-1");
        Flow.LoginOutcome login = flows.byLoginChallenge("lc-1").orElseThrow().login();
        assertThat(login.error()).isEqualTo(new RequestDenial("login request denied", null, null, null, 400));
        assertThat(login.subject()).isNull();
        assertThat(login.remember()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(value = {
            // error, status given, error stored, status stored
            "NULL,          NULL, login request denied, 400",
            "'',            0,    login request denied, 400",
            "access_denied, NULL, access_denied,        400",
            "access_denied, 403,  access_denied,        403",
    }, nullValues = "NULL")
    void whenLoginIsRejectedThenMissingFieldsGetHydrasDefaults(String error, Integer status, String storedError,
                                                               int storedStatus) {
        created("1", false, "");

        admin.rejectLogin("lc-1", new RequestDenial(error, "The resource owner denied the request", "hint",
                "debug", status));

        RequestDenial stored = flows.byLoginChallenge("lc-1").orElseThrow().login().error();
        assertThat(stored).isEqualTo(new RequestDenial(storedError, "The resource owner denied the request", "hint",
                "debug", storedStatus));
    }

    // ---- consent requests ---------------------------------------------------------------------------------------

    @Test
    void whenConsentRequestIsReadThenItShowsTheLoginsOutcome() {
        consentStarted("1", "app", "alice");

        ConsentRequest request = admin.getConsentRequest("cc-1");

        // Hydra v1.10's consent request (docs/custom-idp.md §3).
        assertThat(request.challenge()).isEqualTo("cc-1");
        assertThat(request.requestedScope()).containsExactly("openid", "offline");
        assertThat(request.requestedAudience()).containsExactly("https://api.example/");
        assertThat(request.skip()).isFalse();
        assertThat(request.subject()).isEqualTo("alice");
        assertThat(request.oidcContext()).containsEntry("login_hint", "alice@example.com");
        assertThat(request.client()).isEqualTo(app);
        assertThat(request.requestUrl()).isEqualTo(REQUEST_URL);
        assertThat(request.loginChallenge()).isEqualTo("lc-1");
        assertThat(request.loginSessionId()).isEqualTo("session-1");
        assertThat(request.acr()).isEqualTo("urn:acr:pwd");
        assertThat(request.amr()).containsExactly("pwd", "otp");
        assertThat(request.context()).containsEntry("device", "laptop");
    }

    @Test
    void whenConsentRequestWasUsedThenReadingItIsAlreadyHandled() {
        consentUsed("1", "app", "alice", grant(List.of("openid"), true));

        LoginConsentAdmin.AlreadyHandled e = catchThrowableOfType(LoginConsentAdmin.AlreadyHandled.class,
                () -> admin.getConsentRequest("cc-1"));

        assertThat(e).isNotNull();
        assertThat(e.redirectTo()).isEqualTo(REQUEST_URL);
    }

    @Test
    void whenConsentIsAcceptedThenTheGrantIsStoredWithServerTimeAndRedirectToCarriesTheVerifier() {
        consentStarted("1", "app", "alice");
        clock.advance(Duration.ofMillis(4700));

        RedirectTo answer = admin.acceptConsent("cc-1", grant(List.of("openid", "offline"), true));

        assertThat(answer.redirectTo()).isEqualTo(REQUEST_URL + "&consent_verifier=cv-1");
        Flow flow = flows.byConsentChallenge("cc-1").orElseThrow();
        assertThat(flow.state()).isEqualTo(FlowState.CONSENT_UNUSED);
        // As in Hydra v1.10, handled_at is accepted but overwritten by server time.
        assertThat(flow.consent()).isEqualTo(new Flow.ConsentOutcome(List.of("openid", "offline"),
                List.of("https://api.example/"), true, 600, Map.of("role", "admin"),
                Map.of("email", "alice@example.com"), null, T0.plusSeconds(4)));
    }

    @Test
    void whenConsentIsAcceptedWithAnEmptyBodyThenListsAndClaimsAreEmpty() {
        consentStarted("1", "app", "alice");

        admin.acceptConsent("cc-1", new AcceptConsent(null, null, null, null, null, null));

        Flow.ConsentOutcome consent = flows.byConsentChallenge("cc-1").orElseThrow().consent();
        assertThat(consent.grantScope()).isEmpty();
        assertThat(consent.grantAudience()).isEmpty();
        assertThat(consent.remember()).isFalse();
        assertThat(consent.rememberFor()).isZero();
        assertThat(consent.accessTokenClaims()).isEmpty();
        assertThat(consent.idTokenClaims()).isEmpty();
    }

    @Test
    void whenConsentIsRejectedWithoutABodyThenHydrasDefaultsAreStored() {
        consentStarted("1", "app", "alice");

        RedirectTo answer = admin.rejectConsent("cc-1", null);

        assertThat(answer.redirectTo()).isEqualTo(REQUEST_URL + "&consent_verifier=cv-1");
        assertThat(flows.byConsentChallenge("cc-1").orElseThrow().consent().error())
                .isEqualTo(new RequestDenial("consent request denied", null, null, null, 400));
    }

    @Test
    void whenConsentIsAcceptedTwiceBeforeUseThenTheSecondWinsButAfterUseConflict() {
        consentStarted("1", "app", "alice");
        admin.acceptConsent("cc-1", grant(List.of("openid"), false));
        admin.acceptConsent("cc-1", grant(List.of("openid", "offline"), true));
        assertThat(flows.byConsentChallenge("cc-1").orElseThrow().consent().grantScope())
                .containsExactly("openid", "offline");
        Flow handled = flows.byConsentChallenge("cc-1").orElseThrow();
        flows.update(handled.useConsentVerifier());

        OAuth2Error error = failure(() -> admin.acceptConsent("cc-1", grant(List.of("openid"), false)));

        assertThat(error.error()).isEqualTo("Conflict");
        assertThat(error.status()).isEqualTo(409);
        assertThat(error.description()).isEqualTo("The consent request was already used and can not be handled "
                + "again.");
    }

    @Test
    void whenConsentRequestIsOlderThanTheTtlThenItsAnswerIsGone() {
        consentStarted("1", "app", "alice");
        clock.advance(TTL.plusSeconds(1));

        OAuth2Error error = failure(() -> admin.acceptConsent("cc-1", grant(List.of("openid"), false)));

        assertThat(error.error()).isEqualTo("request_expired");
        assertThat(error.status()).isEqualTo(410);
    }

    // ---- unknown and missing challenges -------------------------------------------------------------------------

    @Test
    void whenChallengeIsUnknownThenNotFound() {
        List<Runnable> calls = List.of(
                () -> admin.getLoginRequest("nope"),
                () -> admin.acceptLogin("nope", accept("alice")),
                () -> admin.rejectLogin("nope", null),
                () -> admin.getConsentRequest("nope"),
                () -> admin.acceptConsent("nope", grant(List.of(), false)),
                () -> admin.rejectConsent("nope", null));

        for (Runnable call : calls) {
            OAuth2Error error = failure(call);
            assertThat(error.error()).isEqualTo("Not Found");
            assertThat(error.status()).isEqualTo(404);
            assertThat(error.description()).isEqualTo("Unable to locate the requested resource");
        }
    }

    @Test
    void whenLoginChallengeIsPresentedAsConsentChallengeThenNotFound() {
        consentStarted("1", "app", "alice");

        assertThat(failure(() -> admin.getConsentRequest("lc-1")).status()).isEqualTo(404);
        assertThat(failure(() -> admin.getLoginRequest("cc-1")).status()).isEqualTo(404);
    }

    @ParameterizedTest
    @NullAndEmptySource
    void whenChallengeIsMissingThenInvalidRequest(String challenge) {
        // Hydra v1.10's message: "Query parameter 'challenge' is not defined but should have been."
        for (Runnable call : List.<Runnable>of(() -> admin.getLoginRequest(challenge),
                () -> admin.acceptConsent(challenge, grant(List.of(), false)))) {
            OAuth2Error error = failure(call);
            assertThat(error.error()).isEqualTo("invalid_request");
            assertThat(error.hint()).isEqualTo("Query parameter 'challenge' is not defined but should have been.");
        }
    }

    // ---- consent and login sessions -----------------------------------------------------------------------------

    @Test
    void whenConsentSessionsAreListedThenEachShowsItsRequestAndGrant() {
        consentUsed("1", "app", "alice", grant(List.of("openid"), true));
        clock.advance(Duration.ofSeconds(10));
        consentUsed("2", "other", "alice", grant(List.of("openid", "offline"), false));
        consentStarted("3", "app", "alice");
        consentUsed("4", "app", "bob", grant(List.of("openid"), true));

        Page<PreviousConsentSession> page = admin.consentSessions("alice", 10, 0);

        // Hydra v1.10's PreviousConsentSession; newest first; unfinished consents are not sessions.
        assertThat(page.total()).isEqualTo(2);
        assertThat(page.items()).extracting(s -> s.consentRequest().challenge()).containsExactly("cc-2", "cc-1");
        PreviousConsentSession newest = page.items().get(0);
        assertThat(newest.consentRequest().subject()).isEqualTo("alice");
        assertThat(newest.consentRequest().client().clientId()).isEqualTo("other");
        assertThat(newest.grantScope()).containsExactly("openid", "offline");
        assertThat(newest.grantAudience()).containsExactly("https://api.example/");
        assertThat(newest.session()).isEqualTo(new ConsentSession(Map.of("role", "admin"),
                Map.of("email", "alice@example.com")));
        assertThat(newest.remember()).isFalse();
        assertThat(newest.rememberFor()).isEqualTo(600);
        assertThat(newest.handledAt()).isEqualTo(T0.plusSeconds(10));
        assertThat(admin.consentSessions("alice", 1, 1).items()).extracting(s -> s.consentRequest().challenge())
                .containsExactly("cc-1");
    }

    @ParameterizedTest
    @NullAndEmptySource
    void whenSubjectIsMissingThenSessionEndpointsAreInvalidRequests(String subject) {
        for (Runnable call : List.<Runnable>of(() -> admin.consentSessions(subject, 10, 0),
                () -> admin.revokeConsentSessions(subject, "app", false),
                () -> admin.revokeLoginSessions(subject))) {
            OAuth2Error error = failure(call);
            assertThat(error.error()).isEqualTo("invalid_request");
            assertThat(error.hint()).isEqualTo("Query parameter 'subject' is not defined but should have been.");
        }
    }

    @ParameterizedTest
    @NullAndEmptySource
    void whenNeitherClientNorAllIsGivenThenRevokingConsentIsAnInvalidRequest(String client) {
        // As in Hydra v1.10: DELETE /oauth2/auth/sessions/consent?subject=&client=|all=true.
        consentUsed("1", "app", "alice", grant(List.of("openid"), true));

        OAuth2Error error = failure(() -> admin.revokeConsentSessions("alice", client, false));

        assertThat(error.error()).isEqualTo("invalid_request");
        assertThat(error.hint()).isEqualTo("Query parameter 'client' or 'all=true' must be set.");
        assertThat(flows.byConsentChallenge("cc-1")).isPresent();
    }

    private TokenRecord token(String signature, String challenge) {
        return new TokenRecord(signature, "request-" + signature, "app", "alice", T0, T0.plusSeconds(3600),
                List.of("openid"), List.of("openid"), List.of(), List.of(), true, "{}", challenge);
    }

    @Test
    void whenConsentOfOneClientIsRevokedThenItsSessionsAndEveryTokenIssuedUnderThemGo() {
        // As in Hydra v1.10, revoking consent also kills the tokens (challenge_id = consent challenge).
        consentUsed("1", "app", "alice", grant(List.of("openid"), true));
        Flow other = consentUsed("2", "other", "alice", grant(List.of("openid"), true));
        for (TokenKind kind : TokenKind.values()) {
            tokens.insert(kind, token("under-cc-1", "cc-1"));
            tokens.insert(kind, token("under-cc-2", "cc-2"));
            tokens.insert(kind, token("client-credentials", null));
        }

        admin.revokeConsentSessions("alice", "app", false);

        assertThat(flows.byConsentChallenge("cc-1")).isEmpty();
        assertThat(flows.byConsentChallenge("cc-2")).contains(other);
        for (TokenKind kind : TokenKind.values()) {
            assertThat(tokens.find(kind, "under-cc-1")).as(kind.name()).isEmpty();
            assertThat(tokens.find(kind, "under-cc-2")).as(kind.name()).isPresent();
            assertThat(tokens.find(kind, "client-credentials")).as(kind.name()).isPresent();
        }
    }

    @Test
    void whenConsentOfAllClientsIsRevokedThenEveryOneOfTheSubjectGoes() {
        consentUsed("1", "app", "alice", grant(List.of("openid"), true));
        consentUsed("2", "other", "alice", grant(List.of("openid"), true));
        Flow bobs = consentUsed("3", "app", "bob", grant(List.of("openid"), true));
        tokens.insert(TokenKind.ACCESS_TOKEN, token("under-cc-1", "cc-1"));
        tokens.insert(TokenKind.REFRESH_TOKEN, token("under-cc-2", "cc-2"));
        tokens.insert(TokenKind.ACCESS_TOKEN, token("under-cc-3", "cc-3"));

        admin.revokeConsentSessions("alice", null, true);

        assertThat(admin.consentSessions("alice", 10, 0).total()).isZero();
        assertThat(flows.byConsentChallenge("cc-3")).contains(bobs);
        assertThat(tokens.find(TokenKind.ACCESS_TOKEN, "under-cc-1")).isEmpty();
        assertThat(tokens.find(TokenKind.REFRESH_TOKEN, "under-cc-2")).isEmpty();
        assertThat(tokens.find(TokenKind.ACCESS_TOKEN, "under-cc-3")).isPresent();
    }

    @Test
    void whenLoginSessionsOfASubjectAreRevokedThenOnlyTheirsGo() {
        // As in Hydra v1.10: DELETE /oauth2/auth/sessions/login?subject=.
        sessions.save(new LoginSession("a1", "alice", T0, true));
        sessions.save(new LoginSession("a2", "alice", T0, false));
        LoginSession bobs = new LoginSession("b1", "bob", T0, true);
        sessions.save(bobs);

        admin.revokeLoginSessions("alice");

        assertThat(sessions.find("a1")).isEmpty();
        assertThat(sessions.find("a2")).isEmpty();
        assertThat(sessions.find("b1")).contains(bobs);
    }
}
