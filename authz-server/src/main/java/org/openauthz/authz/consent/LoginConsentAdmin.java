package org.openauthz.authz.consent;

import org.openauthz.authz.client.OAuth2Client;
import org.openauthz.authz.consent.admin.AcceptConsent;
import org.openauthz.authz.consent.admin.AcceptLogin;
import org.openauthz.authz.consent.admin.ConsentRequest;
import org.openauthz.authz.consent.admin.ConsentSession;
import org.openauthz.authz.consent.admin.LoginRequest;
import org.openauthz.authz.consent.admin.PreviousConsentSession;
import org.openauthz.authz.consent.admin.RedirectTo;
import org.openauthz.authz.oauth2.OAuth2Error;
import org.openauthz.authz.oauth2.OAuth2Exception;
import org.openauthz.authz.oauth2.token.TokenStore;
import org.openauthz.authz.storage.Page;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The admin side of the flow (Hydra v1.10's {@code /oauth2/auth/requests/login|consent} endpoints,
 * docs/admin-api/README.md; how an app uses them: docs/custom-idp.md): the login and consent apps read requests and
 * accept or reject them; every answer carries the {@code redirect_to} URL with the single-use verifier.
 */
public final class LoginConsentAdmin {
    static final OAuth2Error NOT_FOUND = new OAuth2Error("Not Found", "Unable to locate the requested resource",
            null, 404, null);

    private final FlowStore flows;
    private final LoginSessionStore sessions;
    private final TokenStore tokens;
    private final Function<String, Optional<OAuth2Client>> clients;
    private final Duration requestTtl;
    private final Clock clock;

    public LoginConsentAdmin(FlowStore flows, LoginSessionStore sessions, TokenStore tokens,
                             Function<String, Optional<OAuth2Client>> clients, Duration requestTtl, Clock clock) {
        this.flows = flows;
        this.sessions = sessions;
        this.tokens = tokens;
        this.clients = clients;
        this.requestTtl = requestTtl;
        this.clock = clock;
    }

    /**
     * A request that was already answered and whose verifier was used: HTTP 410 with where it led, as Hydra v1.10
     * answers it.
     */
    public static final class AlreadyHandled extends RuntimeException {
        private final String redirectTo;

        AlreadyHandled(String redirectTo) {
            super("already handled", null, false, false);
            this.redirectTo = redirectTo;
        }

        public String redirectTo() {
            return redirectTo;
        }
    }

    public LoginRequest getLoginRequest(String challenge) {
        Flow flow = byLoginChallenge(flows, challenge);
        if (flow.state().loginVerifierUsed()) {
            throw new AlreadyHandled(flow.requestUrl());
        }
        return new LoginRequest(flow.loginChallenge(), flow.requestedScope(), flow.requestedAudience(),
                flow.loginSkip(), flow.subject(), flow.oidcContext(), client(flow), flow.requestUrl(),
                flow.loginSessionId());
    }

    public RedirectTo acceptLogin(String challenge, AcceptLogin body) {
        return flows.step(steps -> acceptLogin(steps, challenge, body));
    }

    private RedirectTo acceptLogin(FlowSteps steps, String challenge, AcceptLogin body) {
        Flow flow = byLoginChallenge(steps, challenge);
        if (body.subject() == null || body.subject().isEmpty()) {
            throw OAuth2Error.INVALID_REQUEST.withHint("Field 'subject' must not be empty.").toException();
        }
        if (flow.loginSkip() && !body.subject().equals(flow.subject())) {
            throw OAuth2Error.INVALID_REQUEST.withHint("Field 'subject' does not match subject from previous "
                    + "authentication.").toException();
        }
        long rememberFor = body.rememberFor() == null ? 0 : body.rememberFor();
        if (rememberFor < 0) {
            throw OAuth2Error.INVALID_REQUEST.withHint("Field 'remember_for' must not be negative.").toException();
        }
        // A skipped login is a remembered one by definition: Hydra v1.10 sets remember on every skipped login, so
        // that the same user keeps skipping.
        boolean remember = flow.loginSkip() || Boolean.TRUE.equals(body.remember());
        Flow.LoginOutcome outcome = new Flow.LoginOutcome(body.subject(), remember, rememberFor, body.acr(),
                body.amr(), body.context(), body.forceSubjectIdentifier(), null, now());
        return handleLogin(steps, flow, outcome);
    }

    public RedirectTo rejectLogin(String challenge, RequestDenial body) {
        RequestDenial denial = (body == null ? new RequestDenial(null, null, null, null, null) : body)
                .withDefaults("login request denied");
        return flows.step(steps -> handleLogin(steps, byLoginChallenge(steps, challenge),
                new Flow.LoginOutcome(null, false, 0, null, null, null, null, denial, now())));
    }

    private RedirectTo handleLogin(FlowSteps steps, Flow flow, Flow.LoginOutcome outcome) {
        requireFresh(flow.requestedAt(), "login");
        Flow.Transition handled = transition(() -> flow.handleLogin(outcome), "login");
        if (!steps.update(handled)) {
            throw alreadyUsed("login");
        }
        return new RedirectTo(flow.requestUrl() + "&login_verifier=" + flow.loginVerifier());
    }

    public ConsentRequest getConsentRequest(String challenge) {
        Flow flow = byConsentChallenge(flows, challenge);
        if (flow.state().consentVerifierUsed()) {
            throw new AlreadyHandled(flow.requestUrl());
        }
        return consentRequest(flow);
    }

