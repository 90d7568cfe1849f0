package org.openauthz.authz.persistence;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openauthz.authz.client.ClientStore;
import org.openauthz.authz.consent.Flow;
import org.openauthz.authz.consent.FlowJanitor;
import org.openauthz.authz.consent.FlowState;
import org.openauthz.authz.consent.FlowStateException;
import org.openauthz.authz.consent.FlowStore;
import org.openauthz.authz.consent.LoginSession;
import org.openauthz.authz.consent.LoginSessionStore;
import org.openauthz.authz.consent.RequestDenial;
import org.openauthz.authz.storage.DuplicateKeyException;
import org.openauthz.authz.storage.Page;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openauthz.authz.persistence.ClientStoreContract.client;

/**
 * What every {@link FlowStore} must do (one contract, run against every store). Run by
 * {@code InMemoryFlowStoreTest} and, on a real PostgreSQL, {@code JdbiFlowStoreIT}. Flows belong to a client, so the
 * fixtures create their clients first, as the foreign key requires.
 */
abstract class FlowStoreContract {
    static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    /**
     * A client store and a flow store over one fresh, empty backend, and a second flow store over the same backend:
     * what another replica of the server sees.
     */
    record FlowStores(ClientStore clients, FlowStore flows, FlowStore replica, LoginSessionStore sessions) {
    }

    ClientStore clients;
    FlowStore flows;
    FlowStore replica;
    LoginSessionStore sessions;

    protected abstract FlowStores newStores();

    @BeforeEach
    void freshStores() {
        FlowStores stores = newStores();
        clients = stores.clients();
        flows = stores.flows();
        replica = stores.replica();
        sessions = stores.sessions();
        clients.create(client("app"));
        clients.create(client("other"));
    }

    /** The four ways a flow is looked up: by the two challenges (admin API) and the two verifiers (browser). */
    enum Key {
        LOGIN_CHALLENGE(Flow::loginChallenge, FlowStore::byLoginChallenge),
        LOGIN_VERIFIER(Flow::loginVerifier, FlowStore::byLoginVerifier),
        CONSENT_CHALLENGE(Flow::consentChallenge, FlowStore::byConsentChallenge),
        CONSENT_VERIFIER(Flow::consentVerifier, FlowStore::byConsentVerifier);

        final Function<Flow, String> of;
        final BiFunction<FlowStore, String, Optional<Flow>> find;

        Key(Function<Flow, String> of, BiFunction<FlowStore, String, Optional<Flow>> find) {
            this.of = of;
            this.find = find;
        }
    }

    static Flow started(String id, String clientId) {
        return Flow.start("lc-" + id, "lv-" + id, "lcsrf-" + id,
                "https://auth.example/oauth2/auth?client_id=" + clientId + "&state=state-" + id, clientId,
                List.of("openid", "offline"), List.of("https://api.example/"),
                Map.of("acr_values", List.of("1", "2"), "display", "page", "login_hint", "alice@example.com"), false,
                "", "session-" + id, T0, null);
    }

    static Flow.LoginOutcome login(String subject) {
        return new Flow.LoginOutcome(subject, true, 3600, "urn:acr:pwd", List.of("pwd", "otp"),
                Map.of("device", "laptop", "nested", Map.of("n", 1, "ok", true)), "forced-" + subject, null,
                T0.plusSeconds(3));
    }

    static Flow.ConsentOutcome consent(boolean remember, Instant handledAt) {
        return new Flow.ConsentOutcome(List.of("openid", "offline"), List.of("https://api.example/"), remember, 600,
                Map.of("role", "admin"), Map.of("email", "alice@example.com", "groups", List.of("a", "b")), null,
                handledAt);
    }

    static Flow.ConsentOutcome rejectedConsent(Instant handledAt) {
        return new Flow.ConsentOutcome(List.of(), List.of(), true, 0, Map.of(), Map.of(),
                new RequestDenial("consent request denied", "nope", "the user said no", "debug", 400), handledAt);
    }

