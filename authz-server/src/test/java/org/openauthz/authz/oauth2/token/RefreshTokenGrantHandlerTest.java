package org.openauthz.authz.oauth2.token;

import org.openauthz.authz.oauth2.pkce.Pkce;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.openauthz.authz.client.OAuth2Client;
import org.openauthz.authz.oauth2.OAuth2Error;
import org.openauthz.authz.oauth2.TokenResponse;
import org.openauthz.authz.oauth2.hook.TokenHooks;
import org.openauthz.authz.oauth2.grant.AuthorizationCodeGrantHandler;
import org.openauthz.authz.oauth2.grant.GrantTokenFactory;
import org.openauthz.authz.oauth2.grant.RefreshTokenGrantHandler;
import org.openauthz.authz.oauth2.ClientScopes;
import org.openauthz.authz.oauth2.ScopeStrategy;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openauthz.authz.oauth2.token.CodeGrantFixture.T0;
import static org.openauthz.authz.oauth2.token.CodeGrantFixture.exchange;
import static org.openauthz.authz.oauth2.token.CodeGrantFixture.failure;
import static org.openauthz.authz.oauth2.token.CodeGrantFixture.refresh;
import static org.openauthz.authz.oauth2.token.CodeGrantFixture.tokenRequest;

/**
 * The refresh token grant (RFC 6749 §6) with rotation and reuse detection
 * (<a href="https://www.rfc-editor.org/rfc/rfc9700#section-4.14.2">RFC 9700 §4.14.2</a>; reuse answers token_inactive,
 * as in Hydra v1.10), over the in-memory token store. (In {@code oauth2.token} because that is where new tests of this
 * change live; the handler is public.)
 */
class RefreshTokenGrantHandlerTest {
    private final CodeGrantFixture f = new CodeGrantFixture();

    /** The tokens of a fresh code exchange with openid and offline granted. */
    private TokenResponse initial() {
        return f.codeGrant.handle(exchange(f.code(List.of("openid", "offline"))), f.app);
    }

    @Test
    void whenGrantTypeIsAskedThenItIsRefreshToken() {
        assertThat(f.refreshGrant.grantType()).isEqualTo("refresh_token");
    }

    @Test
    void whenRefreshTokenIsUsedThenANewPairIsIssuedUnderTheSameRequestAndTheOldOnesRetire() {
        TokenResponse first = initial();
        TokenRecord oldRefresh = f.stored(TokenKind.REFRESH_TOKEN, first.refreshToken());
        f.clock.advance(Duration.ofHours(2));

        TokenResponse second = f.refreshGrant.handle(refresh(first.refreshToken()), f.app);

        // As in Hydra v1.10: old refresh inactive, old access deleted, new rows with the same request_id.
        assertThat(second.refreshToken()).isNotNull().isNotEqualTo(first.refreshToken());
        assertThat(second.accessToken()).isNotEqualTo(first.accessToken());
        assertThat(second.scope()).isEqualTo("openid offline");
        assertThat(f.stored(TokenKind.REFRESH_TOKEN, first.refreshToken()).active()).isFalse();
        assertThat(f.stored(TokenKind.ACCESS_TOKEN, first.accessToken())).isNull();
        TokenRecord newAccess = f.stored(TokenKind.ACCESS_TOKEN, second.accessToken());
        TokenRecord newRefresh = f.stored(TokenKind.REFRESH_TOKEN, second.refreshToken());
        assertThat(newAccess.active()).isTrue();
        assertThat(newRefresh.active()).isTrue();
        assertThat(newAccess.requestId()).isEqualTo(oldRefresh.requestId());
        assertThat(newRefresh.requestId()).isEqualTo(oldRefresh.requestId());
        assertThat(newRefresh.challengeId()).isEqualTo("consent-1");
        assertThat(newRefresh.grantedScopes()).isEqualTo(oldRefresh.grantedScopes());
        assertThat(newRefresh.grantedAudience()).isEqualTo(oldRefresh.grantedAudience());
        // As in Hydra v1.10, refresh expiry slides with every rotation.
        Instant now = T0.plus(Duration.ofHours(2));
        assertThat(newRefresh.expiresAt()).isEqualTo(now.plus(Duration.ofHours(720)));
        assertThat(newAccess.expiresAt()).isEqualTo(now.plus(Duration.ofHours(1)));
        assertThat(f.sessions.decode(newAccess.sessionData()).ext()).containsEntry("role", "admin");
    }

