package org.openauthz.authz.oauth2.grant;

import org.openauthz.authz.client.OAuth2Client;
import org.openauthz.authz.oauth2.ClientScopes;
import org.openauthz.authz.oauth2.GrantHandler;
import org.openauthz.authz.oauth2.OAuth2Error;
import org.openauthz.authz.oauth2.OAuth2Exception;
import org.openauthz.authz.oauth2.ResourceIndicators;
import org.openauthz.authz.oauth2.TokenRequest;
import org.openauthz.authz.oauth2.TokenResponse;
import org.openauthz.authz.oauth2.dpop.DpopBinding;
import org.openauthz.authz.oauth2.token.SessionCodec;
import org.openauthz.authz.oauth2.token.TokenKind;
import org.openauthz.authz.oauth2.token.TokenLookup;
import org.openauthz.authz.oauth2.token.TokenRecord;
import org.openauthz.authz.oauth2.token.TokenStore;

/**
 * The refresh token grant (RFC 6749 §6) with rotation and reuse detection (RFC 9700 §4.14.2): every use returns a
 * new refresh token and retires the old one; presenting a retired one revokes the whole grant, since either the
 * client or an attacker holds a stolen copy.
 */
public final class RefreshTokenGrantHandler implements GrantHandler {
    private static final TokenLookup.Refusals REFUSALS = new TokenLookup.Refusals(
            () -> OAuth2Error.INVALID_GRANT.withHint("The refresh token is unknown or malformed.").toException(),
            () -> OAuth2Error.INVALID_GRANT.withHint("The OAuth 2.0 Client ID from this request does not match the "
                    + "ID during the initial token issuance.").toException(),
            RefreshTokenGrantHandler::reused,
            () -> OAuth2Error.INVALID_GRANT.withHint("The refresh token has expired.").toException());

    private final TokenLookup lookup;
    private final TokenStore store;
    private final SessionCodec sessions;
    private final GrantTokenFactory factory;
    private final ClientScopes scopes;

    public RefreshTokenGrantHandler(TokenLookup lookup, TokenStore store, SessionCodec sessions,
                                    GrantTokenFactory factory, ClientScopes scopes) {
        this.lookup = lookup;
        this.store = store;
        this.sessions = sessions;
        this.factory = factory;
        this.scopes = scopes;
    }

    @Override
    public String grantType() {
        return "refresh_token";
    }

    @Override
    public TokenResponse handle(TokenRequest request, OAuth2Client client) {
        TokenLookup.Found presented = lookup.redeemable(TokenKind.REFRESH_TOKEN,
                request.form().require("refresh_token"), client, REFUSALS);
        TokenRecord stored = presented.record();
        DpopBinding.requireSameKey(stored.dpopJkt(), request.dpop(), "refresh token");
        scopes.requireStillAllowed(client, stored.grantedScopes());
        GrantTokenFactory.Minted minted = factory.mint(grantType(), client, stored,
                sessions.decode(stored.sessionData()), ResourceIndicators.parse(request.form()), request.dpopJkt());
        if (minted.refresh() == null) {
            throw OAuth2Error.INVALID_GRANT.withHint("The grant does not include offline access.").toException();
        }
        if (!store.rotate(presented.signature(), stored.requestId(), minted.access().row(), minted.refresh().row())) {
            store.revokeRequest(stored.requestId());
            throw reused();
        }
        return factory.response(client, minted);
    }

    /**
     * Hydra v1.10 answers reuse with {@code token_inactive} (401); clients and SDKs built against it expect that,
     * so we keep it although <a href="https://www.rfc-editor.org/rfc/rfc6749#section-5.2">RFC 6749 §5.2</a> would say
     * invalid_grant.
     */
    private static OAuth2Exception reused() {
        return OAuth2Error.TOKEN_INACTIVE.withHint("The refresh token was already used; all tokens of this grant "
                + "have been revoked.").toException();
    }
}
