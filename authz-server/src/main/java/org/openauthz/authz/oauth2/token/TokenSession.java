package org.openauthz.authz.oauth2.token;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;

/**
 * What a grant carries besides scopes and audience: the consent session's access-token claims ({@code ext} in
 * introspection) and the ID-token claims re-issued on refresh. Stored as JSON in {@code session_data}.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record TokenSession(
        @JsonProperty("ext") Map<String, Object> ext,
        @JsonProperty("id_token_claims") Map<String, Object> idTokenClaims,
        @JsonProperty("username") String username) {

    public static TokenSession empty() {
        return new TokenSession(Map.of(), Map.of(), null);
    }

    public TokenSession {
        ext = ext == null ? Map.of() : ext;
        idTokenClaims = idTokenClaims == null ? Map.of() : idTokenClaims;
    }
}