    @Test
    void whenRefreshedThenTheIdTokenIsReissuedWithTheStoredClaimsAndANewIat() throws Exception {
        // As in Hydra v1.10, the refresh grant re-issues an ID token with the stored claims and a new iat/exp.
        TokenResponse first = initial();
        f.clock.advance(Duration.ofHours(2));

        TokenResponse second = f.refreshGrant.handle(refresh(first.refreshToken()), f.app);

        JWTClaimsSet before = SignedJWT.parse(first.idToken()).getJWTClaimsSet();
        JWTClaimsSet after = SignedJWT.parse(second.idToken()).getJWTClaimsSet();
        assertThat(after.getSubject()).isEqualTo(before.getSubject()).isEqualTo("alice");
        assertThat(after.getStringClaim("sid")).isEqualTo(before.getStringClaim("sid"));
        assertThat(after.getLongClaim("auth_time")).isEqualTo(before.getLongClaim("auth_time"));
        assertThat(after.getStringClaim("email")).isEqualTo("alice@example.com");
        assertThat(after.getIssueTime()).isEqualTo(Date.from(T0.plus(Duration.ofHours(2))));
        assertThat(after.getJWTID()).isNotEqualTo(before.getJWTID());
    }

    @Test
    void whenRotatedRefreshTokensAreUsedInTurnThenEachWorksOnce() {
        String token = initial().refreshToken();

        for (int i = 0; i < 3; i++) {
            f.clock.advance(Duration.ofMinutes(1));
            token = f.refreshGrant.handle(refresh(token), f.app).refreshToken();
        }

        assertThat(f.stored(TokenKind.REFRESH_TOKEN, token).active()).isTrue();
    }

    @Test
    void whenAnOldRefreshTokenIsReusedThenTokenInactiveAndTheWholeGrantIsRevoked() {
        // RFC 9700 §4.14.2: reuse of a rotated refresh token means one copy is stolen; revoke the grant.
        TokenResponse first = initial();
        TokenResponse second = f.refreshGrant.handle(refresh(first.refreshToken()), f.app);

        OAuth2Error error = failure(() -> f.refreshGrant.handle(refresh(first.refreshToken()), f.app));

        assertThat(error.error()).isEqualTo("token_inactive");
        assertThat(error.hint()).contains("already used");
        assertThat(f.stored(TokenKind.ACCESS_TOKEN, second.accessToken())).as("access tokens deleted").isNull();
        assertThat(f.stored(TokenKind.REFRESH_TOKEN, second.refreshToken()).active()).as("refresh deactivated")
                .isFalse();
        assertThat(failure(() -> f.refreshGrant.handle(refresh(second.refreshToken()), f.app)).error())
                .as("the legitimate holder's newest token is dead too").isEqualTo("token_inactive");
    }

    @Test
    void whenAnOldRefreshTokenIsReusedThenTokenInactive401AsInHydraV110() {
        TokenResponse first = initial();
        f.refreshGrant.handle(refresh(first.refreshToken()), f.app);

        OAuth2Error error = failure(() -> f.refreshGrant.handle(refresh(first.refreshToken()), f.app));

        assertThat(error.error()).isEqualTo("token_inactive");
        assertThat(error.status()).isEqualTo(401);
    }

    @Test
    void whenRefreshTokenOfAnotherClientIsPresentedThenInvalidGrantAndNothingChanges() {
        TokenResponse first = initial();

        OAuth2Error error = failure(() -> f.refreshGrant.handle(refresh(first.refreshToken()), f.other));

        assertThat(error.error()).isEqualTo("invalid_grant");
        assertThat(error.hint()).contains("does not match");
        assertThat(f.stored(TokenKind.REFRESH_TOKEN, first.refreshToken()).active()).isTrue();
        assertThat(f.stored(TokenKind.ACCESS_TOKEN, first.accessToken())).isNotNull();
    }

    @Test
    void whenRefreshTokenHasExpiredThenInvalidGrant() {
        TokenResponse first = initial();
        f.clock.advance(Duration.ofHours(720));

        OAuth2Error error = failure(() -> f.refreshGrant.handle(refresh(first.refreshToken()), f.app));

        assertThat(error.error()).isEqualTo("invalid_grant");
        assertThat(error.hint()).isEqualTo("The refresh token has expired.");
    }

