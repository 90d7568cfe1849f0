package org.openauthz.authz.consent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongConsumer;

/**
 * Deletes login-and-consent flows that can no longer be used ({@code hydra janitor --requests}, decision 0009), in
 * batches that are each their own short transaction, so that sign-in goes on while it runs.
 *
 * <p>A flow is deleted when it was requested before both {@code now - lifespan} and {@code notAfter} and it is
 * {@linkplain #unusable unusable}: abandoned before its consent verifier was used, or rejected. Flows whose consent was
 * accepted and used are kept: they are the consent sessions of the admin API, the remembered consents a later login
 * may skip on, and the grants whose tokens are revoked with them (Hydra v1.10 and v2 keep them too).
 */
public final class FlowJanitor {
    /** Flows examined per batch unless {@code --batch-size} says otherwise. */
    public static final int DEFAULT_BATCH_SIZE = 1_000;

    private final FlowStore store;
    private final Clock clock;

    public FlowJanitor(FlowStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** A flow nothing can use any more: its consent verifier was never used, or the login or consent was rejected. */
    public static boolean unusable(Flow flow) {
        return flow.state() != FlowState.CONSENT_USED
                || flow.consent() != null && flow.consent().rejected()
                || flow.login() != null && flow.login().rejected();
    }

    /**
     * Whether the janitor deletes a flow requested before {@code before}: unusable, and, when it waits at the consent
     * step, its consent request started before {@code before} too (the server gives a consent request its own
     * lifetime from then).
     */
    public static boolean deletable(Flow flow, Instant before) {
        boolean waitingForConsent = flow.state() == FlowState.CONSENT_INITIALIZED
                || flow.state() == FlowState.CONSENT_UNUSED;
        return unusable(flow) && (!waitingForConsent || flow.consentRequestedAt() == null
                || flow.consentRequestedAt().isBefore(before));
    }

    /**
     * Deletes unusable flows requested before {@code now - lifespan} and before {@code notAfter} (null: no further
     * bound), at most {@code limit} of them ({@code <= 0}: no limit), reporting the running total after each batch that
     * deleted something. Returns how many were deleted.
     */
    public long deleteUnusable(Instant notAfter, Duration lifespan, int batchSize, long limit,
                               LongConsumer progress) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive");
        }
        Instant cutoff = clock.instant().minus(lifespan);
        if (notAfter != null && notAfter.isBefore(cutoff)) {
            cutoff = notAfter;
        }
        long total = 0;
        FlowStore.Position position = null;
        while (limit <= 0 || total < limit) {
            // The last batch examines no more than the limit leaves, so that the limit is never exceeded.
            int size = limit <= 0 ? batchSize : (int) Math.min(batchSize, limit - total);
            FlowStore.Sweep sweep = store.deleteUnusable(cutoff, position, size);
            total += sweep.deleted();
            if (sweep.deleted() > 0) {
                progress.accept(total);
            }
            if (sweep.last() == null || sweep.examined() < size) {
                break;
            }
            position = sweep.last();
        }
        return total;
    }
}
