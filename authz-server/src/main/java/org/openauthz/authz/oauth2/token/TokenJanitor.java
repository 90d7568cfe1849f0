package org.openauthz.authz.oauth2.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongConsumer;

/**
 * Deletes expired tokens in batches so that the token tables do not grow without bound while issuance goes on
 * (docs/operations.md). Each batch is its own short transaction, so a long run never blocks the token endpoint.
 */
public final class TokenJanitor {
    /** Rows deleted per batch unless {@code --batch-size} says otherwise (decision 0006). */
    public static final int BATCH_SIZE = 10_000;

    private final TokenStore store;
    private final Clock clock;

    public TokenJanitor(TokenStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Deletes access and refresh tokens that expired before {@code notAfter} (default now). A {@code notAfter} in
     * the future is capped at now: flushing never deletes a token that is still valid.
     */
    public long flush(Instant notAfter) {
        return deleteExpired(TokenKind.ACCESS_TOKEN, notAfter, n -> { })
                + deleteExpired(TokenKind.REFRESH_TOKEN, notAfter, n -> { });
    }

    /** Deletes expired tokens of one kind, reporting the running total after each batch. */
    public long deleteExpired(TokenKind kind, Instant notAfter, LongConsumer progress) {
        return deleteExpired(kind, notAfter, null, BATCH_SIZE, 0, progress);
    }

    /**
     * Deletes tokens of one kind that expired before {@code notAfter} (capped at now) and, when {@code lifespan} is
     * given ({@code hydra janitor --access-lifespan}, {@code --refresh-lifespan}), were requested more than
     * {@code lifespan} ago too, in batches of {@code batchSize}, at most {@code limit} ({@code <= 0}: no limit),
     * reporting the running total after each batch. A token that is still valid is never deleted (decision 0009).
     */
    public long deleteExpired(TokenKind kind, Instant notAfter, Duration lifespan, int batchSize, long limit,
                              LongConsumer progress) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive");
        }
        Instant now = clock.instant();
        Instant cutoff = notAfter == null || notAfter.isAfter(now) ? now : notAfter;
        Instant requestedBefore = lifespan == null ? null : now.minus(lifespan);
        long total = 0;
        int size;
        int deleted;
        do {
            size = limit <= 0 ? batchSize : (int) Math.min(batchSize, limit - total);
            if (size == 0) {
                break;
            }
            deleted = store.deleteExpired(kind, cutoff, requestedBefore, size);
            total += deleted;
            if (deleted > 0) {
                progress.accept(total);
            }
        } while (deleted == size);
        return total;
    }

    public int deleteAccessTokensOf(String clientId) {
        return store.deleteByClient(TokenKind.ACCESS_TOKEN, clientId);
    }
}