    public RedirectTo acceptConsent(String challenge, AcceptConsent body) {
        return flows.step(steps -> acceptConsent(steps, challenge, body));
    }

    private RedirectTo acceptConsent(FlowSteps steps, String challenge, AcceptConsent body) {
        Flow flow = byConsentChallenge(steps, challenge);
        long rememberFor = body.rememberFor() == null ? 0 : body.rememberFor();
        if (rememberFor < 0) {
            throw OAuth2Error.INVALID_REQUEST.withHint("Field 'remember_for' must not be negative.").toException();
        }
        ConsentSession session = body.session();
        Flow.ConsentOutcome outcome = new Flow.ConsentOutcome(orEmpty(body.grantScope()),
                orEmpty(body.grantAudience()), Boolean.TRUE.equals(body.remember()), rememberFor,
                session == null || session.accessToken() == null ? Map.of() : session.accessToken(),
                session == null || session.idToken() == null ? Map.of() : session.idToken(), null, now());
        return handleConsent(steps, flow, outcome);
    }

    public RedirectTo rejectConsent(String challenge, RequestDenial body) {
        RequestDenial denial = (body == null ? new RequestDenial(null, null, null, null, null) : body)
                .withDefaults("consent request denied");
        Flow.ConsentOutcome outcome = new Flow.ConsentOutcome(List.of(), List.of(), false, 0, Map.of(), Map.of(),
                denial, now());
        return flows.step(steps -> handleConsent(steps, byConsentChallenge(steps, challenge), outcome));
    }

    private RedirectTo handleConsent(FlowSteps steps, Flow flow, Flow.ConsentOutcome outcome) {
        requireFresh(flow.consentRequestedAt(), "consent");
        Flow.Transition handled = transition(() -> flow.handleConsent(outcome), "consent");
        if (!steps.update(handled)) {
            throw alreadyUsed("consent");
        }
        return new RedirectTo(flow.requestUrl() + "&consent_verifier=" + flow.consentVerifier());
    }

    public Page<PreviousConsentSession> consentSessions(String subject, int limit, int offset) {
        requireSubject(subject);
        Page<Flow> page = flows.consentSessions(subject, limit, offset);
        return new Page<>(page.items().stream().map(f -> new PreviousConsentSession(consentRequest(f),
                f.consent().grantScope(), f.consent().grantAudience(),
                new ConsentSession(f.consent().accessTokenClaims(), f.consent().idTokenClaims()),
                f.consent().remember(), f.consent().rememberFor(), f.consent().handledAt())).toList(), page.total());
    }

    /** Forgets consents (one client, or all) and revokes every token issued under them. */
    public void revokeConsentSessions(String subject, String clientId, boolean all) {
        requireSubject(subject);
        if ((clientId == null || clientId.isEmpty()) && !all) {
            throw OAuth2Error.INVALID_REQUEST.withHint("Query parameter 'client' or 'all=true' must be set.")
                    .toException();
        }
        List<String> challenges = flows.deleteConsentSessions(subject, all ? null : clientId);
        tokens.revokeByChallenges(challenges);
    }

    public void revokeLoginSessions(String subject) {
        requireSubject(subject);
        sessions.deleteBySubject(subject);
    }

    private ConsentRequest consentRequest(Flow flow) {
        Flow.LoginOutcome login = flow.login();
        return new ConsentRequest(flow.consentChallenge(), flow.requestedScope(), flow.requestedAudience(),
                flow.consentSkip(), flow.authenticatedSubject(), flow.oidcContext(), client(flow), flow.requestUrl(),
                flow.loginChallenge(), flow.loginSessionId(), login == null ? null : login.acr(),
                login == null ? null : login.amr(), login == null ? null : login.context());
    }

    private OAuth2Client client(Flow flow) {
        return clients.apply(flow.clientId()).orElse(null);
    }

    private static Flow byLoginChallenge(FlowSteps steps, String challenge) {
        requireChallenge(challenge);
        return steps.byLoginChallenge(challenge).orElseThrow(NOT_FOUND::toException);
    }

    private static Flow byConsentChallenge(FlowSteps steps, String challenge) {
        requireChallenge(challenge);
        return steps.byConsentChallenge(challenge).orElseThrow(NOT_FOUND::toException);
    }

    private void requireFresh(Instant requestedAt, String what) {
        if (requestedAt.plus(requestTtl).isBefore(now())) {
            throw new OAuth2Error("request_expired", "The " + what + " request has expired. The user has to start "
                    + "a new authorization request.", null, 410, null).toException();
        }
    }

    private static Flow.Transition transition(Supplier<Flow.Transition> step, String what) {
        try {
            return step.get();
        } catch (FlowStateException e) {
            throw alreadyUsed(what);
        }
    }

    private static OAuth2Exception alreadyUsed(String what) {
        return OAuth2Error.CONFLICT.withDescription("The " + what + " request was already used and can not be "
                + "handled again.").toException();
    }

    private static void requireChallenge(String challenge) {
        if (challenge == null || challenge.isEmpty()) {
            throw OAuth2Error.INVALID_REQUEST.withHint("Query parameter 'challenge' is not defined but should have "
                    + "been.").toException();
        }
    }

    private static void requireSubject(String subject) {
        if (subject == null || subject.isEmpty()) {
            throw OAuth2Error.INVALID_REQUEST.withHint("Query parameter 'subject' is not defined but should have "
                    + "been.").toException();
        }
    }

    private static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }
}
