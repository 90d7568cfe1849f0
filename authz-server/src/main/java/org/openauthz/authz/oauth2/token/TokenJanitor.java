package org.openauthz.authz.oauth2.token;

import java.time.Clock;
import java.time.Instant;
import java.util.function.LongConsumer;

/**
 * Deletes expired tokens in batches so that the token tables do not grow without bound while issuance goes on
 * (docs/operations.md). Each batch is its own short transaction, so a long run never blocks the token endpoint.
 */
public final class TokenJanitor {
    static final int BATCH_SIZE = 10_000;

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
        Instant now = clock.instant();
        Instant cutoff = notAfter == null || notAfter.isAfter(now) ? now : notAfter;
        long total = 0;
        int deleted;
        do {
            deleted = store.deleteExpired(kind, cutoff, BATCH_SIZE);
            total += deleted;
            if (deleted > 0) {
                progress.accept(total);
            }
        } while (deleted == BATCH_SIZE);
        return total;
    }

    public int deleteAccessTokensOf(String clientId) {
        return store.deleteByClient(TokenKind.ACCESS_TOKEN, clientId);
    }
}
