package org.openauthz.authz.oauth2.hook;

import org.openauthz.authz.oauth2.oidc.IdTokens;
import org.openauthz.authz.oauth2.token.TokenSession;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON bodies POSTed to the hooks, in the shapes Hydra documents for them (docs/operations.md shows both). The
 * {@code session} member is the same in both: the ID-token claims the server set ({@code sub}, {@code auth_time},
 * ...) with the custom ones under {@code ext}, the real subject, and the access token's claims as {@code extra}.
 */
final class HookBodies {
    private HookBodies() {
    }

    /**
     * Hydra v1.10.7's refresh token hook: {@code subject}, {@code client_id}, {@code granted_scopes},
     * {@code granted_audience}, {@code session} and the same again as {@code requester} with {@code grant_types}.
     */
    static Map<String, Object> refreshTokenHook(HookedGrant grant, TokenSession session) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subject", grant.subject());
        body.put("client_id", grant.clientId());
        body.put("granted_scopes", grant.grantedScopes());
        body.put("granted_audience", grant.grantedAudience());
        body.put("session", session(grant, session));
        Map<String, Object> requester = request(grant);
        requester.remove("payload");
        body.put("requester", requester);
        return body;
    }

    /** Hydra v2's token hook: {@code session} and {@code request}. */
    static Map<String, Object> tokenHook(HookedGrant grant, TokenSession session) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("session", session(grant, session));
        body.put("request", request(grant));
        return body;
    }

    /**
     * {@code payload} carries the token request parameters a hook may look at; Hydra passes only a JWT-bearer
     * {@code assertion}, a grant this server does not have, so it is always empty.
     */
    private static Map<String, Object> request(HookedGrant grant) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("client_id", grant.clientId());
        request.put("granted_scopes", grant.grantedScopes());
        request.put("granted_audience", grant.grantedAudience());
        request.put("grant_types", List.of(grant.grantType()));
        request.put("payload", Map.of());
        return request;
    }

    private static Map<String, Object> session(HookedGrant grant, TokenSession session) {
        Map<String, Object> idTokenClaims = new LinkedHashMap<>();
        session.idTokenClaims().forEach((name, value) -> {
            if (IdTokens.RESERVED.contains(name)) {
                idTokenClaims.put(name, value);
            }
        });
        idTokenClaims.put("ext", IdTokens.withoutReserved(session.idTokenClaims()));
        Map<String, Object> idToken = new LinkedHashMap<>();
        idToken.put("id_token_claims", idTokenClaims);
        idToken.put("username", session.username() == null ? "" : session.username());
        idToken.put("subject", grant.subject());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id_token", idToken);
        out.put("extra", session.ext());
        out.put("client_id", grant.clientId());
        return out;
    }
}
