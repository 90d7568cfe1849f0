package org.openauthz.authz.consent;

import org.openauthz.authz.client.OAuth2Client;
import org.openauthz.authz.oauth2.OAuth2Error;
import org.openauthz.authz.oauth2.ScopeStrategy;
import org.openauthz.authz.oauth2.authorize.AuthorizationRequest;
import org.openauthz.authz.oauth2.authorize.RedirectUriMatcher;
import org.openauthz.authz.oauth2.authorize.ValidatedAuthorization;
import org.openauthz.authz.oauth2.oidc.SubjectIdentifiers;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Delegated login and consent at the authorization endpoint, as Hydra v1.10 does it (docs/architecture.md, "The
 * login and consent flow"): send the browser to the login UI with a challenge, take it back with a single-use
 * verifier, then the same for consent. Remembered sessions and consents make the UIs see {@code skip=true};
 * {@code prompt}, {@code max_age} and {@code id_token_hint} are enforced here
 * (<a href="https://openid.net/specs/openid-connect-core-1_0.html#AuthRequest">OpenID Connect Core §3.1.2.1</a>).
 */
public final class ConsentStrategy {
    private final FlowStore flows;
    private final LoginSessionStore sessions;
    private final SessionCookies cookies;
    private final ScopeStrategy scopes;
    private final Function<String, Optional<Map<String, Object>>> idTokenHintClaims;
    private final SubjectIdentifiers subjects;
    private final URI loginUrl;
    private final URI consentUrl;
    private final Duration requestTtl;
    private final RememberedSignIns rememberedSignIns;
    private final Clock clock;

    public ConsentStrategy(FlowStore flows, LoginSessionStore sessions, SessionCookies cookies, ScopeStrategy scopes,
                           Function<String, Optional<Map<String, Object>>> idTokenHintClaims,
                           SubjectIdentifiers subjects,
                           URI loginUrl, URI consentUrl, Duration requestTtl, RememberedSignIns rememberedSignIns,
                           Clock clock) {
        this.flows = flows;
        this.sessions = sessions;
        this.cookies = cookies;
        this.scopes = scopes;
        this.idTokenHintClaims = idTokenHintClaims;
        this.subjects = subjects;
        this.loginUrl = loginUrl;
        this.consentUrl = consentUrl;
        this.requestTtl = requestTtl;
        this.rememberedSignIns = rememberedSignIns;
        this.clock = clock;
    }

    /** Step 2-3: no verifier yet, so authenticate: decide whether the login can be skipped and go to the login UI. */
    public FlowOutcome startLogin(ValidatedAuthorization auth, BrowserRequest browser) {
        AuthorizationRequest request = auth.request();
        Instant now = now();
        boolean mayAnswer = rememberedSignIns.mayAnswer(request);
        Optional<String> sessionCookie = cookies.read(browser.cookies(), SessionCookies.SESSION);
        // When the server may answer a returning user itself, the session and the consent it would answer with are
        // read together (one round trip instead of two).
        Optional<FlowStore.RememberedSignIn> remembered = mayAnswer
                ? sessionCookie.flatMap(id -> flows.rememberedSignIn(id, auth.client().clientId())) : Optional.empty();
        Optional<LoginSession> session = (mayAnswer ? remembered.map(FlowStore.RememberedSignIn::session)
                : sessionCookie.flatMap(sessions::find)).filter(ConsentStrategy::usable);
        // Verified once per request: the skip decision and the login app's oidc_context both need it.
        Optional<Map<String, Object>> hint = Optional.ofNullable(request.idTokenHint()).flatMap(idTokenHintClaims);
        boolean skip = false;
        if (session.isPresent() && !request.prompt().contains("login")) {
            LoginSession s = session.get();
            boolean tooOld = request.maxAge() != null
                    && s.authenticatedAt().plusSeconds(request.maxAge()).isBefore(now);
            if (tooOld && request.prompt().contains("none")) {
                throw auth.error(OAuth2Error.LOGIN_REQUIRED.withHint("Request failed because prompt is set to 'none' "
                        + "and authentication time reached 'max_age'."));
            }
            if (request.idTokenHint() != null && !hintMatches(auth, hint, s.subject(), null)) {
                throw auth.error(OAuth2Error.LOGIN_REQUIRED.withHint("Request failed because subject claim from "
                        + "id_token_hint does not match subject from authentication session."));
            }
            skip = !tooOld;
        }
        if (request.prompt().contains("none") && !skip) {
            throw auth.error(OAuth2Error.LOGIN_REQUIRED.withHint("Prompt 'none' was requested, but no existing login "
                    + "session was found."));
        }
        String sessionId = session.map(LoginSession::id).orElseGet(() -> UUID.randomUUID().toString());
        Flow flow = Flow.start(randomId(), randomId(), randomId(), browser.requestUrl(), auth.client().clientId(),
                request.scopes(), request.requestedAudience(), oidcContext(request, hint), skip,
                skip ? session.get().subject() : "", sessionId, now, skip ? session.get().authenticatedAt() : null);
        if (skip && mayAnswer) {
            Optional<RememberedSignIns.Answer> accepted = rememberedConsent(auth.client(), auth.redirectUri(),
                    () -> remembered.flatMap(FlowStore.RememberedSignIn::latestConsent))
                    .flatMap(previous -> rememberedSignIns.accept(flow, session.get(), previous, now,
                            () -> new RememberedSignIns.ConsentIds(randomId(), randomId(), randomId())));
            if (accepted.isPresent()) {
                // At most one insert instead of the apps' eight requests (decision 0027).
                if (accepted.get().store()) {
                    flows.create(accepted.get().flow());
                }
                return new FlowOutcome.Authorized(accepted.get().flow(), List.of());
            }
        }
        flows.create(flow);
        return new FlowOutcome.Redirect(withParameter(loginUrl, "login_challenge", flow.loginChallenge()),
                List.of(cookies.set(SessionCookies.LOGIN_CSRF, flow.loginCsrf(), null)));
    }

    /**
     * Step 5-7: the browser is back from the login UI; check the verdict and go to the consent UI. Using the verifier
     * and starting the consent request are one conditional write (one commit per login instead of two); when a
     * check fails, the verifier is spent all the same, as Hydra spends it before checking.
     */
    public FlowOutcome afterLogin(ValidatedAuthorization auth, String verifier, BrowserRequest browser) {
        return flows.step(steps -> afterLogin(steps, auth, verifier, browser));
    }

    private FlowOutcome afterLogin(FlowSteps steps, ValidatedAuthorization auth, String verifier,
                                   BrowserRequest browser) {
        String invalid = "The login verifier has already been used, has not been granted, or is invalid.";
        Flow.Transition spend = unused(auth, browser, steps.byLoginVerifier(verifier), FlowState.LOGIN_UNUSED, invalid)
                .useLoginVerifier();
        try {
            List<SessionCookies.CookieChange> changes = new ArrayList<>();
            Optional<LoginSession> remembered = checkLogin(auth, spend.next(), browser, changes);
            FlowOutcome outcome = requestConsent(steps, auth, spend, changes);
            remembered.ifPresent(sessions::save);
            return outcome;
        } catch (RuntimeException e) {
            try {
                steps.update(spend);
            } catch (RuntimeException notSpent) {
                e.addSuppressed(notSpent);
            }
            throw e;
        }
    }

    /**
     * The login verdict's checks; adds the cookie changes and returns the login session to store, if any. Sessions
     * that are not remembered are not stored: nothing reads a session that no cookie points to (decision 0006).
     */
    private Optional<LoginSession> checkLogin(ValidatedAuthorization auth, Flow flow, BrowserRequest browser,
                                              List<SessionCookies.CookieChange> changes) {
        Flow.LoginOutcome login = flow.login();
        if (login.rejected()) {
            throw auth.error(denial(login.error()));
        }
        Instant now = now();
        if (flow.requestedAt().plus(requestTtl).isBefore(now)) {
            throw auth.error(OAuth2Error.REQUEST_UNAUTHORIZED.withHint("The login request has expired. Please try "
                    + "again."));
        }
        requireCsrf(auth, browser, SessionCookies.LOGIN_CSRF, flow.loginCsrf());
        Instant authTime = flow.authTime();
        AuthorizationRequest request = auth.request();
        changes.add(cookies.delete(SessionCookies.LOGIN_CSRF));
        if (request.prompt().contains("login") && authTime.isBefore(flow.requestedAt().truncatedTo(ChronoUnit.SECONDS))) {
            throw auth.error(OAuth2Error.LOGIN_REQUIRED.withHint("Prompt 'login' was requested, but the login app did "
                    + "not authenticate the user again."));
        }
        // OIDC Core §3.1.2.1 / fosite: the authentication must be no older than max_age at the time of the request.
        if (request.maxAge() != null && authTime.plusSeconds(request.maxAge())
                .isBefore(flow.requestedAt().truncatedTo(ChronoUnit.SECONDS))) {
            throw auth.error(OAuth2Error.LOGIN_REQUIRED.withHint("The authentication time is older than 'max_age'."));
        }
        if (request.idTokenHint() != null
                && !hintMatches(auth, idTokenHintClaims.apply(request.idTokenHint()), login.subject(),
                login.forceSubjectIdentifier())) {
            throw auth.error(OAuth2Error.LOGIN_REQUIRED.withHint("Request failed because subject claim from "
                    + "id_token_hint does not match subject from authentication session."));
        }
        if (flow.loginSkip()) {
            return Optional.empty();
        }
        if (!login.remember()) {
            changes.add(cookies.delete(SessionCookies.SESSION));
            // A session this browser had remembered is not remembered any more (stored as such, so a copied
            // cookie cannot skip the login either); a new session needs no row.
            boolean hadIt = cookies.read(browser.cookies(), SessionCookies.SESSION)
                    .filter(flow.loginSessionId()::equals).isPresent();
            return hadIt ? Optional.of(new LoginSession(flow.loginSessionId(), login.subject(), authTime, false))
                    : Optional.empty();
        }
        Duration maxAge = login.rememberFor() > 0 ? Duration.ofSeconds(login.rememberFor()) : null;
        changes.add(cookies.set(SessionCookies.SESSION, flow.loginSessionId(), maxAge));
        return Optional.of(new LoginSession(flow.loginSessionId(), login.subject(), authTime, true));
    }

    /** Starts the consent request in the same conditional update that spends the login verifier. */
    private FlowOutcome requestConsent(FlowSteps steps, ValidatedAuthorization auth, Flow.Transition spend,
                                       List<SessionCookies.CookieChange> changes) {
        AuthorizationRequest request = auth.request();
        Flow flow = spend.next();
        boolean skip = !request.prompt().contains("consent") && consentRemembered(auth.client(), flow, auth.redirectUri());
        if (request.prompt().contains("none") && !skip) {
            throw auth.error(OAuth2Error.CONSENT_REQUIRED.withHint("Prompt 'none' was requested, but no previous "
                    + "consent was found."));
        }
        Flow.Transition toConsent = spend.andThen(used -> used.startConsent(randomId(), randomId(), randomId(), skip,
                now()));
        if (!steps.update(toConsent)) {
            throw auth.error(OAuth2Error.ACCESS_DENIED.withHint("The login verifier has already been used, has not "
                    + "been granted, or is invalid."));
        }
        Flow next = toConsent.next();
        changes.add(cookies.set(SessionCookies.CONSENT_CSRF, next.consentCsrf(), null));
        return new FlowOutcome.Redirect(withParameter(consentUrl, "consent_challenge", next.consentChallenge()), changes);
    }

    /**
     * Whether the consent screen is skipped, as Hydra v1.10 decides it: a remembered, unexpired consent that covers
     * every requested scope. A public client with a redirect URI that is not https (or loopback), or with none, never
     * skips: anyone could claim to be it.
     */
    private boolean consentRemembered(OAuth2Client client, Flow flow, String redirectUri) {
        return rememberedConsent(client, redirectUri,
                () -> flows.latestRememberedConsent(flow.authenticatedSubject(), client.clientId()))
                .map(previous -> flow.requestedScope().stream()
                        .allMatch(s -> scopes.allows(previous.consent().grantScope(), s)))
                .orElse(false);
    }

    /**
     * The subject's newest remembered consent for the client ({@code latest}, read only when needed), if it has not
     * expired and the client can be told apart from anyone claiming to be it.
     */
    private Optional<Flow> rememberedConsent(OAuth2Client client, String redirectUri,
                                             Supplier<Optional<Flow>> latest) {
        // Without a redirect URI (the device grant) nothing at all shows who the public client is.
        if (client.isPublic() && (redirectUri == null || !redirectUri.regionMatches(true, 0, "https:", 0, 6)
                && !RedirectUriMatcher.isSecure(redirectUri))) {
            return Optional.empty();
        }
        return latest.get().filter(previous -> {
            Flow.ConsentOutcome consent = previous.consent();
            return consent.rememberFor() <= 0 || !consent.handledAt().plusSeconds(consent.rememberFor()).isBefore(now());
        });
    }

    /** Step 9: the browser is back from the consent UI; the flow is authorized unless consent was refused. */
    public FlowOutcome afterConsent(ValidatedAuthorization auth, String verifier, BrowserRequest browser) {
        return flows.step(steps -> afterConsent(steps, auth, verifier, browser));
    }

    private FlowOutcome afterConsent(FlowSteps steps, ValidatedAuthorization auth, String verifier,
                                     BrowserRequest browser) {
        String invalid = "The consent verifier has already been used, has not been granted, or is invalid.";
        Flow.Transition spend = unused(auth, browser, steps.byConsentVerifier(verifier), FlowState.CONSENT_UNUSED,
                invalid).useConsentVerifier();
        // Used exactly once: the conditional update fails for a second use, also under concurrency.
        if (!steps.update(spend)) {
            throw auth.error(OAuth2Error.ACCESS_DENIED.withHint(invalid));
        }
        Flow flow = spend.next();
        Flow.ConsentOutcome consent = flow.consent();
        if (consent.rejected()) {
            throw auth.error(denial(consent.error()));
        }
        if (flow.consentRequestedAt().plus(requestTtl).isBefore(now())) {
            throw auth.error(OAuth2Error.REQUEST_UNAUTHORIZED.withHint("The consent request has expired, please try "
                    + "again."));
        }
        requireCsrf(auth, browser, SessionCookies.CONSENT_CSRF, flow.consentCsrf());
        return new FlowOutcome.Authorized(flow, List.of(cookies.delete(SessionCookies.CONSENT_CSRF)));
    }

    /**
     * The flow a verifier belongs to, if it is still unused. The browser must come back with exactly the
     * authorization request the flow started with, so that nothing (scope, redirect URI, response type) can be
     * swapped on the way.
     */
    private static Flow unused(ValidatedAuthorization auth, BrowserRequest browser, Optional<Flow> found,
                               FlowState expected, String invalidHint) {
        return found.filter(f -> f.state() == expected && f.clientId().equals(auth.client().clientId())
                        && f.requestUrl().equals(browser.requestUrl()))
                .orElseThrow(() -> auth.error(OAuth2Error.ACCESS_DENIED.withHint(invalidHint)));
    }

    private void requireCsrf(ValidatedAuthorization auth, BrowserRequest browser, String cookie, String expected) {
        Optional<String> presented = cookies.read(browser.cookies(), cookie);
        if (presented.isEmpty()) {
            throw auth.error(OAuth2Error.REQUEST_FORBIDDEN.withHint("No CSRF value available in the session cookie."));
        }
        if (!java.security.MessageDigest.isEqual(presented.get().getBytes(), expected.getBytes())) {
            throw auth.error(OAuth2Error.REQUEST_FORBIDDEN.withHint("The CSRF value from the token does not match "
                    + "the CSRF value from the data store."));
        }
    }

    /** A session a login may be skipped on: remembered, and a login completed under it. */
    private static boolean usable(LoginSession s) {
        return s.remember() && s.authenticatedAt() != null && s.subject() != null && !s.subject().isEmpty();
    }

    /**
     * The hint's {@code sub} may be the subject or what this client sees of it: pairwise
     * (<a href="https://openid.net/specs/openid-connect-core-1_0.html#PairwiseAlg">OpenID Connect Core §8.1</a>) or
     * forced by the login app ({@code force_subject_identifier}).
     */
    private boolean hintMatches(ValidatedAuthorization auth, Optional<Map<String, Object>> hintClaims, String subject,
                                String forced) {
        String forClient = subjects.forClient(auth.client(), subject, forced);
        return hintClaims.map(claims -> claims.get("sub"))
                .map(sub -> sub.equals(subject) || sub.equals(forClient)).orElse(false);
    }

    static OAuth2Error denial(RequestDenial denial) {
        String description = denial.errorDescription() == null ? "" : denial.errorDescription();
        return new OAuth2Error(denial.error(), description, denial.errorHint(),
                denial.statusCode() == null ? 400 : denial.statusCode(), denial.errorDebug());
    }

    private static Map<String, Object> oidcContext(AuthorizationRequest request, Optional<Map<String, Object>> hint) {
        Map<String, Object> context = new LinkedHashMap<>();
        // The login app sees the verified hint's claims, in Hydra v1.10's oidc_context.id_token_hint_claims.
        hint.ifPresent(c -> context.put("id_token_hint_claims", c));
        if (!request.acrValues().isEmpty()) {
            context.put("acr_values", request.acrValues());
        }
        if (!request.uiLocales().isEmpty()) {
            context.put("ui_locales", request.uiLocales());
        }
        if (request.display() != null) {
            context.put("display", request.display());
        }
        if (request.loginHint() != null) {
            context.put("login_hint", request.loginHint());
        }
        return context;
    }

    static String withParameter(URI base, String name, String value) {
        String url = base.toString();
        return url + (url.contains("?") ? "&" : "?") + name + "=" + value;
    }

    /** Challenges, verifiers and CSRF values: a random UUID without dashes (32 hex characters), as in Hydra v1.10. */
    static String randomId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private Instant now() {
        return clock.instant();
    }
}
