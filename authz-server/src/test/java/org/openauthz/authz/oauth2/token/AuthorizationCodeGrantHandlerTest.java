package org.openauthz.authz.oauth2.token;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.claims.AccessTokenHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openauthz.authz.client.OAuth2Client;
import org.openauthz.authz.client.StoredClient;
import org.openauthz.authz.oauth2.OAuth2Error;
import org.openauthz.authz.oauth2.TokenResponse;

import java.time.Duration;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openauthz.authz.oauth2.token.CodeGrantFixture.CHALLENGE;
import static org.openauthz.authz.oauth2.token.CodeGrantFixture.ISSUER;
import static org.openauthz.authz.oauth2.token.CodeGrantFixture.T0;
import static org.openauthz.authz.oauth2.token.CodeGrantFixture.VERIFIER;
import static org.openauthz.authz.oauth2.token.CodeGrantFixture.authorizationRequest;
import static org.openauthz.authz.oauth2.token.CodeGrantFixture.exchange;
import static org.openauthz.authz.oauth2.token.CodeGrantFixture.failure;
import static org.openauthz.authz.oauth2.token.CodeGrantFixture.tokenRequest;

/**
 * The authorization code grant (RFC 6749 §4.1.3, §4.1.4;
 * <a href="https://openid.net/specs/openid-connect-core-1_0.html#TokenResponse">OpenID Connect Core §3.1.3.3</a>) over
 * the in-memory token store: a code works once, for its client, its redirect URI and its PKCE verifier. (In
 * {@code oauth2.token} because that is where new tests of this change live; the handler is public.)
 */
class AuthorizationCodeGrantHandlerTest {
    private final CodeGrantFixture f = new CodeGrantFixture();

    @Test
    void whenGrantTypeIsAskedThenItIsAuthorizationCode() {
        assertThat(f.codeGrant.grantType()).isEqualTo("authorization_code");
    }

