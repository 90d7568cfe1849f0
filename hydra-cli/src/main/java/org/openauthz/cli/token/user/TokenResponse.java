package org.openauthz.cli.token.user;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The successful answer of the token endpoint (RFC 6749 section 5.1; OIDC Core 3.1.3.3 adds the
 * ID token). Absent values are {@code null}.
 */
public record TokenResponse(String accessToken, String tokenType, String refreshToken, String idToken,
                            Long expiresIn, String scope) {

    public static TokenResponse fromJson(JsonNode json) {
        return new TokenResponse(text(json, "access_token"), text(json, "token_type"), text(json, "refresh_token"),
                text(json, "id_token"), json.hasNonNull("expires_in") && json.get("expires_in").canConvertToLong()
                        ? json.get("expires_in").asLong() : null, text(json, "scope"));
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || !value.isTextual() || value.asText().isEmpty() ? null : value.asText();
    }

    /** Never prints the tokens. */
    @Override
    public String toString() {
        return "TokenResponse[tokenType=" + tokenType + ", expiresIn=" + expiresIn + ", scope=" + scope + "]";
    }
}
