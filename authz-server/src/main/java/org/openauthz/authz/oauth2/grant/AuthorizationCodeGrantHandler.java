package org.openauthz.authz.oauth2.grant;

import org.openauthz.authz.client.OAuth2Client;
import org.openauthz.authz.oauth2.GrantHandler;
import org.openauthz.authz.oauth2.OAuth2Error;
import org.openauthz.authz.oauth2.OAuth2Exception;
import org.openauthz.authz.oauth2.ResourceIndicators;
import org.openauthz.authz.oauth2.TokenRequest;
import org.openauthz.authz.oauth2.TokenResponse;
import org.openauthz.authz.oauth2.dpop.DpopBinding;
import org.openauthz.authz.oauth2.pkce.Pkce;
import org.openauthz.authz.oauth2.token.SessionCodec;
import org.openauthz.authz.oauth2.token.TokenKind;
import org.openauthz.authz.oauth2.token.TokenLookup;
import org.openauthz.authz.oauth2.token.TokenRecord;
import org.openauthz.authz.oauth2.token.TokenSession;
import org.openauthz.authz.oauth2.token.TokenStore;

/**
 * The authorization code grant (RFC 6749 §4.1.3, OpenID Connect Core §3.1.3). A code works once: a second use fails
 * and revokes everything the first use issued (RFC 6749 §4.1.2: "SHOULD revoke (when possible) all tokens
 * previously issued based on that authorization code").
 */
public final class AuthorizationCodeGrantHandler implements GrantHandler {
    private static final TokenLookup.Refusals REFUSALS = new TokenLookup.Refusals(
            () -> OAuth2Error.INVALID_GRANT.withHint("The authorization code is unknown or malformed.").toException(),
            () -> OAuth2Error.INVALID_GRANT.withHint("The OAuth 2.0 Client ID from this request does not match the "
                    + "one from the authorize request.").toException(),
            AuthorizationCodeGrantHandler::alreadyUsed,
            () -> OAuth2Error.INVALID_GRANT.withHint("The authorization code has expired.").toException());

    private final TokenLookup lookup;
    private final TokenStore store;
    private final SessionCodec sessions;
    private final GrantTokenFactory factory;
    private final Pkce pkce;

    public AuthorizationCodeGrantHandler(TokenLookup lookup, TokenStore store, SessionCodec sessions,
                                         GrantTokenFactory factory, Pkce pkce) {
        this.lookup = lookup;
        this.store = store;
        this.sessions = sessions;
        this.factory = factory;
        this.pkce = pkce;
    }

    @Override
    public String grantType() {
        return "authorization_code";
    }

    @Override
    public TokenResponse handle(TokenRequest request, OAuth2Client client) {
        TokenLookup.Found code = lookup.redeemable(TokenKind.AUTHORIZE_CODE, request.form().require("code"), client,
                REFUSALS);
        TokenRecord stored = code.record();
        DpopBinding.requireSameKey(stored.dpopJkt(), request.dpop(), "authorization code");
        TokenSession session = sessions.decode(stored.sessionData());
        String registeredRedirect = session.authorization().get(TokenSession.REDIRECT_URI);
        String redirectUri = request.form().get("redirect_uri");
        // RFC 6749 §4.1.3: required, and identical, if it was included in the authorization request.
        if (registeredRedirect != null && !registeredRedirect.equals(redirectUri)) {
            throw OAuth2Error.INVALID_GRANT.withHint("The 'redirect_uri' from this request does not match the one "
                    + "from the authorize request.").toException();
        }
        pkce.verify(session.authorization().get(TokenSession.CODE_CHALLENGE),
                request.form().get("code_verifier"));
        GrantTokenFactory.Minted minted = factory.mint(grantType(), client, stored, session.forTokens(),
                ResourceIndicators.parse(request.form()), request.dpopJkt());
        if (!store.redeem(code.signature(), minted.access().row(), minted.refreshRow())) {
            // Another request redeemed it between our read and now: treat as reuse.
            store.revokeRequest(stored.requestId());
            throw alreadyUsed();
        }
        return factory.response(client, minted);
    }

    private static OAuth2Exception alreadyUsed() {
        return OAuth2Error.INVALID_GRANT.withHint("The authorization code has already been used.").toException();
    }
}