    /** Writes one legal transition; the store must accept it because the expected state is the stored one. */
    Flow step(Flow.Transition transition) {
        assertThat(flows.update(transition)).as("%s -> %s", transition.expected(), transition.next().state())
                .isTrue();
        return transition.next();
    }

    /** A flow driven through the whole round trip, every step persisted with the conditional update. */
    Flow consented(String id, String clientId, String subject, boolean consentSkip, Flow.ConsentOutcome outcome,
                   boolean used) {
        Flow flow = started(id, clientId);
        flows.create(flow);
        flow = step(flow.handleLogin(login(subject)));
        flow = step(flow.useLoginVerifier());
        flow = step(flow.startConsent("cc-" + id, "cv-" + id, "ccsrf-" + id, consentSkip, T0.plusSeconds(4)));
        flow = step(flow.handleConsent(outcome));
        return used ? step(flow.useConsentVerifier()) : flow;
    }

    /** A used, accepted, non-skipped consent: what the admin API lists as a consent session. */
    Flow session(String id, String clientId, String subject, boolean remember, Instant handledAt) {
        return consented(id, clientId, subject, false, consent(remember, handledAt), true);
    }

    @Test
    void whenCreatedThenFoundByLoginChallengeAndLoginVerifierWithEveryField() {
        Flow flow = started("1", "app");

        flows.create(flow);

        assertThat(flows.byLoginChallenge("lc-1")).contains(flow);
        assertThat(flows.byLoginVerifier("lv-1")).contains(flow);
    }

    @Test
    void whenSkippedLoginIsCreatedThenTheRememberedSubjectAndAuthTimeRoundTrip() {
        Flow flow = Flow.start("lc-s", "lv-s", "x", "https://auth.example/oauth2/auth?x=1", "app", List.of(),
                List.of(), Map.of(), true, "alice", "session-s", T0.plusMillis(250), T0.minusSeconds(86_400));

        flows.create(flow);

        assertThat(flows.byLoginChallenge("lc-s")).contains(flow);
    }

    @ParameterizedTest
    @EnumSource(Key.class)
    void whenConsentWasUsedThenTheFlowIsFoundByEachKeyWithEveryField(Key key) {
        Flow flow = session("1", "app", "alice", true, T0.plusSeconds(10));

        assertThat(key.find.apply(flows, key.of.apply(flow))).contains(flow);
    }

    @ParameterizedTest
    @EnumSource(Key.class)
    void whenKeyIsUnknownThenEmpty(Key key) {
        session("1", "app", "alice", true, T0.plusSeconds(10));

        assertThat(key.find.apply(flows, "no-such-value")).isEmpty();
    }

    @Test
    void whenConsentHasNotStartedThenConsentKeysFindNothing() {
        flows.create(started("1", "app"));

        assertThat(flows.byConsentChallenge("cc-1")).isEmpty();
        assertThat(flows.byConsentVerifier("cv-1")).isEmpty();
    }

    @Test
    void whenRejectedLoginIsStoredThenTheDenialRoundTrips() {
        Flow flow = started("1", "app");
        flows.create(flow);
        Flow rejected = step(flow.handleLogin(new Flow.LoginOutcome(null, false, 0, null, null, null, null,
                new RequestDenial("login request denied", "desc", "hint", "debug", 400), T0.plusSeconds(2))));


        assertThat(flows.byLoginChallenge("lc-1")).contains(rejected);
    }

    @Test
    void whenRejectedConsentIsStoredThenTheDenialRoundTrips() {
        Flow flow = consented("1", "app", "alice", false, rejectedConsent(T0.plusSeconds(9)), true);

        assertThat(flows.byConsentChallenge("cc-1")).contains(flow);
        assertThat(flows.byConsentChallenge("cc-1").orElseThrow().consent().rejected()).isTrue();
    }