    @Test
    void whenCodeIsExchangedThenAccessRefreshAndIdTokensAreIssuedForTheGrant() throws Exception {
        String code = f.code(List.of("openid", "offline"));
        f.clock.advance(Duration.ofSeconds(5));

        TokenResponse response = f.codeGrant.handle(exchange(code), f.app);

        // As in Hydra v1.10: bearer, expires_in, scope; refresh with offline; ID token with openid.
        assertThat(response.tokenType()).isEqualTo("bearer");
        assertThat(response.expiresIn()).isEqualTo(3600);
        assertThat(response.scope()).isEqualTo("openid offline");
        assertThat(response.accessToken()).matches("[A-Za-z0-9_-]{43}\\.[A-Za-z0-9_-]{43}");
        assertThat(response.refreshToken()).matches("[A-Za-z0-9_-]{43}\\.[A-Za-z0-9_-]{43}");
        TokenRecord codeRow = f.stored(TokenKind.AUTHORIZE_CODE, code);
        TokenRecord access = f.stored(TokenKind.ACCESS_TOKEN, response.accessToken());
        TokenRecord refresh = f.stored(TokenKind.REFRESH_TOKEN, response.refreshToken());
        assertThat(codeRow.active()).as("codes are single use").isFalse();
        assertThat(access.active()).isTrue();
        assertThat(access.requestId()).isEqualTo(codeRow.requestId()).isEqualTo(refresh.requestId());
        assertThat(access.subject()).isEqualTo("alice");
        assertThat(access.clientId()).isEqualTo("app");
        assertThat(access.grantedScopes()).containsExactly("openid", "offline");
        assertThat(access.grantedAudience()).containsExactly("https://api.example/");
        assertThat(access.challengeId()).isEqualTo("consent-1");
        assertThat(access.requestedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(access.expiresAt()).isEqualTo(T0.plusSeconds(5).plus(Duration.ofHours(1)));
        assertThat(refresh.expiresAt()).isEqualTo(T0.plusSeconds(5).plus(Duration.ofHours(720)));
        TokenSession session = f.sessions.decode(access.sessionData());
        assertThat(session.ext()).containsEntry("role", "admin");
        assertThat(session.authorization()).as("code-only parameters stay with the code").isEmpty();
    }

    @Test
    void whenOpenidWasGrantedThenTheIdTokenCarriesTheGrantsClaimsAndAtHash() throws Exception {
        // OIDC Core §3.1.3.3, §3.1.3.6 (https://openid.net/specs/openid-connect-core-1_0.html#CodeIDToken); as in
        // Hydra v1.10, the ID token issued at the token endpoint also carries at_hash.
        String code = f.code(List.of("openid", "offline"));

        TokenResponse response = f.codeGrant.handle(exchange(code), f.app);

        SignedJWT idToken = SignedJWT.parse(response.idToken());
        assertThat(idToken.verify(new RSASSAVerifier(CodeGrantFixture.KEYS.signingKey("hydra.openid.id-token")
                .orElseThrow().toRSAKey().toPublicJWK()))).isTrue();
        JWTClaimsSet claims = idToken.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(ISSUER);
        assertThat(claims.getSubject()).isEqualTo("alice");
        assertThat(claims.getAudience()).containsExactly("app");
        assertThat(claims.getStringClaim("nonce")).isEqualTo("nonce-0123456789");
        assertThat(claims.getStringClaim("sid")).isEqualTo("session-1");
        assertThat(claims.getStringClaim("acr")).isEqualTo("urn:acr:pwd");
        assertThat(claims.getStringClaim("email")).isEqualTo("alice@example.com");
        assertThat(claims.getLongClaim("auth_time")).isEqualTo(T0.minusSeconds(30).getEpochSecond());
        assertThat(claims.getLongClaim("rat")).isEqualTo(T0.minusSeconds(40).getEpochSecond());
        assertThat(claims.getIssueTime()).isEqualTo(Date.from(T0));
        assertThat(claims.getStringClaim("at_hash")).isEqualTo(AccessTokenHash.compute(
                new BearerAccessToken(response.accessToken()), idToken.getHeader().getAlgorithm()).getValue());
        assertThat(claims.getClaim("c_hash")).isNull();
    }

    @Test
    void whenCodeIsUsedTwiceThenInvalidGrantAndEverythingTheFirstUseIssuedIsRevoked() {
        // RFC 6749 §4.1.2 (https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2): "SHOULD revoke ... all tokens
        // previously issued based on that authorization code"; Hydra v1.10 does.
        String code = f.code(List.of("openid", "offline"));
        TokenResponse first = f.codeGrant.handle(exchange(code), f.app);

        OAuth2Error error = failure(() -> f.codeGrant.handle(exchange(code), f.app));

        assertThat(error.error()).isEqualTo("invalid_grant");
        assertThat(error.hint()).isEqualTo("The authorization code has already been used.");
        assertThat(f.stored(TokenKind.ACCESS_TOKEN, first.accessToken())).as("access tokens deleted").isNull();
        assertThat(f.stored(TokenKind.REFRESH_TOKEN, first.refreshToken()).active()).as("refresh deactivated")
                .isFalse();
        assertThat(failure(() -> f.refreshGrant.handle(CodeGrantFixture.refresh(first.refreshToken()), f.app))
                .error()).as("a revoked refresh token is inactive").isEqualTo("token_inactive");
    }

    @ParameterizedTest(name = "authorize redirect_uri={0}, token redirect_uri={1} -> refused={2}")
    @CsvSource(nullValues = "NONE", value = {
            "https://app.example/cb, https://app.example/cb,   false",
            "https://app.example/cb, https://app.example/cb/,  true",
            "https://app.example/cb, https://evil.example/cb,  true",
            "https://app.example/cb, NONE,                     true",
            "NONE,                   NONE,                     false",
    })
    void whenRedirectUriDiffersFromTheAuthorizationRequestThenInvalidGrant(String authorizeRedirect,
                                                                           String tokenRedirect, boolean refused) {
        // RFC 6749 §4.1.3: required, and identical, if it was included in the authorization request.
        String code = f.code(f.app, authorizationRequest("redirect_uri", authorizeRedirect),
                List.of("openid", "offline"));

        if (refused) {
            OAuth2Error error = failure(() -> f.codeGrant.handle(exchange(code, tokenRedirect), f.app));
            assertThat(error.error()).isEqualTo("invalid_grant");
            assertThat(error.hint()).contains("'redirect_uri'");
            assertThat(f.stored(TokenKind.AUTHORIZE_CODE, code).active()).as("not consumed").isTrue();
        } else {
            assertThat(f.codeGrant.handle(exchange(code, tokenRedirect), f.app).accessToken()).isNotNull();
        }
    }

    @ParameterizedTest(name = "{0} s after issue -> expired={1}")
    @CsvSource({"599, false", "600, true", "3600, true"})
    void whenCodeIsOlderThanItsTtlThenInvalidGrant(long seconds, boolean expired) {
        // ttl.auth_code (CodeGrantFixture.CODE_TTL, 10 minutes); expired from that instant on.
        String code = f.code(List.of("openid"));
        f.clock.advance(Duration.ofSeconds(seconds));

        if (expired) {
            OAuth2Error error = failure(() -> f.codeGrant.handle(exchange(code), f.app));
            assertThat(error.error()).isEqualTo("invalid_grant");
            assertThat(error.hint()).isEqualTo("The authorization code has expired.");
        } else {
            assertThat(f.codeGrant.handle(exchange(code), f.app).accessToken()).isNotNull();
        }
    }

    @Test
    void whenAnotherClientPresentsTheCodeThenInvalidGrantAndTheCodeStillWorksForItsClient() {
        // RFC 6749 §4.1.3: "ensure that the authorization code was issued to the authenticated confidential client".
        String code = f.code(List.of("openid"));

        OAuth2Error error = failure(() -> f.codeGrant.handle(exchange(code), f.other));

        assertThat(error.error()).isEqualTo("invalid_grant");
        assertThat(error.hint()).contains("does not match");
        assertThat(f.codeGrant.handle(exchange(code), f.app).accessToken()).isNotNull();
    }

    @Test
    void whenCodeIsUnknownOrForgedThenInvalidGrant() {
        String code = f.code(List.of("openid"));
        String forged = code.substring(0, code.indexOf('.')) + ".AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

        for (String bad : List.of("garbage", forged, f.opaque.mint().token())) {
            OAuth2Error error = failure(() -> f.codeGrant.handle(exchange(bad), f.app));
            assertThat(error.error()).isEqualTo("invalid_grant");
            assertThat(error.hint()).isEqualTo("The authorization code is unknown or malformed.");
        }
    }

    @Test
    void whenCodeParameterIsMissingThenInvalidRequest() {
        assertThat(failure(() -> f.codeGrant.handle(tokenRequest("authorization_code",
                "redirect_uri", "https://app.example/cb"), f.app)).error()).isEqualTo("invalid_request");
    }

    @Test
    void whenAccessTokenIsPresentedAsCodeThenInvalidGrant() {
        TokenResponse tokens = f.codeGrant.handle(exchange(f.code(List.of("openid"))), f.app);

        assertThat(failure(() -> f.codeGrant.handle(exchange(tokens.accessToken()), f.app)).error())
                .isEqualTo("invalid_grant");
    }

    @ParameterizedTest(name = "verifier={0} -> refused={1}")
    @CsvSource(nullValues = "NONE", value = {
            "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk, false",
            "eBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk, true",
            "NONE,                                        true",
            "short,                                       true",
    })
    void whenCodeWasIssuedWithAChallengeThenOnlyTheMatchingVerifierRedeemsIt(String verifier, boolean refused) {
        // RFC 7636 §4.6 (https://www.rfc-editor.org/rfc/rfc7636#section-4.6).
        String code = f.code(f.app, authorizationRequest("code_challenge", CHALLENGE, "code_challenge_method",
                "S256"), List.of("openid"));
        var request = tokenRequest("authorization_code", "code", code, "redirect_uri", "https://app.example/cb",
                "code_verifier", verifier);

        if (refused) {
            assertThat(failure(() -> f.codeGrant.handle(request, f.app)).error()).isEqualTo("invalid_grant");
            assertThat(f.stored(TokenKind.AUTHORIZE_CODE, code).active()).isTrue();
        } else {
            assertThat(f.codeGrant.handle(request, f.app).accessToken()).isNotNull();
        }
    }

    @Test
    void whenCodeWasIssuedWithoutChallengeThenAVerifierIsRefused() {
        // RFC 9700 §4.8.2: PKCE downgrade.
        String code = f.code(List.of("openid"));

        assertThat(failure(() -> f.codeGrant.handle(tokenRequest("authorization_code", "code", code,
                "redirect_uri", "https://app.example/cb", "code_verifier", VERIFIER), f.app)).error())
                .isEqualTo("invalid_grant");
    }

    @Test
    void whenOfflineWasNotGrantedThenNoRefreshTokenIsIssued() {
        // As in Hydra v1.10, refresh only with offline/offline_access granted.
        TokenResponse response = f.codeGrant.handle(exchange(f.code(List.of("openid"))), f.app);

        assertThat(response.refreshToken()).isNull();
        assertThat(response.idToken()).isNotNull();
    }

    @Test
    void whenOfflineAccessWasGrantedThenARefreshTokenIsIssued() {
        OAuth2Client client = f.app.toBuilder().scope("openid offline_access").build();
        f.clients.update(new StoredClient(client, "hash"));
        String code = f.code(client, authorizationRequest("scope", "openid offline_access"),
                List.of("openid", "offline_access"));

        assertThat(f.codeGrant.handle(exchange(code), client).refreshToken()).isNotNull();
    }

    @Test
    void whenClientMayNotUseTheRefreshGrantThenNoRefreshTokenEvenWithOffline() {
        // As in Hydra v1.10, the client must also have the grant type refresh_token.
        String code = f.code(f.noRefresh, authorizationRequest("client_id", "no-refresh"), List.of("openid",
                "offline"));

        assertThat(f.codeGrant.handle(exchange(code), f.noRefresh).refreshToken()).isNull();
    }

    @Test
    void whenOpenidWasNotGrantedThenNoIdTokenIsIssued() {
        // As in Hydra v1.10, an ID token only if openid was granted.
        String code = f.code(f.app, authorizationRequest("scope", "offline photos.read"), List.of("offline",
                "photos.read"));

        TokenResponse response = f.codeGrant.handle(exchange(code), f.app);

        assertThat(response.idToken()).isNull();
        assertThat(response.refreshToken()).isNotNull();
        assertThat(response.scope()).isEqualTo("offline photos.read");
    }

    @Test
    void whenConsentGrantedScopesTheClientMayNotHaveThenTheyAreDropped() {
        // RFC 6749 §3.3: the authorization server may issue a narrower scope than granted by the consent app.
        String code = f.code(List.of("openid", "admin"));

        assertThat(f.codeGrant.handle(exchange(code), f.app).scope()).isEqualTo("openid");
    }
}
