package org.openauthz.authz.flow;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import org.junit.jupiter.api.Test;
import org.openauthz.admin.client.model.AcceptConsentRequest;
import org.openauthz.admin.client.model.PreviousConsentSession;
import org.openauthz.authz.persistence.hydrav1.HydraV1Import;
import org.openauthz.authz.persistence.hydrav1.ImportReport;
import org.openauthz.authz.persistence.hydrav1.ImportReport.Kind;
import org.openauthz.authz.testing.HydraV1Database;
import org.openauthz.authz.testing.PostgresFixture;
import org.openauthz.authz.testing.TestServer;
import org.springframework.security.crypto.bcrypt.BCrypt;

import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code hydra migrate from-hydra}: a Hydra v1.10 database built from Hydra's schema and filled the way Hydra fills it
 * is copied into ours, then our server runs on the result. A client keeps its old secret (RFC 6749 §2.3.1) and gets
 * our hash on first use; the copied ID-token key signs and is published (OpenID Connect Core §10.1); a remembered
 * consent still skips the consent screen; a Hydra refresh token is redeemed (RFC 6749 §6).
 */
class HydraV1MigrationIT {
    private static final String SOURCE_SECRET = "the-old-hydra-system-secret";
    private static final String OUR_SECRET = "our-new-system-secret-0123456789";
    private static final String CLIENT = "legacy-app";
    private static final String OLD_SECRET = "the-secret-the-client-still-has";
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private final HydraV1Database hydra = HydraV1Database.create(SOURCE_SECRET);
    private final PostgresFixture.Database ours = PostgresFixture.newDatabase().migrated();
    private final RSAKey idTokenKey = rsaKey("private:0b7e5b4c-1d6a-4bfa-9f1d-6d0c0f6c9a10");
    private HydraV1Database.Token refreshToken;

