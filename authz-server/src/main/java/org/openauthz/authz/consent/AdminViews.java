package org.openauthz.authz.consent;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.openauthz.authz.client.OAuth2Client;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The admin API's login/consent JSON shapes (reference §1.12), exactly as Hydra v1.10 names them. */
public final class AdminViews {
    private AdminViews() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LoginRequest(
            @JsonProperty("challenge") String challenge,
            @JsonProperty("requested_scope") List<String> requestedScope,
            @JsonProperty("requested_access_token_audience") List<String> requestedAudience,
            @JsonProperty("skip") boolean skip,
            @JsonProperty("subject") String subject,
            @JsonProperty("oidc_context") Map<String, Object> oidcContext,
            @JsonProperty("client") OAuth2Client client,
            @JsonProperty("request_url") String requestUrl,
            @JsonProperty("session_id") String sessionId) {
    }

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

    /** Body of {@code PUT /oauth2/auth/requests/login/accept}; unknown fields are refused (§9A item 6). */
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

    @JsonIgnoreProperties(ignoreUnknown = false)
    public record ConsentSession(
            @JsonProperty("access_token") Map<String, Object> accessToken,
            @JsonProperty("id_token") Map<String, Object> idToken) {
    }

    /** Body of {@code PUT /oauth2/auth/requests/consent/accept}. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record AcceptConsent(
            @JsonProperty("grant_scope") List<String> grantScope,
            @JsonProperty("grant_access_token_audience") List<String> grantAudience,
            @JsonProperty("remember") Boolean remember,
            @JsonProperty("remember_for") Long rememberFor,
            @JsonProperty("session") ConsentSession session,
            @JsonProperty("handled_at") Instant handledAt) {
    }

    /** {@code {"redirect_to": ...}}: the completed request, or (with 410) a request already handled. */
    public record RedirectTo(@JsonProperty("redirect_to") String redirectTo) {
    }

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
}
