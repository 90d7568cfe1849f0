package org.openauthz.authz.oauth2.hook;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.openauthz.authz.oauth2.oidc.IdTokens;
import org.openauthz.authz.oauth2.token.TokenSession;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A hook's {@code 200} answer, {@code {"session":{"access_token":{...},"id_token":{...}}}}: the same shape as the
 * {@code session} of an accepted consent request. As in Hydra, it replaces the grant's custom claims: the
 * {@code access_token} object becomes the access token's {@code ext} (introspection), the {@code id_token} object the
 * custom ID-token claims; a member left out empties that part. Claims the server owns ({@code sub}, {@code auth_time},
 * {@code nonce}, ...) are never taken from a hook.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record SessionClaims(@JsonProperty("session") Claims session) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Claims(@JsonProperty("access_token") Map<String, Object> accessToken,
                  @JsonProperty("id_token") Map<String, Object> idToken) {
    }

    /** {@code session} with the hook's claims in place of its custom ones. */
    TokenSession applyTo(TokenSession current) {
        Map<String, Object> ext = session == null || session.accessToken() == null ? Map.of() : session.accessToken();
        Map<String, Object> idClaims = new LinkedHashMap<>(current.idTokenClaims());
        // No ID token is issued for a grant without ID-token claims (no openid scope): nothing to add them to.
        if (!idClaims.isEmpty()) {
            idClaims.keySet().retainAll(IdTokens.RESERVED);
            if (session != null && session.idToken() != null) {
                idClaims.putAll(IdTokens.withoutReserved(session.idToken()));
            }
        }
        return current.withClaims(ext, idClaims);
    }
}
