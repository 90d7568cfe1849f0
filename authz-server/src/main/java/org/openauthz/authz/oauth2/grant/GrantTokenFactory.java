package org.openauthz.authz.oauth2.grant;

import org.openauthz.authz.client.OAuth2Client;
import org.openauthz.authz.oauth2.ResourceIndicators;
import org.openauthz.authz.oauth2.TokenResponse;
import org.openauthz.authz.oauth2.hook.HookedGrant;
import org.openauthz.authz.oauth2.hook.TokenHooks;
import org.openauthz.authz.oauth2.oidc.IdTokens;
import org.openauthz.authz.oauth2.token.Grant;
import org.openauthz.authz.oauth2.token.TokenMinter;
import org.openauthz.authz.oauth2.token.TokenRecord;
import org.openauthz.authz.oauth2.token.TokenSession;

import java.util.List;

/**
 * Mints the access token, refresh token and ID token that the code and refresh grants both answer with, for the
 * grant a stored token belongs to (same request id, scopes, audience and claims).
 */
public final class GrantTokenFactory {
    private final TokenMinter minter;
    private final IdTokens idTokens;
    private final TokenHooks hooks;

    public GrantTokenFactory(TokenMinter minter, IdTokens idTokens, TokenHooks hooks) {
        this.minter = minter;
        this.idTokens = idTokens;
        this.hooks = hooks;
    }

    /** The new tokens and their rows; nothing is stored yet. {@code refresh} is null when none is issued. */
    public record Minted(TokenMinter.Minted access, TokenMinter.Minted refresh, TokenSession session) {
        /** The refresh row to store, or null. */
        public TokenRecord refreshRow() {
            return refresh == null ? null : refresh.row();
        }
    }

    /**
     * Refresh tokens only when {@code offline} or {@code offline_access} was granted and the client may use the
     * refresh grant, as in Hydra v1.10. The token hooks see the grant first and may replace its claims. The access
     * token is for the {@code resources} asked for, some of the granted audience, or for all of it when none are
     * (RFC 8707 §2.2); the refresh token keeps the whole grant. The access token is bound to the DPoP key
     * {@code dpopJkt} (null: a bearer token), and so is the refresh token of a public client
     * (<a href="https://www.rfc-editor.org/rfc/rfc9449#section-5">RFC 9449 §5</a>: a confidential client's refresh
     * token is already bound to its credentials).
     */
    public Minted mint(String grantType, OAuth2Client client, TokenRecord from, TokenSession stored,
                       List<String> resources, String dpopJkt) {
        List<String> audience = ResourceIndicators.narrow(from.grantedAudience(), resources);
        TokenSession session = hooks.beforeIssue(new HookedGrant(grantType, client.clientId(), from.subject(),
                from.grantedScopes(), audience, stored));
        TokenMinter.Minted access = minter.access(Grant.of(from, session).withGrantedAudience(audience)
                .boundTo(dpopJkt));
        boolean offline = from.grantedScopes().contains("offline") || from.grantedScopes().contains("offline_access");
        if (!offline || !client.effectiveGrantTypes().contains("refresh_token")) {
            return new Minted(access, null, session);
        }
        return new Minted(access, minter.refreshFor(access, from.grantedAudience(), client.isPublic()), session);
    }

    /** The token endpoint response; an ID token (with at_hash) when {@code openid} was granted. */
    public TokenResponse response(OAuth2Client client, Minted minted) {
        String accessToken = minted.access().token();
        String idToken = minted.access().row().grantedScopes().contains("openid")
                && !minted.session().idTokenClaims().isEmpty()
                ? idTokens.sign(client.clientId(), minted.session().idTokenClaims(), accessToken, null)
                : null;
        return new TokenResponse(accessToken, minted.access().expiresIn(), idToken,
                minted.refresh() == null ? null : minted.refresh().token(),
                String.join(" ", minted.access().row().grantedScopes()),
                TokenResponse.tokenType(minted.access().row().dpopJkt()));
    }
}