    @Test
    void whenLoginChallengeExistsThenDuplicateKeyExceptionAndTheFirstFlowIsUnchanged() {
        Flow first = started("1", "app");
        flows.create(first);
        Flow clash = Flow.start("lc-1", "lv-other", "x", "https://auth.example/oauth2/auth?y=2", "other", List.of(),
                List.of(), Map.of(), false, "", "session-x", T0, null);

        assertThatThrownBy(() -> flows.create(clash)).isInstanceOf(DuplicateKeyException.class);

        assertThat(flows.byLoginChallenge("lc-1")).contains(first);
    }

    @Test
    void whenClientDoesNotExistThenCreateFailsAndWritesNothing() {
        // Mirrors hydra_oauth2_flow.client_id REFERENCES hydra_client, as in Hydra v1.10's schema.
        assertThatThrownBy(() -> flows.create(started("1", "ghost")))
                .isInstanceOf(RuntimeException.class)
                .isNotInstanceOf(DuplicateKeyException.class);

        assertThat(flows.byLoginChallenge("lc-1")).isEmpty();
    }

    @Test
    void whenUpdatedFromTheExpectedStateThenWrittenButASecondUpdateFromThatStateIsRefused() {
        // The verifier lookup and "mark used" are atomic; two browsers racing with one
        // verifier must not both get through.
        Flow flow = started("1", "app");
        flows.create(flow);
        Flow handled = step(flow.handleLogin(login("alice")));
        Flow.Transition use = handled.useLoginVerifier();

        assertThat(flows.update(use)).isTrue();
        assertThat(flows.update(use)).isFalse();

        assertThat(flows.byLoginVerifier("lv-1")).contains(use.next());
    }

    @Test
    void whenStoredStateIsNotTheExpectedOneThenUpdateIsRefusedAndNothingIsWritten() {
        Flow flow = started("1", "app");
        flows.create(flow);
        Flow handled = flow.handleLogin(login("alice")).next();

        // Transitions from states the stored flow (LOGIN_INITIALIZED) is not in: a step ahead, and further ahead.
        assertThat(flows.update(handled.useLoginVerifier())).isFalse();
        assertThat(flows.update(handled.useLoginVerifier().next().startConsent("cc-1", "cv-1", "ccsrf-1", false,
                T0.plusSeconds(4)))).isFalse();

        assertThat(flows.byLoginChallenge("lc-1")).contains(flow);
    }

    @Test
    void whenFlowIsUnknownThenUpdateIsRefused() {
        Flow.Transition never = started("never", "app").handleLogin(login("alice"));

        assertThat(never.expected()).isEqualTo(FlowState.LOGIN_INITIALIZED);
        assertThat(flows.update(never)).isFalse();

        assertThat(flows.byLoginChallenge("lc-never")).isEmpty();
    }

    @Test
    void whenHandledAgainBeforeUseThenTheSameStateIsExpectedAndTheNewAnswerStored() {
        // As in Hydra v1.10, a login request may be accepted again until its verifier is used.
        Flow flow = started("1", "app");
        flows.create(flow);
        Flow first = step(flow.handleLogin(login("alice")));

        Flow second = step(first.handleLogin(login("bob")));

        assertThat(flows.byLoginChallenge("lc-1")).contains(second);
    }

    @Test
    void whenSeveralConsentsAreRememberedThenTheNewestOneIsPicked() {
        // As in Hydra v1.10, only the latest remembered, non-skipped consent counts.
        session("old", "app", "alice", true, T0.plusSeconds(100));
        Flow newest = session("new", "app", "alice", true, T0.plusSeconds(300));
        session("mid", "app", "alice", true, T0.plusSeconds(200));

        assertThat(flows.latestRememberedConsent("alice", "app")).contains(newest);
    }

