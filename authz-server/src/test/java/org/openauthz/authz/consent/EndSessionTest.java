package org.openauthz.authz.consent;

import org.junit.jupiter.api.Test;
import org.openauthz.authz.client.OAuth2Client;
import org.openauthz.authz.client.StoredClient;
import org.openauthz.authz.crypto.AeadCipher;
import org.openauthz.authz.crypto.SystemSecrets;
import org.openauthz.authz.jwk.KeyGenerator;
import org.openauthz.authz.jwk.KeyService;
import org.openauthz.authz.oauth2.OAuth2Exception;
import org.openauthz.authz.oauth2.oidc.IdTokens;
import org.openauthz.authz.oauth2.oidc.SubjectIdentifiers;
import org.openauthz.authz.persistence.memory.InMemoryClientStore;
import org.openauthz.authz.persistence.memory.InMemoryDatabase;
import org.openauthz.authz.persistence.memory.InMemoryFlowStore;
import org.openauthz.authz.persistence.memory.InMemoryKeyStore;
import org.openauthz.authz.persistence.memory.InMemoryLoginSessionStore;
import org.openauthz.authz.persistence.memory.InMemoryLogoutRequestStore;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The end-session endpoint's rules ({@link EndSession}, Hydra v1.10's behaviour) over the in-memory stores, for the
 * cases the HTTP tests ({@code LogoutIT}) do not reach easily: pairwise subjects, a hint for someone else's session,
 * a hint issued in the future, a cookie that changed hands between the phases, URLs that already have a query.
 */
class EndSessionTest {
    static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    static final String ISSUER = "https://auth.example/";
    static final URI LOGOUT_UI = URI.create("https://login.example/logout?lang=en");
    static final URI POST_LOGOUT = URI.create("https://auth.example/oauth2/fallbacks/logout/callback");
    static final byte[] COOKIE_SECRET = "cookie-secret-0123456789abcdefgh".getBytes(StandardCharsets.UTF_8);
    private static final KeyService KEYS = signingKeys();

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryDatabase db = new InMemoryDatabase();
    private final InMemoryClientStore clients = new InMemoryClientStore(db);
    private final InMemoryLoginSessionStore sessions = new InMemoryLoginSessionStore(db);
    private final InMemoryLogoutRequestStore requests = new InMemoryLogoutRequestStore(db);
    private final SessionCookies cookies = new SessionCookies(List.of(COOKIE_SECRET), false);
    private final IdTokens idTokens = new IdTokens(KEYS, ISSUER, Duration.ofHours(1), clock);
    private final SubjectIdentifiers subjects = new SubjectIdentifiers("pairwise-salt");
    private final EndSession endSession = new EndSession(requests, sessions, new InMemoryFlowStore(db), cookies,
            idTokens::hintClaims, id -> clients.find(id).map(StoredClient::client), subjects,
            new BackChannelLogout((c, sid, sub) -> "unused", Duration.ofSeconds(1)), ISSUER, LOGOUT_UI, POST_LOGOUT,
            clock);
    private final Map<String, String> jar = new HashMap<>();

    private final OAuth2Client app = register(new OAuth2Client.Builder().clientId("app")
            .redirectUris(List.of("https://app.example/cb"))
            .postLogoutRedirectUris(List.of("https://app.example/bye?from=op")));
    private final OAuth2Client pairwise = register(new OAuth2Client.Builder().clientId("pairwise")
            .subjectType("pairwise").redirectUris(List.of("https://pw.example/cb")));

    private static KeyService signingKeys() {
        KeyService keys = new KeyService(new InMemoryKeyStore(new InMemoryDatabase()),
                new AeadCipher(new SystemSecrets(List.of("a-system-secret-0123456789")), new SecureRandom()),
                new KeyGenerator(2048), new MutableClock(T0));
        keys.ensureSigningKey(KeyService.ID_TOKEN_SET, "RS256");
        return keys;
    }

    private OAuth2Client register(OAuth2Client.Builder builder) {
        OAuth2Client client = builder.tokenEndpointAuthMethod("client_secret_basic").createdAt(T0).updatedAt(T0)
                .build();
        clients.create(new StoredClient(client, "$pbkdf2-sha256$unused"));
        return client;
    }

    /** A remembered session of {@code subject}, with its cookie in the browser's jar. */
    private void signedIn(String sid, String subject) {
        sessions.save(new LoginSession(sid, subject, T0, true));
        SessionCookies.CookieChange cookie = cookies.set(SessionCookies.SESSION, sid, null);
        jar.put(cookie.name(), cookie.value());
    }

    private String hint(String clientId, String sub, String sid) {
        return idTokens.sign(clientId, Map.of("sub", sub, "sid", sid), null, null);
    }

    private BrowserRequest browser() {
        return new BrowserRequest(Map.copyOf(jar), "https://auth.example/oauth2/sessions/logout");
    }

    private String challengeOf(FlowOutcome.Redirect redirect) {
        assertThat(redirect.location()).startsWith(LOGOUT_UI + "&logout_challenge=");
        return redirect.location().substring((LOGOUT_UI + "&logout_challenge=").length());
    }