    @Test
    void whenRefreshTtlIsNegativeThenRefreshTokensNeverExpire() {
        // ttl.refresh_token -1 = never expire (docs/configuration.md).
        GrantTokenFactory forever = new GrantTokenFactory(new TokenMinter(f.opaque,
                AccessTokenFormat.opaque(f.opaque), f.sessions, CodeGrantFixture.CODE_TTL, Duration.ofHours(1),
                Duration.ofSeconds(-1), f.clock), f.idTokens, TokenHooks.NONE);
        RefreshTokenGrantHandler handler = new RefreshTokenGrantHandler(f.lookup, f.store, f.sessions, forever,
                new ClientScopes(ScopeStrategy.WILDCARD));
        TokenResponse first = new AuthorizationCodeGrantHandler(f.lookup, f.store, f.sessions, forever,
                new Pkce(false, true))
                .handle(exchange(f.code(List.of("openid", "offline"))), f.app);
        assertThat(f.stored(TokenKind.REFRESH_TOKEN, first.refreshToken()).expiresAt()).isNull();
        f.clock.advance(Duration.ofDays(365 * 10));

        TokenResponse second = handler.handle(refresh(first.refreshToken()), f.app);

        assertThat(f.stored(TokenKind.REFRESH_TOKEN, second.refreshToken()).expiresAt()).isNull();
        f.clock.advance(Duration.ofDays(365 * 10));
        assertThat(handler.handle(refresh(second.refreshToken()), f.app).refreshToken()).isNotNull();
    }

    @Test
    void whenRefreshTokenIsUnknownOrMalformedThenInvalidGrant() {
        TokenResponse first = initial();

        for (String bad : List.of("garbage", f.opaque.mint().token(), first.accessToken())) {
            OAuth2Error error = failure(() -> f.refreshGrant.handle(refresh(bad), f.app));
            assertThat(error.error()).isEqualTo("invalid_grant");
            assertThat(error.hint()).isEqualTo("The refresh token is unknown or malformed.");
        }
        assertThat(failure(() -> f.refreshGrant.handle(tokenRequest("refresh_token"), f.app)).error())
                .isEqualTo("invalid_request");
    }

    @Test
    void whenAScopeOfTheGrantIsNoLongerAllowedThenInvalidScope() {
        // As in Hydra v1.10, the original scopes are re-granted; each must still be allowed by the client.
        TokenResponse first = initial();
        OAuth2Client narrowed = f.app.toBuilder().scope("offline").build();

        OAuth2Error error = failure(() -> f.refreshGrant.handle(refresh(first.refreshToken()), narrowed));

        assertThat(error.error()).isEqualTo("invalid_scope");
        assertThat(error.hint()).contains("'openid'");
        assertThat(f.stored(TokenKind.REFRESH_TOKEN, first.refreshToken()).active()).as("nothing rotated").isTrue();
    }

    @Test
    void whenClientLostTheRefreshGrantThenInvalidGrantAndNothingRotates() {
        // As in Hydra v1.10, the client must have the grant type refresh_token.
        TokenResponse first = initial();
        OAuth2Client noRefresh = f.app.toBuilder().grantTypes(List.of("authorization_code")).build();

        assertThat(failure(() -> f.refreshGrant.handle(refresh(first.refreshToken()), noRefresh)).error())
                .isEqualTo("invalid_grant");
        assertThat(f.stored(TokenKind.REFRESH_TOKEN, first.refreshToken()).active()).isTrue();
    }

    @Test
    void whenGrantHasNoOfflineScopeThenItsRefreshTokenIsRefused() {
        // As in Hydra v1.10, the original grant must contain offline or offline_access.
        OpaqueTokensRow row = insertRefresh(List.of("openid"));

        OAuth2Error error = failure(() -> f.refreshGrant.handle(refresh(row.token()), f.app));

        assertThat(error.error()).isEqualTo("invalid_grant");
        assertThat(error.hint()).contains("offline");
    }

    @Test
    void whenRefreshRequestAsksForOtherScopesThenTheOriginalGrantIsReissued() {
        // As in Hydra v1.10, a scope requested on refresh is ignored.
        TokenResponse first = initial();

        TokenResponse second = f.refreshGrant.handle(tokenRequest("refresh_token", "refresh_token",
                first.refreshToken(), "scope", "openid offline photos.read"), f.app);

        assertThat(second.scope()).isEqualTo("openid offline");
    }

    @Test
    void whenOpenidWasNotGrantedThenRefreshIssuesNoIdToken() {
        OpaqueTokensRow row = insertRefresh(List.of("offline"));

        TokenResponse response = f.refreshGrant.handle(refresh(row.token()), f.app);

        assertThat(response.idToken()).isNull();
        assertThat(response.refreshToken()).isNotNull();
    }

    record OpaqueTokensRow(String token, TokenRecord record) {
    }

    private OpaqueTokensRow insertRefresh(List<String> scopes) {
        var minted = f.opaque.mint();
        TokenRecord row = new TokenRecord(minted.signature(), "request-x", "app", "alice", T0,
                T0.plus(Duration.ofDays(1)), scopes, scopes, List.of(), List.of(), true,
                f.sessions.encode(TokenSession.empty()), null);
        f.store.insert(TokenKind.REFRESH_TOKEN, row);
        return new OpaqueTokensRow(minted.token(), row);
    }
}