    @Test
    void whenNewerConsentsAreRejectedSkippedForgottenUnusedOrForOthersThenTheyAreIgnored() {
        Flow remembered = session("remembered", "app", "alice", true, T0.plusSeconds(100));
        consented("rejected", "app", "alice", false, rejectedConsent(T0.plusSeconds(200)), true);
        consented("skipped", "app", "alice", true, consent(true, T0.plusSeconds(300)), true);
        session("not-remembered", "app", "alice", false, T0.plusSeconds(400));
        consented("unused", "app", "alice", false, consent(true, T0.plusSeconds(500)), false);
        session("other-client", "other", "alice", true, T0.plusSeconds(600));
        session("other-subject", "app", "bob", true, T0.plusSeconds(700));

        assertThat(flows.latestRememberedConsent("alice", "app")).contains(remembered);
    }

    @Test
    void whenALoginSessionIsReadForASignInThenItComesWithTheLatestRememberedConsentOfItsSubjectForTheClient() {
        LoginSession alice = new LoginSession("sid-alice", "alice", T0, true);
        sessions.save(alice);
        session("old", "app", "alice", true, T0.plusSeconds(100));
        Flow newest = session("new", "app", "alice", true, T0.plusSeconds(300));
        session("other-client", "other", "alice", true, T0.plusSeconds(400));
        session("other-subject", "app", "bob", true, T0.plusSeconds(500));

        assertThat(flows.rememberedSignIn("sid-alice", "app"))
                .contains(new FlowStore.RememberedSignIn(alice, Optional.of(newest)));
        assertThat(replica.rememberedSignIn("sid-alice", "app"))
                .contains(new FlowStore.RememberedSignIn(alice, Optional.of(newest)));
    }

    @Test
    void whenTheSessionsSubjectRememberedNoConsentForTheClientThenTheSessionComesAlone() {
        LoginSession bob = new LoginSession("sid-bob", "bob", T0, true);
        sessions.save(bob);
        session("alice-only", "app", "alice", true, T0.plusSeconds(100));
        session("not-remembered", "app", "bob", false, T0.plusSeconds(200));
        LoginSession unfinished = new LoginSession("sid-unfinished", "", null, false);
        sessions.save(unfinished);

        assertThat(flows.rememberedSignIn("sid-bob", "app"))
                .contains(new FlowStore.RememberedSignIn(bob, Optional.empty()));
        assertThat(flows.rememberedSignIn("sid-unfinished", "app"))
                .contains(new FlowStore.RememberedSignIn(unfinished, Optional.empty()));
        assertThat(flows.rememberedSignIn("sid-unknown", "app")).isEmpty();
    }

    @Test
    void whenNoConsentIsRememberedThenEmpty() {
        session("not-remembered", "app", "alice", false, T0.plusSeconds(100));
        flows.create(started("login-only", "app"));

        assertThat(flows.latestRememberedConsent("alice", "app")).isEmpty();
        assertThat(flows.latestRememberedConsent("nobody", "app")).isEmpty();
    }

    @Test
    void whenConsentSessionsArePagedThenNewestFirstWithTheTotalOfListedOnes() {
        Flow s1 = session("s1", "app", "alice", true, T0.plusSeconds(100));
        Flow s2 = session("s2", "other", "alice", false, T0.plusSeconds(200));
        Flow s3 = session("s3", "app", "alice", false, T0.plusSeconds(300));
        Flow s4 = session("s4", "other", "alice", true, T0.plusSeconds(400));
        Flow s5 = session("s5", "app", "alice", true, T0.plusSeconds(500));
        // Not consent sessions: rejected, skipped, not yet used, login only; and another subject's.
        consented("rejected", "app", "alice", false, rejectedConsent(T0.plusSeconds(600)), true);
        consented("skipped", "app", "alice", true, consent(true, T0.plusSeconds(700)), true);
        consented("unused", "app", "alice", false, consent(true, T0.plusSeconds(800)), false);
        flows.create(started("login-only", "app"));
        session("bob", "app", "bob", true, T0.plusSeconds(900));

        Page<Flow> first = flows.consentSessions("alice", 2, 0);
        Page<Flow> second = flows.consentSessions("alice", 2, 2);
        Page<Flow> last = flows.consentSessions("alice", 2, 4);
        Page<Flow> beyond = flows.consentSessions("alice", 10, 10);

        assertThat(first.items()).containsExactly(s5, s4);
        assertThat(second.items()).containsExactly(s3, s2);
        assertThat(last.items()).containsExactly(s1);
        assertThat(beyond.items()).isEmpty();
        assertThat(List.of(first.total(), second.total(), last.total(), beyond.total())).containsOnly(5L);
    }

