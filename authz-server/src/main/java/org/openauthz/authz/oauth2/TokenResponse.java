package org.openauthz.authz.oauth2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The token endpoint's success body (RFC 6749 §5.1); {@code token_type} is lowercase "bearer" as in Hydra, or
 * "DPoP" for a token bound to a DPoP key (RFC 9449 §5).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("expires_in") long expiresIn,
        @JsonProperty("id_token") String idToken,
        @JsonProperty("refresh_token") String refreshToken,
        @JsonProperty("scope") String scope,
        @JsonProperty("token_type") String tokenType) {

    /** The {@code token_type} of an access token bound to the DPoP key {@code jkt} (null: a bearer token). */
    public static String tokenType(String jkt) {
        return jkt == null ? "bearer" : "DPoP";
    }
}
