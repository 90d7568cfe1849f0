package org.openauthz.authz.oauth2.token;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;

/**
 * What a grant carries besides scopes and audience: the consent session's access-token claims ({@code ext} in
 * introspection) and the ID-token claims re-issued on refresh. Stored as JSON in {@code session_data}.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
public record TokenSession(
        @JsonProperty("ext") Map<String, Object> ext,
        @JsonProperty("id_token_claims") Map<String, Object> idTokenClaims,
        @JsonProperty("username") String username,
        @JsonProperty("authorization") Map<String, String> authorization) {

    /** Parameters of the authorization request a code must be redeemed with (redirect_uri, PKCE challenge). */
    public static final String REDIRECT_URI = "redirect_uri";
    public static final String CODE_CHALLENGE = "code_challenge";

    public TokenSession(Map<String, Object> ext, Map<String, Object> idTokenClaims, String username) {
        this(ext, idTokenClaims, username, Map.of());
    }

    public static TokenSession empty() {
        return new TokenSession(Map.of(), Map.of(), null, Map.of());
    }

    public TokenSession {
        ext = ext == null ? Map.of() : ext;
        idTokenClaims = idTokenClaims == null ? Map.of() : idTokenClaims;
        authorization = authorization == null ? Map.of() : authorization;
    }

    /** The same session without the code-only request parameters, for the tokens the code is exchanged for. */
    public TokenSession forTokens() {
        return new TokenSession(ext, idTokenClaims, username, Map.of());
    }
}
