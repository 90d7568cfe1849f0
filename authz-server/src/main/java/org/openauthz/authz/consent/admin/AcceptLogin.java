package org.openauthz.authz.consent.admin;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * Body of {@code PUT /oauth2/auth/requests/login/accept}. Unknown fields are refused, as Hydra v1.10 refuses them
 * (it decodes this body with unknown fields disallowed), so a misspelt field fails instead of being ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record AcceptLogin(
        @JsonProperty("subject") String subject,
        @JsonProperty("remember") Boolean remember,
        @JsonProperty("remember_for") Long rememberFor,
        @JsonProperty("acr") String acr,
        @JsonProperty("amr") List<String> amr,
        @JsonProperty("context") Map<String, Object> context,
        @JsonProperty("force_subject_identifier") String forceSubjectIdentifier) {
}