    @Test
    void whenSubjectHasNoConsentSessionsThenAnEmptyPageWithTotalZero() {
        session("bob", "app", "bob", true, T0.plusSeconds(100));

        Page<Flow> page = flows.consentSessions("alice", 10, 0);

        assertThat(page.items()).isEmpty();
        assertThat(page.total()).isZero();
    }

    @Test
    void whenConsentSessionsOfOneClientAreDeletedThenOnlyThoseGoAndTheirChallengesAreReturned() {
        // As in Hydra v1.10, DELETE /oauth2/auth/sessions/consent?subject=&client= also kills the tokens, which the
        // caller revokes by the returned consent challenges.
        session("a1", "app", "alice", true, T0.plusSeconds(100));
        session("a2", "app", "alice", false, T0.plusSeconds(200));
        consented("a3", "app", "alice", false, consent(true, T0.plusSeconds(250)), false);
        Flow otherClient = session("o1", "other", "alice", true, T0.plusSeconds(300));
        Flow otherSubject = session("b1", "app", "bob", true, T0.plusSeconds(400));
        Flow loginOnly = started("login-only", "app");
        flows.create(loginOnly);

        List<String> challenges = flows.deleteConsentSessions("alice", "app");

        assertThat(challenges).containsExactlyInAnyOrder("cc-a1", "cc-a2", "cc-a3");
        assertThat(flows.byConsentChallenge("cc-a1")).isEmpty();
        assertThat(flows.byConsentChallenge("cc-a2")).isEmpty();
        assertThat(flows.byConsentChallenge("cc-a3")).as("an unfinished consent cannot complete later").isEmpty();
        assertThat(flows.byConsentChallenge("cc-o1")).contains(otherClient);
        assertThat(flows.byConsentChallenge("cc-b1")).contains(otherSubject);
        assertThat(flows.byLoginChallenge("lc-login-only")).as("no consent yet").contains(loginOnly);
        assertThat(flows.latestRememberedConsent("alice", "app")).isEmpty();
    }

    @Test
    void whenALoginSessionEndsThenTheClientsThatAskedForConsentUnderItAreFoundOnce() {
        // Front- and back-channel logout tell every client with a consent request under the subject's session, as
        // Hydra v1.10 finds them: asked, answered or used alike; a login that never reached consent does not count.
        clients.create(client("third"));
        inSession("a1", "app", "alice", "sid-1", 3);
        inSession("a2", "app", "alice", "sid-1", 2);
        inSession("o1", "other", "alice", "sid-1", 1);
        inSession("third", "third", "alice", "sid-1", 0);
        inSession("elsewhere", "third", "alice", "sid-2", 3);
        inSession("bob", "third", "bob", "sid-1", 3);

        assertThat(flows.clientsOfLoginSession("alice", "sid-1")).containsExactlyInAnyOrder("app", "other");
        assertThat(flows.clientsOfLoginSession("alice", "sid-2")).containsExactly("third");
        assertThat(flows.clientsOfLoginSession("alice", "sid-3")).isEmpty();
    }

    /** A flow under login session {@code sid}, driven up to: 0 login accepted, 1 consent asked, 2 answered, 3 used. */
    private void inSession(String id, String clientId, String subject, String sid, int steps) {
        Flow flow = Flow.start("lc-" + id, "lv-" + id, "lcsrf-" + id, "https://auth.example/oauth2/auth?x=" + id,
                clientId, List.of("openid"), List.of(), Map.of(), false, "", sid, T0, null);
        flows.create(flow);
        flow = step(flow.handleLogin(login(subject)));
        if (steps == 0) {
            return;
        }
        flow = step(flow.useLoginVerifier());
        flow = step(flow.startConsent("cc-" + id, "cv-" + id, "ccsrf-" + id, false, T0.plusSeconds(4)));
        if (steps >= 2) {
            flow = step(flow.handleConsent(consent(false, T0.plusSeconds(5))));
        }
        if (steps >= 3) {
            step(flow.useConsentVerifier());
        }
    }

