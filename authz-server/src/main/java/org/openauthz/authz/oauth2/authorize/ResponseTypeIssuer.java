package org.openauthz.authz.oauth2.authorize;

import org.openauthz.authz.client.OAuth2Client;
import org.openauthz.authz.oauth2.ClientScopes;
import org.openauthz.authz.oauth2.oidc.IdTokens;
import org.openauthz.authz.oauth2.oidc.SubjectIdentifiers;
import org.openauthz.authz.oauth2.token.AccessTokenIssuer;
import org.openauthz.authz.oauth2.token.Grant;
import org.openauthz.authz.oauth2.token.GrantIds;
import org.openauthz.authz.oauth2.token.TokenKind;
import org.openauthz.authz.oauth2.token.TokenMinter;
import org.openauthz.authz.oauth2.token.TokenSession;
import org.openauthz.authz.oauth2.token.TokenStore;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Issues what the request's {@code response_type} asks for once login and consent are done: a code
 * (<a href="https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2">RFC 6749 §4.1.2</a>), an access token
 * (<a href="https://www.rfc-editor.org/rfc/rfc6749#section-4.2.2">§4.2.2</a>), an ID token
 * (<a href="https://openid.net/specs/openid-connect-core-1_0.html#ImplicitAuthResponse">OpenID Connect Core
 * §3.2.2.5</a>, <a href="https://openid.net/specs/openid-connect-core-1_0.html#HybridAuthResponse">§3.3.2.5</a>), or
 * a hybrid combination, as response parameters; {@link ResponseModeDelivery} then delivers them. The code row carries
 * everything the token endpoint needs later: granted scopes, claims, the redirect URI and the PKCE challenge.
 */
public final class ResponseTypeIssuer {
    private final TokenMinter minter;
    private final TokenStore store;
    private final AccessTokenIssuer accessTokens;
    private final IdTokens idTokens;
    private final SubjectIdentifiers subjects;
    private final ClientScopes scopes;

    public ResponseTypeIssuer(TokenMinter minter, TokenStore store, AccessTokenIssuer accessTokens,
                                   IdTokens idTokens, SubjectIdentifiers subjects, ClientScopes scopes) {
        this.minter = minter;
        this.store = store;
        this.accessTokens = accessTokens;
        this.idTokens = idTokens;
        this.subjects = subjects;
        this.scopes = scopes;
    }

    /** The response parameters (without {@code state}, which {@link ResponseModeDelivery} adds). */
    public Map<String, String> issue(ValidatedAuthorization auth, AuthorizedGrant grant) {
        OAuth2Client client = auth.client();
        AuthorizationRequest request = auth.request();
        List<String> granted = scopes.allowedOf(client, grant.grantedScopes());
        List<String> audience = grant.grantedAudience();
        String sub = subjects.forClient(client, grant.subject(), grant.forcedSubjectIdentifier());
        Map<String, Object> idClaims = idTokenClaims(request, grant, sub);
        TokenSession session = new TokenSession(grant.accessTokenClaims(), granted.contains("openid") ? idClaims
                : Map.of(), null, Map.of()).withSubjectSeenByClient(grant.subject(), sub);
        String requestId = GrantIds.next();
        Map<String, String> response = new LinkedHashMap<>();
        String code = null;
        if (request.returnsCode()) {
            code = issueCode(auth, grant, granted, audience, session, requestId);
            response.put("code", code);
        }
        String accessToken = null;
        if (request.returnsAccessToken()) {
            TokenMinter.Minted issued = accessTokens.issue(new Grant(requestId, client.clientId(), grant.subject(),
                    granted, request.scopes(), audience, request.requestedAudience(), session, grant.consentChallenge()));
            accessToken = issued.token();
            response.put("access_token", accessToken);
            response.put("token_type", "bearer");
            response.put("expires_in", Long.toString(issued.expiresIn()));
        }
        if (request.returnsIdToken()) {
            response.put("id_token", idTokens.sign(client.clientId(), idClaims, accessToken, code));
        }
        response.put("scope", String.join(" ", granted));
        return response;
    }

    private String issueCode(ValidatedAuthorization auth, AuthorizedGrant grant, List<String> granted,
                             List<String> audience, TokenSession session, String requestId) {
        AuthorizationRequest request = auth.request();
        Map<String, String> redemption = new HashMap<>();
        if (request.redirectUri() != null) {
            redemption.put(TokenSession.REDIRECT_URI, request.redirectUri());
        }
        if (request.codeChallenge() != null) {
            redemption.put(TokenSession.CODE_CHALLENGE, request.codeChallenge());
        }
        TokenMinter.Minted code = minter.code(new Grant(requestId, auth.client().clientId(), grant.subject(), granted,
                request.scopes(), audience, request.requestedAudience(),
                new TokenSession(session.ext(), session.idTokenClaims(), null, redemption, session.obfuscatedSubject()),
                grant.consentChallenge(), request.dpopJkt()));
        store.insert(TokenKind.AUTHORIZE_CODE, code.row());
        return code.token();
    }

    /**
     * The stored ID-token claims of the grant (<a href="https://openid.net/specs/openid-connect-core-1_0.html#IDToken">
     * OpenID Connect Core §2</a>); iss, aud, exp, iat, jti are added at signing.
     */
    private static Map<String, Object> idTokenClaims(AuthorizationRequest request, AuthorizedGrant grant, String sub) {
        Map<String, Object> claims = new LinkedHashMap<>(IdTokens.withoutReserved(grant.idTokenClaims()));
        claims.put("sub", sub);
        if (grant.authTime() != null) {
            claims.put("auth_time", grant.authTime().getEpochSecond());
        }
        claims.put("rat", grant.requestedAt().getEpochSecond());
        if (request.nonce() != null && !request.nonce().isEmpty()) {
            claims.put("nonce", request.nonce());
        }
        String acr = grant.acr();
        if ((acr == null || acr.isEmpty()) && !request.acrValues().isEmpty()) {
            acr = "0";
        }
        if (acr != null && !acr.isEmpty()) {
            claims.put("acr", acr);
        }
        if (grant.amr() != null && !grant.amr().isEmpty()) {
            claims.put("amr", grant.amr());
        }
        claims.put("sid", grant.sessionId());
        return claims;
    }
}
