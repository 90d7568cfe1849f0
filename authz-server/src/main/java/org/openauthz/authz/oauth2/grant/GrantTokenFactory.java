package org.openauthz.authz.oauth2.grant;

import org.openauthz.authz.client.OAuth2Client;
import org.openauthz.authz.crypto.OpaqueTokens;
import org.openauthz.authz.oauth2.TokenResponse;
import org.openauthz.authz.oauth2.oidc.IdTokens;
import org.openauthz.authz.oauth2.token.SessionCodec;
import org.openauthz.authz.oauth2.token.TokenRecord;
import org.openauthz.authz.oauth2.token.TokenSession;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Mints the access token, refresh token and ID token that the code and refresh grants both answer with, for the
 * grant a stored token belongs to (same request id, scopes, audience and claims).
 */
public final class GrantTokenFactory {
    private final OpaqueTokens tokens;
    private final SessionCodec sessions;
    private final IdTokens idTokens;
    private final Duration accessTtl;
    private final Duration refreshTtl;
    private final Clock clock;

    public GrantTokenFactory(OpaqueTokens tokens, SessionCodec sessions, IdTokens idTokens, Duration accessTtl,
                             Duration refreshTtl, Clock clock) {
        this.tokens = tokens;
        this.sessions = sessions;
        this.idTokens = idTokens;
        this.accessTtl = accessTtl;
        this.refreshTtl = refreshTtl;
        this.clock = clock;
    }

    /** The new rows and the tokens to hand out; nothing is stored yet. */
    public record Minted(TokenRecord access, String accessToken, TokenRecord refresh, String refreshToken,
                         TokenSession session) {
    }

    /**
     * Refresh tokens only when {@code offline} or {@code offline_access} was granted and the client may use the
     * refresh grant (reference §1.7).
     */
    public Minted mint(OAuth2Client client, TokenRecord from, TokenSession session) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        OpaqueTokens.Minted access = tokens.mint();
        String data = sessions.encode(session);
        TokenRecord accessRow = row(from, access.signature(), now, now.plus(accessTtl), data);
        boolean offline = from.grantedScopes().contains("offline") || from.grantedScopes().contains("offline_access");
        if (!offline || !client.effectiveGrantTypes().contains("refresh_token")) {
            return new Minted(accessRow, access.token(), null, null, session);
        }
        OpaqueTokens.Minted refresh = tokens.mint();
        TokenRecord refreshRow = row(from, refresh.signature(), now,
                refreshTtl.isNegative() ? null : now.plus(refreshTtl), data);
        return new Minted(accessRow, access.token(), refreshRow, refresh.token(), session);
    }

    /** The token endpoint response; an ID token (with at_hash) when {@code openid} was granted. */
    public TokenResponse response(OAuth2Client client, Minted minted) {
        String idToken = minted.access().grantedScopes().contains("openid") && !minted.session().idTokenClaims().isEmpty()
                ? idTokens.sign(client.clientId(), minted.session().idTokenClaims(), minted.accessToken(), null)
                : null;
        return new TokenResponse(minted.accessToken(), accessTtl.getSeconds(), idToken, minted.refreshToken(),
                String.join(" ", minted.access().grantedScopes()), "bearer");
    }

    private static TokenRecord row(TokenRecord from, String signature, Instant now, Instant expires, String data) {
        return new TokenRecord(signature, from.requestId(), from.clientId(), from.subject(), now, expires,
                from.grantedScopes(), from.requestedScopes(), from.grantedAudience(), from.requestedAudience(), true,
                data, from.challengeId());
    }
}
