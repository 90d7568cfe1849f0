package org.openauthz.authz.oauth2.token;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;

/**
 * What a grant carries besides scopes and audience: the consent session's access-token claims ({@code ext} in
 * introspection) and the ID-token claims re-issued on refresh, and the pairwise or forced {@code sub} when there is
 * one. Stored as JSON in {@code session_data}.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
public record TokenSession(
        @JsonProperty("ext") Map<String, Object> ext,
        @JsonProperty("id_token_claims") Map<String, Object> idTokenClaims,
        @JsonProperty("username") String username,
        @JsonProperty("authorization") Map<String, String> authorization,
        @JsonProperty("obfuscated_subject") String obfuscatedSubject) {

    /** Parameters of the authorization request a code must be redeemed with (redirect_uri, PKCE challenge). */
    public static final String REDIRECT_URI = "redirect_uri";
    public static final String CODE_CHALLENGE = "code_challenge";

    public TokenSession(Map<String, Object> ext, Map<String, Object> idTokenClaims, String username) {
        this(ext, idTokenClaims, username, Map.of());
    }

    public TokenSession(Map<String, Object> ext, Map<String, Object> idTokenClaims, String username,
                        Map<String, String> authorization) {
        this(ext, idTokenClaims, username, authorization, null);
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
        return new TokenSession(ext, idTokenClaims, username, Map.of(), obfuscatedSubject);
    }

    /**
     * The same session with the {@code sub} the client sees when it differs from the real subject (pairwise or
     * forced, OpenID Connect Core §8), shown by introspection as {@code obfuscated_subject} as Hydra does.
     */
    public TokenSession withSubjectSeenByClient(String subject, String seenByClient) {
        return new TokenSession(ext, idTokenClaims, username, authorization,
                seenByClient == null || seenByClient.equals(subject) ? null : seenByClient);
    }

    /** The same session with other custom claims (a token hook's answer); authorization data is kept. */
    public TokenSession withClaims(Map<String, Object> newExt, Map<String, Object> newIdTokenClaims) {
        return new TokenSession(newExt, newIdTokenClaims, username, authorization, obfuscatedSubject);
    }
}