    @Test
    void whenConsentSessionsOfAllClientsAreDeletedThenEveryOneOfTheSubjectGoes() {
        session("a1", "app", "alice", true, T0.plusSeconds(100));
        session("o1", "other", "alice", true, T0.plusSeconds(200));
        Flow otherSubject = session("b1", "other", "bob", true, T0.plusSeconds(300));

        List<String> challenges = flows.deleteConsentSessions("alice", null);

        assertThat(challenges).containsExactlyInAnyOrder("cc-a1", "cc-o1");
        assertThat(flows.consentSessions("alice", 10, 0).total()).isZero();
        assertThat(flows.byConsentChallenge("cc-b1")).contains(otherSubject);
        assertThat(flows.deleteConsentSessions("alice", null)).as("nothing left").isEmpty();
    }

    @Test
    void whenClientIsDeletedThroughTheClientStoreThenItsFlowsGoToo() {
        // hydra_oauth2_flow.client_id ... ON DELETE CASCADE: a deleted client's challenges must stop working.
        Flow inLogin = started("login", "app");
        flows.create(inLogin);
        Flow finished = session("done", "app", "alice", true, T0.plusSeconds(100));
        Flow kept = session("kept", "other", "alice", true, T0.plusSeconds(200));

        assertThat(clients.delete("app")).isTrue();

        assertThat(flows.byLoginChallenge("lc-login")).isEmpty();
        for (Key key : Key.values()) {
            assertThat(key.find.apply(flows, key.of.apply(finished))).as(key.name()).isEmpty();
        }
        assertThat(flows.latestRememberedConsent("alice", "app")).isEmpty();
        assertThat(flows.consentSessions("alice", 10, 0).items()).containsExactly(kept);
    }

    /** One flow of every kind the janitor tells apart, all requested at T0 (ids sort in this order). */
    void everyKindOfFlow() {
        flows.create(started("a-login-initialized", "app"));
        Flow loginAccepted = started("b-login-unused", "app");
        flows.create(loginAccepted);
        step(loginAccepted.handleLogin(login("alice")));
        Flow loginRejected = started("c-login-rejected", "app");
        flows.create(loginRejected);
        step(step(loginRejected.handleLogin(new Flow.LoginOutcome(null, false, 0, null, null, null, null,
                new RequestDenial("login request denied", "d", "h", "debug", 400), T0.plusSeconds(2))))
                .useLoginVerifier());
        Flow consentStarted = started("d-consent-initialized", "app");
        flows.create(consentStarted);
        consentStarted = step(consentStarted.handleLogin(login("alice")));
        consentStarted = step(consentStarted.useLoginVerifier());
        step(consentStarted.startConsent("cc-d", "cv-d", "x", false, T0.plusSeconds(4)));
        consented("e-consent-unused", "app", "alice", false, consent(true, T0.plusSeconds(5)), false);
        consented("f-consent-rejected", "app", "alice", false, rejectedConsent(T0.plusSeconds(6)), true);
        session("g-remembered", "app", "alice", true, T0.plusSeconds(7));
        session("h-not-remembered", "app", "alice", false, T0.plusSeconds(8));
        consented("i-skipped", "app", "alice", true, consent(false, T0.plusSeconds(9)), true);
    }

