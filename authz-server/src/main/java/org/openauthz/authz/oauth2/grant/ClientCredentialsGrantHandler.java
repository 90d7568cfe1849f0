package org.openauthz.authz.oauth2.grant;

import org.openauthz.authz.client.OAuth2Client;
import org.openauthz.authz.oauth2.AudienceMatcher;
import org.openauthz.authz.oauth2.ResourceIndicators;
import org.openauthz.authz.oauth2.GrantHandler;
import org.openauthz.authz.oauth2.OAuth2Error;
import org.openauthz.authz.oauth2.ClientScopes;
import org.openauthz.authz.oauth2.TokenRequest;
import org.openauthz.authz.oauth2.TokenResponse;
import org.openauthz.authz.oauth2.hook.HookedGrant;
import org.openauthz.authz.oauth2.hook.TokenHooks;
import org.openauthz.authz.oauth2.token.AccessTokenIssuer;
import org.openauthz.authz.oauth2.token.Grant;
import org.openauthz.authz.oauth2.token.GrantIds;
import org.openauthz.authz.oauth2.token.TokenMinter;
import org.openauthz.authz.oauth2.token.TokenSession;

import java.util.List;

/**
 * The client credentials grant (RFC 6749 §4.4): a confidential client gets an access token for itself. The subject
 * is the client id; no refresh token is issued (RFC 6749 §4.4.3: "A refresh token SHOULD NOT be included").
 */
public final class ClientCredentialsGrantHandler implements GrantHandler {
    private final AccessTokenIssuer issuer;
    private final ClientScopes scopes;
    private final boolean grantAllScopesByDefault;
    private final TokenHooks hooks;

    public ClientCredentialsGrantHandler(AccessTokenIssuer issuer, ClientScopes scopes,
                                         boolean grantAllScopesByDefault, TokenHooks hooks) {
        this.issuer = issuer;
        this.scopes = scopes;
        this.grantAllScopesByDefault = grantAllScopesByDefault;
        this.hooks = hooks;
    }

    @Override
    public String grantType() {
        return "client_credentials";
    }

    @Override
    public TokenResponse handle(TokenRequest request, OAuth2Client client) {
        if (client.isPublic()) {
            throw OAuth2Error.INVALID_CLIENT.withHint("The OAuth 2.0 Client is marked as public and is thus not "
                    + "allowed to use authorization grant 'client_credentials'.").toException();
        }
        scopes.requireAllowed(client, request.scopes());
        AudienceMatcher.requireAllowed(client.audience() == null ? List.of() : client.audience(), request.audience());
        List<String> resources = ResourceIndicators.parse(request.form());
        ResourceIndicators.requireAllowed(client, resources);
        List<String> audience = ResourceIndicators.joined(request.audience(), resources);
        List<String> granted = request.scopes().isEmpty() && grantAllScopesByDefault ? client.scopes() : request.scopes();
        TokenSession session = hooks.beforeIssue(new HookedGrant(grantType(), client.clientId(), client.clientId(),
                granted, audience, TokenSession.empty()));
        Grant grant = new Grant(GrantIds.next(), client.clientId(), client.clientId(), granted, request.scopes(),
                audience, audience, session, null, request.dpopJkt());
        TokenMinter.Minted token = issuer.issue(grant);
        return new TokenResponse(token.token(), token.expiresIn(), null, null, String.join(" ", granted),
                TokenResponse.tokenType(grant.dpopJkt()));
    }
}
