package org.openauthz.authz.consent.admin;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;

/** Body of {@code PUT /oauth2/auth/requests/consent/accept}; unknown fields are refused, as by Hydra v1.10. */
@JsonIgnoreProperties(ignoreUnknown = false)
public record AcceptConsent(
        @JsonProperty("grant_scope") List<String> grantScope,
        @JsonProperty("grant_access_token_audience") List<String> grantAudience,
        @JsonProperty("remember") Boolean remember,
        @JsonProperty("remember_for") Long rememberFor,
        @JsonProperty("session") ConsentSession session,
        @JsonProperty("handled_at") Instant handledAt) {
}