    @Test
    void whenCopiedThenTheServerAuthenticatesSignsSkipsConsentAndRefreshesAsHydraDid() throws Exception {
        fillHydra();

        ImportReport report = migrate(List.of(OUR_SECRET, SOURCE_SECRET));

        assertThat(report.copied(Kind.CLIENTS)).isEqualTo(2);
        assertThat(report.copied(Kind.KEYS)).isEqualTo(2);
        assertThat(report.copied(Kind.CONSENT_SESSIONS)).isEqualTo(1);
        assertThat(report.skipReasons(Kind.CONSENT_SESSIONS)).containsOnlyKeys("rejected by the consent app");
        assertThat(report.copied(Kind.LOGIN_SESSIONS)).isEqualTo(1);
        assertThat(report.copied(Kind.REFRESH_TOKENS)).isEqualTo(1);
        assertThat(report.skipReasons(Kind.REFRESH_TOKENS)).containsOnlyKeys("inactive (used, rotated or revoked)");
        String bcrypt = storedHash();
        assertThat(bcrypt).startsWith("$2a$10$");

        try (FlowHarness harness = FlowHarness.on(ours, Map.of("secrets.system", List.of(OUR_SECRET, SOURCE_SECRET)))) {
            // RFC 6749 §4.4 with the secret Hydra issued: bcrypt verifies it, then our PBKDF2 hash replaces bcrypt.
            assertThat(clientCredentials(harness.server, OLD_SECRET).statusCode()).isEqualTo(200);
            String rehashed = storedHash();
            assertThat(rehashed).startsWith("$pbkdf2-sha256$").isNotEqualTo(bcrypt);
            assertThat(clientCredentials(harness.server, "not-" + OLD_SECRET).statusCode()).isEqualTo(401);
            assertThat(clientCredentials(harness.server, OLD_SECRET).statusCode()).isEqualTo(200);
            assertThat(storedHash()).isEqualTo(rehashed);

            // The key set came over with its kids, decrypted with Hydra's secret and sealed with ours.
            JWKSet adminSet = JWKSet.parse(harness.server.get(
                    harness.server.adminUrl("/keys/hydra.openid.id-token")).body());
            assertThat(adminSet.getKeys()).extracting(k -> k.getKeyID())
                    .containsExactlyInAnyOrder(idTokenKey.getKeyID(), publicKid());
            JWKSet published = JWKSet.parse(harness.server.get(harness.server.publicUrl("/.well-known/jwks.json"))
                    .body());
            assertThat(published.getKeyByKeyId(publicKid()).toRSAKey().getModulus())
                    .isEqualTo(idTokenKey.getModulus());
            List<String> sealed = ours.jdbi().withHandle(h -> h.createQuery("SELECT keydata FROM hydra_jwk")
                    .mapTo(String.class).list());
            assertThat(sealed).hasSize(2).noneMatch(data -> data.contains("\"d\""));

            // The consent session is listed, and being remembered it skips the consent screen (skip=true).
            List<PreviousConsentSession> sessions = harness.admin.listSubjectConsentSessions("alice", null, null);
            assertThat(sessions).hasSize(1);
            assertThat(sessions.get(0).getConsentRequest().getChallenge()).isEqualTo("consent-challenge-1");
            assertThat(sessions.get(0).getGrantScope()).containsExactly("openid", "offline_access");
            assertThat(sessions.get(0).getRemember()).isTrue();
            RelyingParty rp = new RelyingParty(RelyingParty.discover(harness.server.issuer()), CLIENT, OLD_SECRET);
            RelyingParty.Attempt attempt = RelyingParty.Attempt.fresh();
            FlowHarness.Run run = harness.run(new Browser(), rp.request("code", "openid offline_access", attempt)
                    .build().toURI(), FlowHarness.acceptLogin("alice"), (admin, request) -> {
                        assertThat(request.getSkip()).as("remembered consent skips").isTrue();
                        return admin.acceptConsentRequest(request.getChallenge(), new AcceptConsentRequest()
                                .grantScope(request.getRequestedScope())).getRedirectTo();
                    });
            assertThat(run.consent().getSkip()).isTrue();
            assertThat(Params.query(run.callback())).containsKey("code");

            // RFC 6749 §6 with Hydra's refresh token; the new ID token is signed by the copied key (OIDC Core §12.2).
            OIDCTokenResponse refreshed = RelyingParty.success(rp.refresh(new RefreshToken(refreshToken.token())));
            SignedJWT idToken = (SignedJWT) refreshed.getOIDCTokens().getIDToken();
            assertThat(idToken.getHeader().getKeyID()).isEqualTo(idTokenKey.getKeyID());
            IDTokenClaimsSet claims = rp.validate(idToken, new Nonce("nonce-from-2021"));
            assertThat(claims.getSubject().getValue()).isEqualTo("alice");
            assertThat(claims.getStringClaim("sid")).isEqualTo("login-session-1");
            assertThat(refreshed.getOIDCTokens().getRefreshToken()).isNotNull();
            assertThat(RelyingParty.errorCode(rp.refresh(new RefreshToken(refreshToken.token()))))
                    .as("rotated: the Hydra token is now used").isEqualTo("token_inactive");
        }
    }

    @Test
    void whenRunTwiceThenTheSecondRunCopiesNothingAndSaysWhy() {
        fillHydra();
        migrate(List.of(OUR_SECRET, SOURCE_SECRET));

        ImportReport again = migrate(List.of(OUR_SECRET, SOURCE_SECRET));

        for (Kind kind : List.of(Kind.CLIENTS, Kind.KEYS, Kind.CONSENT_SESSIONS, Kind.REFRESH_TOKENS)) {
            assertThat(again.copied(kind)).as(kind.label()).isZero();
            assertThat(again.skipReasons(kind)).as(kind.label()).containsKey("already in this database");
        }
    }

    @Test
    void whenTheSourceSecretIsNotOursThenRefreshTokensAreLeftWithTheReason() {
        fillHydra();

        ImportReport report = migrate(List.of(OUR_SECRET));

        assertThat(report.copied(Kind.CLIENTS)).isEqualTo(2);
        assertThat(report.copied(Kind.REFRESH_TOKENS)).isZero();
        assertThat(report.skipReasons(Kind.REFRESH_TOKENS)).containsOnlyKeys("the source's system secret is not one "
                + "of our SECRETS_SYSTEM, so the tokens' HMAC signatures could not verify here");
    }

