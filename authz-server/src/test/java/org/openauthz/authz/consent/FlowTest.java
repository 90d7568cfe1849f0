package org.openauthz.authz.consent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The login-and-consent state machine (docs/custom-idp.md §2, FlowState's diagram): every transition that is
 * legal in a state, and every one that is not, which must throw {@link FlowStateException} so that a verifier can
 * never be used twice and a used request can never be handled again.
 */
class FlowTest {
    static final Instant REQUESTED = Instant.parse("2026-03-01T12:00:00.250Z");
    static final Instant REMEMBERED_AUTH = Instant.parse("2026-02-28T09:00:00Z");
    static final Instant LOGIN_HANDLED = Instant.parse("2026-03-01T12:00:07Z");
    static final Instant CONSENT_REQUESTED = Instant.parse("2026-03-01T12:00:08Z");
    static final Instant CONSENT_HANDLED = Instant.parse("2026-03-01T12:00:15Z");

    /** The five transitions of a flow, by name, as the admin API and the authorization endpoint call them. */
    enum Step {
        HANDLE_LOGIN(f -> f.handleLogin(accepted("alice"))),
        USE_LOGIN_VERIFIER(Flow::useLoginVerifier),
        START_CONSENT(f -> f.startConsent("consent-challenge", "consent-verifier", "consent-csrf", false,
                CONSENT_REQUESTED)),
        HANDLE_CONSENT(f -> f.handleConsent(grantedConsent())),
        USE_CONSENT_VERIFIER(Flow::useConsentVerifier);

        final Function<Flow, Flow.Transition> apply;

        Step(Function<Flow, Flow.Transition> apply) {
            this.apply = apply;
        }
    }

    static Flow started(boolean skip) {
        return Flow.start("login-challenge", "login-verifier", "login-csrf", "https://auth.example/oauth2/auth?a=b",
                "app", List.of("openid", "offline"), List.of("https://api.example/"), Map.of("display", "page"), skip,
                skip ? "remembered-user" : "", "session-1", REQUESTED, skip ? REMEMBERED_AUTH : null);
    }

    static Flow.LoginOutcome accepted(String subject) {
        return new Flow.LoginOutcome(subject, true, 3600, "1", List.of("pwd"), Map.of("k", "v"), null, null,
                LOGIN_HANDLED);
    }

    static Flow.ConsentOutcome grantedConsent() {
        return new Flow.ConsentOutcome(List.of("openid"), List.of(), true, 0, Map.of(), Map.of(), null,
                CONSENT_HANDLED);
    }

    /** A flow driven through legal transitions until it is in {@code state}. */
    static Flow inState(FlowState state) {
        Flow flow = started(false);
        for (Step t : Step.values()) {
            if (flow.state() == state) {
                return flow;
            }
            flow = t.apply.apply(flow).next();
        }
        assertThat(flow.state()).isEqualTo(state);
        return flow;
    }

    @ParameterizedTest
    @CsvSource({
            "LOGIN_INITIALIZED,   HANDLE_LOGIN,         LOGIN_UNUSED",
            "LOGIN_UNUSED,        HANDLE_LOGIN,         LOGIN_UNUSED",
            "LOGIN_UNUSED,        USE_LOGIN_VERIFIER,   LOGIN_USED",
            "LOGIN_USED,          START_CONSENT,        CONSENT_INITIALIZED",
            "CONSENT_INITIALIZED, HANDLE_CONSENT,       CONSENT_UNUSED",
            "CONSENT_UNUSED,      HANDLE_CONSENT,       CONSENT_UNUSED",
            "CONSENT_UNUSED,      USE_CONSENT_VERIFIER, CONSENT_USED",
    })
    void whenTransitionIsLegalThenTheFlowMovesToTheNextState(FlowState from, Step step, FlowState to) {
        Flow before = inState(from);

        Flow.Transition after = step.apply.apply(before);

        assertThat(after.next().state()).isEqualTo(to);
        assertThat(after.expected()).as("the stored flow must still be in the state the transition started from")
                .isEqualTo(from);
        assertThat(before.state()).as("flows are immutable values").isEqualTo(from);
    }

    @Test
    void whenTwoTransitionsAreChainedThenTheFirstOnesStateIsExpectedAndTheLastOnesFlowWritten() {
        // afterLogin spends the login verifier and starts the consent request in one conditional update.
        Flow.Transition chained = inState(FlowState.LOGIN_UNUSED).useLoginVerifier()
                .andThen(Step.START_CONSENT.apply);

        assertThat(chained.expected()).isEqualTo(FlowState.LOGIN_UNUSED);
        assertThat(chained.next().state()).isEqualTo(FlowState.CONSENT_INITIALIZED);
    }

    static Stream<Arguments> illegalTransitions() {
        List<String> legal = List.of("LOGIN_INITIALIZED/HANDLE_LOGIN", "LOGIN_UNUSED/HANDLE_LOGIN",
                "LOGIN_UNUSED/USE_LOGIN_VERIFIER", "LOGIN_USED/START_CONSENT", "CONSENT_INITIALIZED/HANDLE_CONSENT",
                "CONSENT_UNUSED/HANDLE_CONSENT", "CONSENT_UNUSED/USE_CONSENT_VERIFIER");
        List<Arguments> out = new ArrayList<>();
        for (FlowState state : FlowState.values()) {
            for (Step t : Step.values()) {
                if (!legal.contains(state + "/" + t)) {
                    out.add(Arguments.of(state, t));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("illegalTransitions")
    void whenTransitionIsIllegalThenFlowStateExceptionNamesTheActualState(FlowState from, Step step) {
        Flow flow = inState(from);

        FlowStateException e = catchThrowableOfType(FlowStateException.class, () -> step.apply.apply(flow));

        assertThat(e).as(from + " must refuse " + step).isNotNull();
        assertThat(e.actual()).isEqualTo(from);
        assertThat(e.getMessage()).startsWith("cannot ").endsWith("in state " + from);
    }

    @Test
    void whenEveryStepIsTakenThenAllIllegalCombinationsAreCovered() {
        // 6 states x 5 transitions, 7 of them legal: the table above must hold the other 23.
        assertThat(illegalTransitions()).hasSize(23);
    }

    @ParameterizedTest
    @CsvSource({
            "LOGIN_INITIALIZED,   false, false",
            "LOGIN_UNUSED,        false, false",
            "LOGIN_USED,          true,  false",
            "CONSENT_INITIALIZED, true,  false",
            "CONSENT_UNUSED,      true,  false",
            "CONSENT_USED,        true,  true",
    })
    void whenStateIsAskedWhatHappenedThenItAnswersFromItsPositionInTheFlow(FlowState state, boolean loginUsed,
                                                                           boolean consentUsed) {
        // As in Hydra v1.10, a GET of a challenge whose verifier was used answers 410, so these must be exact.
        assertThat(state.loginVerifierUsed()).isEqualTo(loginUsed);
        assertThat(state.consentVerifierUsed()).isEqualTo(consentUsed);
    }

    @Test
    void whenFlowStartsThenItWaitsForTheLoginAppWithEverythingTheRequestAskedFor() {
        Flow flow = started(false);

        assertThat(flow.state()).isEqualTo(FlowState.LOGIN_INITIALIZED);
        assertThat(flow.loginChallenge()).isEqualTo("login-challenge");
        assertThat(flow.loginVerifier()).isEqualTo("login-verifier");
        assertThat(flow.loginCsrf()).isEqualTo("login-csrf");
        assertThat(flow.requestedScope()).containsExactly("openid", "offline");
        assertThat(flow.requestedAudience()).containsExactly("https://api.example/");
        assertThat(flow.oidcContext()).containsEntry("display", "page");
        assertThat(flow.login()).isNull();
        assertThat(flow.consent()).isNull();
        assertThat(flow.consentChallenge()).isNull();
        assertThat(flow.authTime()).isNull();
    }

    @Test
    void whenListsAreNullThenTheyAreEmpty() {
        Flow flow = new Flow(FlowState.LOGIN_INITIALIZED, "c", "v", "x", "u", "app", null, null, null, false, "",
                "s", REQUESTED, null, null, null, null, null, false, null, null);

        assertThat(flow.requestedScope()).isEmpty();
        assertThat(flow.requestedAudience()).isEmpty();
        assertThat(flow.oidcContext()).isEmpty();
    }

    @Test
    void whenLoginIsHandledAgainBeforeTheVerifierIsUsedThenTheLatestAnswerWins() {
        Flow flow = started(false).handleLogin(accepted("alice")).next().handleLogin(accepted("bob")).next();

        assertThat(flow.login().subject()).isEqualTo("bob");
        assertThat(flow.state()).isEqualTo(FlowState.LOGIN_UNUSED);
    }

    @Test
    void whenConsentStartsThenItGetsItsOwnIdentifiersAndForgetsNothingOfTheLogin() {
        Flow flow = inState(FlowState.LOGIN_USED).startConsent("cc", "cv", "ccsrf", true, CONSENT_REQUESTED)
                .next();

        assertThat(flow.consentChallenge()).isEqualTo("cc");
        assertThat(flow.consentVerifier()).isEqualTo("cv");
        assertThat(flow.consentCsrf()).isEqualTo("ccsrf");
        assertThat(flow.consentSkip()).isTrue();
        assertThat(flow.consentRequestedAt()).isEqualTo(CONSENT_REQUESTED);
        assertThat(flow.consent()).isNull();
        assertThat(flow.login()).isEqualTo(accepted("alice"));
        assertThat(flow.loginVerifier()).isEqualTo("login-verifier");
    }

    @Test
    void whenConsentIsHandledThenTheOutcomeIsKeptThroughTheVerifierUse() {
        Flow flow = inState(FlowState.CONSENT_USED);

        assertThat(flow.consent()).isEqualTo(grantedConsent());
        assertThat(flow.consentChallenge()).isEqualTo("consent-challenge");
    }

    @Test
    void whenLoginWasNotSkippedThenAuthTimeIsWhenTheLoginAppAccepted() {
        // OIDC Core §2 auth_time: the time the End-User authentication occurred, here the accept time (seconds).
        Flow flow = started(false).handleLogin(accepted("alice")).next();

        assertThat(flow.authTime()).isEqualTo(LOGIN_HANDLED);
    }

    @Test
    void whenLoginWasSkippedThenAuthTimeIsTheRememberedOneEvenAfterTheAccept() {
        // As in Hydra v1.10, a skipped login keeps the original auth_time.
        Flow flow = started(true);
        assertThat(flow.authTime()).isEqualTo(REMEMBERED_AUTH);

        assertThat(flow.handleLogin(accepted("remembered-user")).next().authTime()).isEqualTo(REMEMBERED_AUTH);
    }

    @Test
    void whenSkippedFlowHasNoRememberedTimeThenAuthTimeFallsBackToTheAccept() {
        Flow flow = Flow.start("c", "v", "x", "u", "app", List.of(), List.of(), Map.of(), true, "alice", "s",
                REQUESTED, null).handleLogin(accepted("alice")).next();

        assertThat(flow.authTime()).isEqualTo(LOGIN_HANDLED);
    }

    @Test
    void whenLoginIsAcceptedThenTheAuthenticatedSubjectIsTheAcceptedOne() {
        Flow flow = started(false);
        assertThat(flow.authenticatedSubject()).isEmpty();

        assertThat(flow.handleLogin(accepted("alice")).next().authenticatedSubject()).isEqualTo("alice");
    }

    @Test
    void whenLoginIsSkippedThenTheAuthenticatedSubjectIsTheRememberedOneUntilAccepted() {
        assertThat(started(true).authenticatedSubject()).isEqualTo("remembered-user");
    }

    @Test
    void whenLoginIsRejectedThenTheAuthenticatedSubjectIsTheRequestSubject() {
        Flow.LoginOutcome rejected = new Flow.LoginOutcome(null, false, 0, null, null, null, null,
                new RequestDenial("access_denied", null, null, null, 403), LOGIN_HANDLED);

        Flow flow = started(true).handleLogin(rejected).next();

        assertThat(flow.login().rejected()).isTrue();
        assertThat(flow.authenticatedSubject()).isEqualTo("remembered-user");
    }

    @ParameterizedTest
    @EnumSource(FlowState.class)
    void whenFlowIsInAnyStateThenItCanBeRebuiltForThatState(FlowState state) {
        assertThat(inState(state).state()).isEqualTo(state);
    }
}
