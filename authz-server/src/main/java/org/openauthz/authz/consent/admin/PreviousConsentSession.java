package org.openauthz.authz.consent.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;

/**
 * One consent session (a used, accepted, not skipped consent) as {@code GET /oauth2/auth/sessions/consent} lists it,
 * with Hydra v1.10's field names.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PreviousConsentSession(
        @JsonProperty("consent_request") ConsentRequest consentRequest,
        @JsonProperty("grant_scope") List<String> grantScope,
        @JsonProperty("grant_access_token_audience") List<String> grantAudience,
        @JsonProperty("session") ConsentSession session,
        @JsonProperty("remember") boolean remember,
        @JsonProperty("remember_for") long rememberFor,
        @JsonProperty("handled_at") Instant handledAt) {
}