    @Test
    void whenTheLogoutAppHasAQueryThenTheChallengeIsAddedToIt() {
        signedIn("sid-1", "alice");

        String challenge = challengeOf(endSession.start(new EndSession.Parameters(null, null, null), browser()));

        LogoutRequest request = requests.byChallenge(challenge).orElseThrow();
        assertThat(request.subject()).isEqualTo("alice");
        assertThat(request.sid()).isEqualTo("sid-1");
        assertThat(request.rpInitiated()).isFalse();
        assertThat(request.redirectUrl()).isEqualTo(POST_LOGOUT.toString());
    }

    @Test
    void whenThePostLogoutUriHasAQueryThenStateIsAppendedToIt() {
        signedIn("sid-1", "alice");
        FlowOutcome.Redirect toApp = endSession.start(new EndSession.Parameters(hint("app", "alice", "sid-1"),
                "https://app.example/bye?from=op", "s 1&2"), browser());

        LogoutRequest request = requests.byChallenge(challengeOf(toApp)).orElseThrow();

        assertThat(request.redirectUrl()).isEqualTo("https://app.example/bye?from=op&state=s+1%262");
        assertThat(request.clientId()).isEqualTo("app");
    }

    @Test
    void whenTheHintCarriesThePairwiseSubjectThenTheSessionIsStillFound() {
        signedIn("sid-1", "alice");
        String sub = subjects.forClient(pairwise, "alice", null);
        assertThat(sub).isNotEqualTo("alice");

        FlowOutcome.Redirect toApp = endSession.start(new EndSession.Parameters(hint("pairwise", sub, "sid-1"), null,
                null), browser());

        assertThat(requests.byChallenge(challengeOf(toApp)).orElseThrow().subject()).isEqualTo("alice");
    }

    @Test
    void whenTheHintIsForAnotherSubjectThanTheSessionThenNothingEndsAndTheBrowserGoesStraightBack() {
        // As in Hydra: the session named by sid belongs to someone else; just redirect.
        signedIn("sid-1", "alice");

        FlowOutcome.Redirect back = endSession.start(new EndSession.Parameters(hint("app", "mallory", "sid-1"),
                null, null), browser());

        assertThat(back.location()).isEqualTo(POST_LOGOUT.toString());
        assertThat(back.cookies()).isEmpty();
        assertThat(sessions.find("sid-1")).isPresent();
    }

    @Test
    void whenTheHintWasIssuedInTheFutureThenInvalidRequest() {
        signedIn("sid-1", "alice");
        clock.advance(Duration.ofMinutes(10));
        String future = hint("app", "alice", "sid-1");
        clock.set(T0);

        OAuth2Exception e = catchThrowableOfType(OAuth2Exception.class, () -> endSession.start(
                new EndSession.Parameters(future, null, null), browser()));

        assertThat(e.error().error()).isEqualTo("invalid_request");
        assertThat(e.error().hint()).contains("iat");
    }

    @Test
    void whenTheHintLacksSubThenInvalidRequest() {
        String noSub = idTokens.sign("app", Map.of("sid", "sid-1"), null, null);

        OAuth2Exception e = catchThrowableOfType(OAuth2Exception.class, () -> endSession.start(
                new EndSession.Parameters(noSub, null, null), browser()));

        assertThat(e.error().hint()).contains("missing sub claim");
    }

    @Test
    void whenAnotherUserSignedInBetweenThePhasesThenTheVerifierEndsNothing() {
        // Hydra: the cookie changed between the logout request and the verifier (another window signed in as
        // someone else); that other session is not ended.
        signedIn("sid-1", "alice");
        String challenge = challengeOf(endSession.start(new EndSession.Parameters(null, null, null), browser()));
        LogoutRequest request = requests.byChallenge(challenge).orElseThrow();
        requests.accept(challenge);
        signedIn("sid-2", "bob");

        EndSession.Finished finished = endSession.finish(request.verifier(), browser());

        assertThat(finished.location()).isEqualTo(POST_LOGOUT.toString());
        assertThat(finished.cookies()).isEmpty();
        assertThat(sessions.find("sid-1")).isPresent();
        assertThat(sessions.find("sid-2")).isPresent();
    }

    @Test
    void whenTheVerifierIsUsedThenTheSessionAndItsCookieEndOnce() {
        signedIn("sid-1", "alice");
        String challenge = challengeOf(endSession.start(new EndSession.Parameters(null, null, null), browser()));
        String verifier = requests.byChallenge(challenge).orElseThrow().verifier();
        requests.accept(challenge);

        EndSession.Finished finished = endSession.finish(verifier, browser());

        assertThat(finished.location()).isEqualTo(POST_LOGOUT.toString());
        assertThat(finished.frontChannelUrls()).isEmpty();
        assertThat(finished.cookies()).containsExactly(cookies.delete(SessionCookies.SESSION));
        assertThat(sessions.find("sid-1")).isEmpty();
        OAuth2Exception again = catchThrowableOfType(OAuth2Exception.class,
                () -> endSession.finish(verifier, browser()));
        assertThat(again.error().status()).isEqualTo(404);
    }
}
