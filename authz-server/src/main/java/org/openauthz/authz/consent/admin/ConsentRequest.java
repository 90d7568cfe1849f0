package org.openauthz.authz.consent.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.openauthz.authz.client.OAuth2Client;

import java.util.List;
import java.util.Map;

/**
 * A consent request as the consent app reads it ({@code GET /oauth2/auth/requests/consent}, docs/admin-api/README.md),
 * with Hydra v1.10's field names; also part of each listed consent session.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConsentRequest(
        @JsonProperty("challenge") String challenge,
        @JsonProperty("requested_scope") List<String> requestedScope,
        @JsonProperty("requested_access_token_audience") List<String> requestedAudience,
        @JsonProperty("skip") boolean skip,
        @JsonProperty("subject") String subject,
        @JsonProperty("oidc_context") Map<String, Object> oidcContext,
        @JsonProperty("client") OAuth2Client client,
        @JsonProperty("request_url") String requestUrl,
        @JsonProperty("login_challenge") String loginChallenge,
        @JsonProperty("login_session_id") String loginSessionId,
        @JsonProperty("acr") String acr,
        @JsonProperty("amr") List<String> amr,
        @JsonProperty("context") Map<String, Object> context) {
}
