package org.openauthz.authz.consent;

import org.openauthz.authz.oauth2.authorize.AuthorizationRequest;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The opt-in {@code oauth2.accept_remembered_sign_ins} (decision 0027): the server accepts a returning user's login
 * and consent itself, as Keycloak and node-oidc-provider answer a browser with a session and an earlier grant,
 * instead of sending the browser through the login and consent apps to be told {@code skip: true}. Off by default:
 * with it on, a login app no longer sees returning users and so can no longer refuse one it has since disabled; it
 * must revoke the user's login sessions instead ({@code DELETE /oauth2/auth/sessions/login?subject=}).
 *
 * <p>Only the plainest case is accepted here; everything else goes to the apps exactly as in Hydra v1.10:
 * <ul>
 *   <li>no {@code prompt} other than {@code none}, no {@code acr_values} and no {@code login_hint}
 *   (<a href="https://openid.net/specs/openid-connect-core-1_0.html#AuthRequest">OpenID Connect Core §3.1.2.1</a>:
 *   each asks the login app for something a remembered session cannot promise);</li>
 *   <li>the remembered consent that Hydra would skip on, granted to the same subject and client, covering exactly the
 *   requested scopes (the earlier session claims were released for those scopes, so a narrower request must not get
 *   them) and every requested audience.</li>
 * </ul>
 * What is granted is what Hydra's reference login and consent apps accept on {@code skip}: the remembered subject, the
 * requested scopes and audience, and the consent's session claims; the login's {@code acr}, {@code amr} and
 * {@code context} only when the consent was given under the same login session, since they describe one
 * authentication.
 *
 * <p>Within the login session the remembered consent was given in, the new code joins that consent's flow: its row
 * already names the client under the session (whom logout tells) and its consent challenge is what revoking the
 * consent revokes tokens by, so nothing new is stored. Under a later login session a finished flow is stored, so that
 * logout of that session finds the client.
 */
public final class RememberedSignIns {
    private final boolean enabled;

    public RememberedSignIns(boolean enabled) {
        this.enabled = enabled;
    }

    public static RememberedSignIns off() {
        return new RememberedSignIns(false);
    }

    /** Whether the request leaves nothing for the login app to decide, so that a remembered session may answer it. */
    public boolean mayAnswer(AuthorizationRequest request) {
        return enabled && request.prompt().stream().allMatch("none"::equals) && request.acrValues().isEmpty()
                && (request.loginHint() == null || request.loginHint().isEmpty());
    }

    /**
     * The finished flow for {@code started} (a flow that would skip the login for {@code session}), accepted on the
     * strength of {@code remembered}, the subject's unexpired remembered consent for the client; empty when that
     * consent does not cover the request exactly. {@code newIds} makes the consent ids of a flow under a later login
     * session; within the remembered consent's own session its ids are reused and none are made.
     */
    public Optional<Answer> accept(Flow started, LoginSession session, Flow remembered, Instant now,
                                   Supplier<ConsentIds> newIds) {
        Flow.ConsentOutcome consent = remembered.consent();
        if (!remembered.authenticatedSubject().equals(session.subject())
                || !new HashSet<>(started.requestedScope()).equals(Set.copyOf(consent.grantScope()))
                || !Set.copyOf(consent.grantAudience() == null ? List.of() : consent.grantAudience())
                .containsAll(started.requestedAudience())) {
            return Optional.empty();
        }
        Flow.LoginOutcome before = remembered.login();
        boolean sameSession = session.id().equals(remembered.loginSessionId());
        ConsentIds consentIds = sameSession ? new ConsentIds(remembered.consentChallenge(),
                remembered.consentVerifier(), remembered.consentCsrf()) : newIds.get();
        Flow.LoginOutcome login = new Flow.LoginOutcome(session.subject(), false, 0,
                sameSession ? before.acr() : null, sameSession ? before.amr() : null,
                sameSession && before.context() != null ? before.context() : Map.of(),
                before.forceSubjectIdentifier(), null, now);
        Flow.ConsentOutcome granted = new Flow.ConsentOutcome(started.requestedScope(), started.requestedAudience(),
                false, 0, consent.accessTokenClaims(), consent.idTokenClaims(), null, now);
        // Through the same transitions as a flow the apps answer, so the finished flow is one they could have made.
        Flow finished = started.handleLogin(login).next().useLoginVerifier().next()
                .startConsent(consentIds.challenge(), consentIds.verifier(), consentIds.csrf(), true, now).next()
                .handleConsent(granted).next().useConsentVerifier().next();
        return Optional.of(new Answer(finished, !sameSession));
    }

    /** The finished flow to issue for, and whether it must be stored (see the class comment). */
    public record Answer(Flow flow, boolean store) {
    }

    /** The consent challenge, verifier and CSRF value of a flow that never shows them to anyone. */
    public record ConsentIds(String challenge, String verifier, String csrf) {
    }
}