    @Test
    void whenAKeyCannotBeDecryptedThenNothingIsWrittenAtAll() {
        fillHydra();
        hydra.execute("UPDATE hydra_jwk SET keydata = ? WHERE kid = ?",
                HydraV1Database.seal("a-different-hydra-secret", "{}"), publicKid());

        assertThatThrownBy(() -> migrate(List.of(OUR_SECRET)))
                .isInstanceOf(HydraV1Import.ImportFailedException.class)
                .hasMessageContaining("hydra.openid.id-token/" + publicKid())
                .hasMessageContaining("Nothing was copied");
        // The clients were written before the keys, in the same transaction: rolled back with it.
        long clients = ours.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM hydra_client")
                .mapTo(Long.class).one());
        assertThat(clients).isZero();
    }

    private ImportReport migrate(List<String> ourSecrets) {
        return new HydraV1Import(hydra.jdbi(), List.of(SOURCE_SECRET), ours.jdbi(),
                new HydraV1Import.Target(ourSecrets, true, Duration.ofHours(720)), Clock.systemUTC(),
                new SecureRandom()).run();
    }

    /** A confidential and a public client, an ID-token key pair, a remembered and a rejected consent, two tokens. */
    private void fillHydra() {
        Instant created = Instant.parse("2021-03-01T10:00:00Z");
        hydra.execute("INSERT INTO hydra_client (id, client_name, client_secret, redirect_uris, grant_types, "
                        + "response_types, scope, owner, contacts, audience, token_endpoint_auth_method, subject_type, "
                        + "metadata, created_at, updated_at) VALUES (?, 'Legacy', ?, ?, "
                        + "'authorization_code|refresh_token|client_credentials', 'code', 'openid offline_access profile', "
                        + "'ops', 'ops@example.com', 'https://api.example', 'client_secret_basic', 'public', "
                        + "'{\"team\":\"payments\"}', ?, ?)", CLIENT, BCrypt.hashpw(OLD_SECRET, BCrypt.gensalt(10)),
                RelyingParty.REDIRECT_URI.toString(), created, created);
        hydra.execute("INSERT INTO hydra_client (id, redirect_uris, grant_types, response_types, scope, "
                + "token_endpoint_auth_method, created_at, updated_at) VALUES ('spa', 'https://spa.example/cb', "
                + "'authorization_code', 'code', 'openid', 'none', ?, ?)", created, created);

        hydra.insertKey("hydra.openid.id-token", idTokenKey.getKeyID(), idTokenKey.toJSONString(), created);
        hydra.insertKey("hydra.openid.id-token", publicKid(), new RSAKey.Builder(idTokenKey.toPublicJWK())
                .keyID(publicKid()).build().toJSONString(), created);

        Instant loggedIn = NOW.minus(Duration.ofDays(3));
        hydra.execute("INSERT INTO hydra_oauth2_authentication_session (id, authenticated_at, subject, remember) "
                + "VALUES ('login-session-1', ?, 'alice', true)", loggedIn);
        hydra.execute("INSERT INTO hydra_oauth2_authentication_request (challenge, requested_scope, verifier, csrf, "
                + "subject, request_url, skip, client_id, requested_at, authenticated_at, oidc_context, "
                + "login_session_id) VALUES ('login-challenge-1', 'openid|offline_access', 'login-verifier-1', 'c', "
                + "'', 'https://hydra.example/oauth2/auth?client_id=legacy-app', false, ?, ?, ?, '{}', "
                + "'login-session-1')", CLIENT, loggedIn, loggedIn);
        hydra.execute("INSERT INTO hydra_oauth2_authentication_request_handled (challenge, subject, remember, "
                + "remember_for, error, acr, requested_at, authenticated_at, was_used, context) VALUES "
                + "('login-challenge-1', 'alice', true, 3600, '{}', '', ?, ?, true, '{}')", loggedIn, loggedIn);
        consent("consent-challenge-1", "login-challenge-1", "{}", loggedIn);
        consent("consent-challenge-2", null, "{\"error\":\"access_denied\",\"error_description\":\"no\"}", loggedIn);

        refreshToken = hydra.newToken();
        refresh(refreshToken, true);
        refresh(hydra.newToken(), false);
    }

    private void consent(String challenge, String loginChallenge, String error, Instant at) {
        hydra.execute("INSERT INTO hydra_oauth2_consent_request (challenge, verifier, client_id, subject, request_url, "
                        + "skip, requested_scope, csrf, authenticated_at, requested_at, oidc_context, login_session_id, "
                        + "login_challenge, acr, context) VALUES (?, ?, ?, 'alice', "
                        + "'https://hydra.example/oauth2/auth?client_id=legacy-app', false, 'openid|offline_access', "
                        + "'c', ?, ?, '{}', 'login-session-1', ?, '', '{}')", challenge, challenge + "-verifier", CLIENT,
                at, at, loginChallenge);
        hydra.execute("INSERT INTO hydra_oauth2_consent_request_handled (challenge, granted_scope, remember, "
                        + "remember_for, error, requested_at, session_access_token, session_id_token, authenticated_at, "
                        + "was_used, granted_at_audience, handled_at) VALUES (?, 'openid|offline_access', true, 0, ?, "
                        + "?, '{\"team\":\"a\"}', '{\"email\":\"alice@example.com\"}', ?, true, '', ?)", challenge,
                error, at, at, at);
    }

    /** A refresh token row with Hydra's session JSON (fosite's Go field names), sealed with Hydra's secret. */
    private void refresh(HydraV1Database.Token token, boolean active) {
        String session = "{\"idToken\":{\"Claims\":{\"Subject\":\"alice\",\"Nonce\":\"nonce-from-2021\","
                + "\"AuthTime\":\"" + NOW.minus(Duration.ofDays(3)) + "\",\"RequestedAt\":\"" + NOW.minus(
                Duration.ofDays(3)) + "\",\"AuthenticationContextClassReference\":\"\",\"Extra\":{\"sid\":"
                + "\"login-session-1\",\"email\":\"alice@example.com\"}},\"Headers\":{\"Extra\":{\"kid\":\""
                + publicKid() + "\"}},\"ExpiresAt\":{\"refresh_token\":\"" + NOW.plus(Duration.ofDays(20))
                + "\"},\"Username\":\"\",\"Subject\":\"alice\"},\"extra\":{\"team\":\"a\"},\"KID\":\"\","
                + "\"ClientID\":\"legacy-app\",\"ConsentChallenge\":\"consent-challenge-1\"}";
        hydra.execute("INSERT INTO hydra_oauth2_refresh (signature, request_id, requested_at, client_id, scope, "
                        + "granted_scope, form_data, session_data, subject, active, requested_audience, granted_audience, "
                        + "challenge_id) VALUES (?, ?, ?, ?, 'openid|offline_access', 'openid|offline_access', "
                        + "'grant_type=authorization_code', ?, 'alice', ?, '', '', 'consent-challenge-1')",
                token.signature(), "request-" + token.signature().substring(0, 8), NOW.minus(Duration.ofDays(3)),
                CLIENT, hydra.seal(session), active);
    }

    private HttpResponse<String> clientCredentials(TestServer server, String secret) {
        return server.postForm(server.publicUrl("/oauth2/token"), "grant_type=client_credentials&scope=profile",
                CLIENT, secret);
    }

    private String storedHash() {
        return ours.jdbi().withHandle(h -> h.createQuery("SELECT secret_hash FROM hydra_client WHERE id = :id")
                .bind("id", CLIENT).mapTo(String.class).one());
    }

    private String publicKid() {
        return idTokenKey.getKeyID().replace("private:", "public:");
    }

    private static RSAKey rsaKey(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .generate();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
