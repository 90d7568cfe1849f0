package org.openauthz.authz.consent;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.openauthz.authz.oauth2.authorize.AuthorizedGrant;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One login-and-consent round trip, from the first redirect to the login UI to the issued code or tokens (Hydra's
 * login request, consent request and their "handled" records in one immutable value). Transitions check the
 * {@link FlowState} and return a {@link Transition}: the new value together with the state the stored flow must
 * still be in, which {@link FlowStore#update} checks, so no caller can name the wrong previous state.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Flow(
        @JsonProperty("state") FlowState state,
        @JsonProperty("login_challenge") String loginChallenge,
        @JsonProperty("login_verifier") String loginVerifier,
        @JsonProperty("login_csrf") String loginCsrf,
        @JsonProperty("request_url") String requestUrl,
        @JsonProperty("client_id") String clientId,
        @JsonProperty("requested_scope") List<String> requestedScope,
        @JsonProperty("requested_audience") List<String> requestedAudience,
        @JsonProperty("oidc_context") Map<String, Object> oidcContext,
        @JsonProperty("login_skip") boolean loginSkip,
        @JsonProperty("subject") String subject,
        @JsonProperty("login_session_id") String loginSessionId,
        @JsonProperty("requested_at") Instant requestedAt,
        @JsonProperty("authenticated_at") Instant authenticatedAt,
        @JsonProperty("login") LoginOutcome login,
        @JsonProperty("consent_challenge") String consentChallenge,
        @JsonProperty("consent_verifier") String consentVerifier,
        @JsonProperty("consent_csrf") String consentCsrf,
        @JsonProperty("consent_skip") boolean consentSkip,
        @JsonProperty("consent_requested_at") Instant consentRequestedAt,
        @JsonProperty("consent") ConsentOutcome consent) {

    public Flow {
        requestedScope = requestedScope == null ? List.of() : List.copyOf(requestedScope);
        requestedAudience = requestedAudience == null ? List.of() : List.copyOf(requestedAudience);
        oidcContext = oidcContext == null ? Map.of() : oidcContext;
    }

    /**
     * A transition to write: {@link #next()} is stored only if the stored flow is still in {@link #expected()}, the
     * state the transition started from (decision 0006). Only {@link Flow}'s transitions make one.
     */
    public static final class Transition {
        private final Flow next;
        private final FlowState expected;
        private final Flow from;

        private Transition(Flow next, FlowState expected, Flow from) {
            this.next = next;
            this.expected = expected;
            this.from = from;
        }

        public Flow next() {
            return next;
        }

        /** The flow this transition started from, as the step read it. */
        public Flow from() {
            return from;
        }

        public FlowState expected() {
            return expected;
        }

        /**
         * This transition followed by {@code step}, written as one conditional update: the stored flow must still be
         * in this transition's expected state; the state between the two is never stored.
         */
        public Transition andThen(Function<Flow, Transition> step) {
            return new Transition(step.apply(next).next, expected, from);
        }
    }

    /**
     * What the login app decided (the accept-login body of Hydra v1.10's admin API, {@code PUT
     * /oauth2/auth/requests/login/accept}, docs/admin-api/README.md), or its rejection.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record LoginOutcome(
            @JsonProperty("subject") String subject,
            @JsonProperty("remember") boolean remember,
            @JsonProperty("remember_for") long rememberFor,
            @JsonProperty("acr") String acr,
            @JsonProperty("amr") List<String> amr,
            @JsonProperty("context") Map<String, Object> context,
            @JsonProperty("force_subject_identifier") String forceSubjectIdentifier,
            @JsonProperty("error") RequestDenial error,
            @JsonProperty("handled_at") Instant handledAt) {

        public boolean rejected() {
            return error != null;
        }
    }

    /** What the consent app decided, or its rejection. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ConsentOutcome(
            @JsonProperty("grant_scope") List<String> grantScope,
            @JsonProperty("grant_access_token_audience") List<String> grantAudience,
            @JsonProperty("remember") boolean remember,
            @JsonProperty("remember_for") long rememberFor,
            @JsonProperty("session_access_token") Map<String, Object> accessTokenClaims,
            @JsonProperty("session_id_token") Map<String, Object> idTokenClaims,
            @JsonProperty("error") RequestDenial error,
            @JsonProperty("handled_at") Instant handledAt) {

        public boolean rejected() {
            return error != null;
        }
    }

    /** A new flow waiting for the login UI. */
    public static Flow start(String challenge, String verifier, String csrf, String requestUrl, String clientId,
                             List<String> scope, List<String> audience, Map<String, Object> oidcContext, boolean skip,
                             String subject, String loginSessionId, Instant requestedAt, Instant authenticatedAt) {
        return new Flow(FlowState.LOGIN_INITIALIZED, challenge, verifier, csrf, requestUrl, clientId, scope, audience,
                oidcContext, skip, subject, loginSessionId, requestedAt, authenticatedAt, null, null, null, null,
                false, null, null);
    }

    /** Accept or reject login; allowed until the login verifier has been used. */
    public Transition handleLogin(LoginOutcome outcome) {
        if (state != FlowState.LOGIN_INITIALIZED && state != FlowState.LOGIN_UNUSED) {
            throw new FlowStateException("handle the login request", state);
        }
        return to(FlowState.LOGIN_UNUSED, outcome, consent, consentChallenge, consentVerifier, consentCsrf,
                consentSkip, consentRequestedAt);
    }

    public Transition useLoginVerifier() {
        if (state != FlowState.LOGIN_UNUSED) {
            throw new FlowStateException("use the login verifier", state);
        }
        return to(FlowState.LOGIN_USED, login, consent, consentChallenge, consentVerifier, consentCsrf,
                consentSkip, consentRequestedAt);
    }

    public Transition startConsent(String challenge, String verifier, String csrf, boolean skip, Instant now) {
        if (state != FlowState.LOGIN_USED) {
            throw new FlowStateException("start the consent request", state);
        }
        return to(FlowState.CONSENT_INITIALIZED, login, null, challenge, verifier, csrf, skip, now);
    }

    /** Accept or reject consent; allowed until the consent verifier has been used. */
    public Transition handleConsent(ConsentOutcome outcome) {
        if (state != FlowState.CONSENT_INITIALIZED && state != FlowState.CONSENT_UNUSED) {
            throw new FlowStateException("handle the consent request", state);
        }
        return to(FlowState.CONSENT_UNUSED, login, outcome, consentChallenge, consentVerifier, consentCsrf,
                consentSkip, consentRequestedAt);
    }

    public Transition useConsentVerifier() {
        if (state != FlowState.CONSENT_UNUSED) {
            throw new FlowStateException("use the consent verifier", state);
        }
        return to(FlowState.CONSENT_USED, login, consent, consentChallenge, consentVerifier, consentCsrf,
                consentSkip, consentRequestedAt);
    }

    /** When the user authenticated: the remembered time on skip, else when the login app accepted (seconds). */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public Instant authTime() {
        if (loginSkip && authenticatedAt != null) {
            return authenticatedAt;
        }
        return login == null ? null : login.handledAt();
    }

    /** The subject the login app authenticated (or the remembered one on skip). */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public String authenticatedSubject() {
        return login != null && login.subject() != null ? login.subject() : subject;
    }

    /**
     * What this finished flow authorized, in the protocol core's terms (the core does not know flows): who, what was
     * granted, and the claims for the tokens.
     */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public AuthorizedGrant authorizedGrant() {
        return new AuthorizedGrant(authenticatedSubject(), login.forceSubjectIdentifier(), consent.grantScope(),
                consent.grantAudience(), consent.accessTokenClaims(), consent.idTokenClaims(), authTime(),
                requestedAt, login.acr(), login.amr(), loginSessionId, consentChallenge);
    }

    private Transition to(FlowState next, LoginOutcome newLogin, ConsentOutcome newConsent, String cChallenge,
                          String cVerifier, String cCsrf, boolean cSkip, Instant cRequestedAt) {
        Flow flow = new Flow(next, loginChallenge, loginVerifier, loginCsrf, requestUrl, clientId, requestedScope,
                requestedAudience, oidcContext, loginSkip, subject, loginSessionId, requestedAt, authenticatedAt,
                newLogin, cChallenge, cVerifier, cCsrf, cSkip, cRequestedAt, newConsent);
        return new Transition(flow, state, this);
    }
}