    List<String> sweepAll(Instant before, int batchSize) {
        List<String> deleted = new java.util.ArrayList<>();
        FlowStore.Position position = null;
        List<String> everyChallenge = List.of("a-login-initialized", "b-login-unused", "c-login-rejected",
                "d-consent-initialized", "e-consent-unused", "f-consent-rejected", "g-remembered",
                "h-not-remembered", "i-skipped");
        while (true) {
            FlowStore.Sweep sweep = flows.deleteUnusable(before, position, batchSize);
            assertThat(sweep.examined()).isLessThanOrEqualTo(batchSize);
            if (sweep.last() == null) {
                break;
            }
            position = sweep.last();
        }
        for (String id : everyChallenge) {
            if (flows.byLoginChallenge("lc-" + id).isEmpty()) {
                deleted.add(id);
            }
        }
        return deleted;
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 2, 100})
    void whenTheJanitorSweepsThenAbandonedAndRejectedFlowsGoAndUsedAcceptedConsentsStay(int batchSize) {
        everyKindOfFlow();

        List<String> deleted = sweepAll(T0.plusSeconds(10), batchSize);

        assertThat(deleted).containsExactly("a-login-initialized", "b-login-unused", "c-login-rejected",
                "d-consent-initialized", "e-consent-unused", "f-consent-rejected");
        assertThat(flows.latestRememberedConsent("alice", "app")).map(Flow::loginChallenge)
                .contains("lc-g-remembered");
        assertThat(flows.consentSessions("alice", 10, 0).total()).isEqualTo(2);
        assertThat(flows.byLoginChallenge("lc-i-skipped")).isPresent();
    }

    @Test
    void whenFlowsWereRequestedAtOrAfterTheCutoffThenTheJanitorKeepsThem() {
        everyKindOfFlow();

        assertThat(sweepAll(T0, 100)).isEmpty();
    }

    @Test
    void whenTheConsentRequestStartedAfterTheCutoffThenTheFlowWaitingForConsentIsKept() {
        // The login request is older than the cutoff, but the consent screen (started at T0+4s) is still valid.
        everyKindOfFlow();

        List<String> deleted = sweepAll(T0.plusSeconds(2), 100);

        assertThat(deleted).containsExactly("a-login-initialized", "b-login-unused", "c-login-rejected",
                "f-consent-rejected");
    }

    @Test
    void whenABatchIsSmallerThanTheFlowsThenItExaminesBatchSizeAndReturnsWhereItStopped() {
        everyKindOfFlow();

        FlowStore.Sweep first = flows.deleteUnusable(T0.plusSeconds(10), null, 2);
        FlowStore.Sweep second = flows.deleteUnusable(T0.plusSeconds(10), first.last(), 2);

        assertThat(first).isEqualTo(new FlowStore.Sweep(2, 2, new FlowStore.Position(T0, "lc-b-login-unused")));
        assertThat(second).isEqualTo(new FlowStore.Sweep(2, 2,
                new FlowStore.Position(T0, "lc-d-consent-initialized")));
        assertThat(flows.deleteUnusable(T0.plusSeconds(10), new FlowStore.Position(T0, "lc-z"), 2))
                .isEqualTo(new FlowStore.Sweep(0, 0, null));
    }

    @Test
    void whenTheJanitorRunsWithALimitThenItDeletesNoMoreThanTheLimit() {
        everyKindOfFlow();
        FlowJanitor janitor = new FlowJanitor(flows, java.time.Clock.fixed(T0.plusSeconds(3600),
                java.time.ZoneOffset.UTC));
        List<Long> progress = new java.util.ArrayList<>();

        long deleted = janitor.deleteUnusable(null, java.time.Duration.ofMinutes(30), 2, 5, progress::add);

        assertThat(deleted).isEqualTo(5);
        assertThat(progress).containsExactly(2L, 4L, 5L);
        assertThat(janitor.deleteUnusable(null, java.time.Duration.ofMinutes(30), 2, 0, n -> { })).isEqualTo(1);
    }

    @Test
    void whenTheLifespanOrNotAfterIsNotYetPassedThenTheJanitorKeepsTheFlows() {
        everyKindOfFlow();
        FlowJanitor janitor = new FlowJanitor(flows, java.time.Clock.fixed(T0.plusSeconds(1200),
                java.time.ZoneOffset.UTC));

        assertThat(janitor.deleteUnusable(null, java.time.Duration.ofMinutes(30), 100, 0, n -> { })).isZero();
        assertThat(janitor.deleteUnusable(T0, java.time.Duration.ofMinutes(1), 100, 0, n -> { })).isZero();
        assertThat(janitor.deleteUnusable(null, java.time.Duration.ofMinutes(1), 100, 0, n -> { })).isEqualTo(6);
    }

    // ---------------------------------------------------------------- steps (decision 0029)

    @Test
    void whenAStepSpendsAVerifierThenTheNextStepCannot() {
        Flow flow = started("steps-1", "app");
        flows.create(flow);
        step(flow.handleLogin(login("alice")));

        boolean first = flows.step(s -> s.update(s.byLoginVerifier("lv-steps-1").orElseThrow().useLoginVerifier()));

        assertThat(first).isTrue();
        assertThatThrownBy(() -> flows.step(s -> s.update(s.byLoginVerifier("lv-steps-1").orElseThrow()
                .useLoginVerifier()))).isInstanceOf(FlowStateException.class);
        assertThat(flows.byLoginChallenge("lc-steps-1").orElseThrow().state()).isEqualTo(FlowState.LOGIN_USED);
    }

    @Test
    void whenAnotherReplicaMovedTheFlowOnThenTheStepSeesWhereItIs() {
        Flow flow = started("steps-2", "app");
        flows.create(flow);
        // The login app's accept lands on the other replica.
        Flow handled = replica.byLoginChallenge("lc-steps-2").orElseThrow();
        assertThat(replica.update(handled.handleLogin(login("alice")))).isTrue();

        // The browser comes back to this one, which last saw the flow before the accept.
        boolean spent = flows.step(s -> {
            Flow current = s.byLoginVerifier("lv-steps-2").orElseThrow();
            if (current.state() != FlowState.LOGIN_UNUSED) {
                throw new IllegalStateException("login not handled yet");
            }
            return s.update(current.useLoginVerifier());
        });

        assertThat(spent).isTrue();
        assertThat(flows.byLoginChallenge("lc-steps-2").orElseThrow().state()).isEqualTo(FlowState.LOGIN_USED);
    }

    @Test
    void whenAnotherReplicaChangedTheFlowButNotItsStateThenTheStepDoesNotWriteOverIt() {
        Flow flow = started("steps-3", "app");
        flows.create(flow);
        step(flow.handleLogin(login("alice")));
        // The login app accepts again, for another subject, through the other replica: same state, new document.
        Flow again = replica.byLoginChallenge("lc-steps-3").orElseThrow();
        assertThat(replica.update(again.handleLogin(login("bob")))).isTrue();

        String subject = flows.step(s -> {
            Flow current = s.byLoginVerifier("lv-steps-3").orElseThrow();
            if (!s.update(current.useLoginVerifier())) {
                throw new IllegalStateException("not written");
            }
            return current.login().subject();
        });

        assertThat(subject).isEqualTo("bob");
        Flow stored = flows.byLoginChallenge("lc-steps-3").orElseThrow();
        assertThat(stored.state()).isEqualTo(FlowState.LOGIN_USED);
        assertThat(stored.login().subject()).isEqualTo("bob");
    }

    @Test
    void whenAnotherReplicaDeletedTheFlowThenTheStepFindsNothing() {
        session("steps-4", "app", "carol", true, T0.plusSeconds(5));
        Flow known = flows.byConsentChallenge("cc-steps-4").orElseThrow();
        assertThat(known.state()).isEqualTo(FlowState.CONSENT_USED);
        replica.deleteConsentSessions("carol", "app");

        Optional<Flow> found = flows.step(s -> {
            Optional<Flow> f = s.byConsentChallenge("cc-steps-4");
            if (f.isPresent() && !s.update(f.get().handleConsent(consent(true, T0.plusSeconds(6))))) {
                throw new IllegalStateException("not written");
            }
            return f;
        });

        assertThat(found).isEmpty();
    }
}
