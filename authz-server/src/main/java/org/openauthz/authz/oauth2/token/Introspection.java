package org.openauthz.authz.oauth2.token;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * The introspection response (<a href="https://www.rfc-editor.org/rfc/rfc7662#section-2.2">RFC 7662 §2.2</a>) with
 * Hydra v1.10's extra fields, and {@code cnf.jkt} for a token bound to a DPoP key
 * (<a href="https://www.rfc-editor.org/rfc/rfc9449#section-6.2">RFC 9449 §6.2</a>).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Introspection(
        @JsonProperty("active") boolean active,
        @JsonProperty("scope") String scope,
        @JsonProperty("client_id") String clientId,
        @JsonProperty("sub") String subject,
        @JsonProperty("obfuscated_subject") String obfuscatedSubject,
        @JsonProperty("exp") Long expiresAt,
        @JsonProperty("iat") Long issuedAt,
        @JsonProperty("nbf") Long notBefore,
        @JsonProperty("aud") List<String> audience,
        @JsonProperty("iss") String issuer,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("token_use") String tokenUse,
        @JsonProperty("ext") Map<String, Object> ext,
        @JsonProperty("cnf") Map<String, String> confirmation) {

    public static final Introspection INACTIVE = new Introspection(false, null, null, null, null, null, null, null,
            null, null, null, null, null, null);
}
