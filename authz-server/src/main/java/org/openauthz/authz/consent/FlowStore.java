package org.openauthz.authz.consent;

import org.openauthz.authz.storage.Page;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Persistence of login-and-consent flows. Implementations: in memory and JDBI/PostgreSQL, held to
 * {@code FlowStoreContract}. Transitions are written with {@link #update}, which only succeeds when the stored
 * state is still the expected one: that is what makes every challenge and verifier single-use.
 */
public interface FlowStore extends FlowSteps {
    void create(Flow flow);

    /**
     * Runs one step of a sign-in: reads of the flow by challenge or verifier and the conditional write of its
     * transition. A store may answer the step's reads with the flow as this server last wrote it, without a database
     * round trip, and then writes only if the stored flow is still exactly that one; if the step fails while another
     * server had changed the flow meanwhile, it runs once more on flows read from the database (decision 0029). So
     * {@code step} must have no effect outside the store before its last write succeeds. By default: straight
     * through, every read from storage.
     */
    default <T> T step(java.util.function.Function<FlowSteps, T> step) {
        return step.apply(this);
    }

    /**
     * The most recent used, remembered, non-skipped, accepted consent of the subject for the client: the one Hydra
     * v1.10 looks at to skip the consent screen (only the newest counts); empty when there is none.
     */
    Optional<Flow> latestRememberedConsent(String subject, String clientId);

    /** A browser's login session and the {@link #latestRememberedConsent} of its subject for one client. */
    record RememberedSignIn(LoginSession session, Optional<Flow> latestConsent) {
    }

    /**
     * The login session with this id and the latest remembered consent of its subject for the client, read together:
     * what the authorization endpoint needs to answer a returning user itself (decision 0027), in one round trip
     * where the store can (decision 0031). Empty when there is no such session.
     */
    Optional<RememberedSignIn> rememberedSignIn(String loginSessionId, String clientId);

    /** Used, non-skipped, accepted consents of a subject, newest first. */
    Page<Flow> consentSessions(String subject, int limit, int offset);

    /**
     * Deletes the subject's consent sessions (for one client, or all when {@code clientId} is null) and returns their
     * consent challenges, so that the tokens issued under them can be revoked.
     */
    List<String> deleteConsentSessions(String subject, String clientId);

    /**
     * One batch of the janitor ({@link FlowJanitor}): examines up to {@code batchSize} flows requested before
     * {@code requestedBefore}, in (requested_at, login_challenge) order after {@code after} (null: from the oldest),
     * and deletes those {@link FlowJanitor#unusable unusable}, re-checked at the moment of deletion, so that a flow
     * finished concurrently is kept. One short transaction of its own, never shared with sign-in writes.
     */
    Sweep deleteUnusable(Instant requestedBefore, Position after, int batchSize);

    /** Where a janitor run stands: the last flow examined. */
    record Position(Instant requestedAt, String loginChallenge) {
    }

    /** What one batch did; {@code last} is null when there was nothing left to examine. */
    record Sweep(int examined, int deleted, Position last) {
    }

    /**
     * The clients that asked for consent under the subject's login session ({@code sid}): the relying parties that
     * took part in it and are told when it ends (front- and back-channel logout, as Hydra v1.10 finds them).
     */
    List<String> clientsOfLoginSession(String subject, String loginSessionId);
}
