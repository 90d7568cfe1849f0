package org.openauthz.authz.oauth2.token;

import java.time.Instant;
import java.util.Optional;

/**
 * Persistence of issued tokens by signature. Implementations: in memory and JDBI/PostgreSQL, both held to
 * {@code TokenStoreContract}. Every method is atomic: a failure writes nothing.
 */
public interface TokenStore {
    /**
     * Stores a token; returns once it is durable (a token answered to a client must survive a crash).
     *
     * @throws org.openauthz.authz.storage.DuplicateKeyException if the signature exists (never for random tokens)
     */
    void insert(TokenKind kind, TokenRecord token);

    /** Empty when no row has that signature; inactive rows are returned with {@code active == false}. */
    Optional<TokenRecord> find(TokenKind kind, String signature);

    /**
     * {@link #find}, for a code or refresh token presented to be redeemed: a store may answer with the row as this
     * server wrote it, without a round trip to storage, since only {@link #redeem} and {@link #rotate} decide, on the
     * stored row, whether the token is still good (decision 0031). So the answer may be out of date when another
     * server spent, revoked or deleted the token since; never when this store did.
     */
    default Optional<TokenRecord> findForRedemption(TokenKind kind, String signature) {
        return find(kind, signature);
    }

    /**
     * Revokes a whole grant (<a href="https://www.rfc-editor.org/rfc/rfc7009#section-2.1">RFC 7009 §2.1</a>): deletes
     * its access tokens and deactivates its refresh tokens and codes. Unknown ids are a no-op.
     */
    void revokeRequest(String requestId);

    /**
     * Redeems an authorization code (RFC 6749 §4.1.3) in one transaction: deactivates the code if it is still active
     * and stores the access token and, when not null, the refresh token issued for it. Returns false, writing
     * nothing, when the code was no longer active (reuse or a concurrent redemption).
     */
    boolean redeem(String codeSignature, TokenRecord access, TokenRecord refresh);

    /**
     * Refresh token rotation (RFC 9700 §4.14.2) in one transaction: deactivates the presented refresh token if it
     * is still active, deletes the access tokens of its grant, and stores the new access and refresh tokens. Returns
     * false, writing nothing, when the presented token was no longer active (reuse or a concurrent rotation).
     */
    boolean rotate(String oldRefreshSignature, String requestId, TokenRecord newAccess, TokenRecord newRefresh);

    /** Deletes every token (all kinds) issued under the given consent challenges. */
    void revokeByChallenges(java.util.List<String> consentChallenges);

    /** Deletes up to {@code limit} rows of the kind that expired before {@code notAfter}; returns how many. */
    default int deleteExpired(TokenKind kind, Instant notAfter, int limit) {
        return deleteExpired(kind, notAfter, null, limit);
    }

    /**
     * Deletes up to {@code limit} rows of the kind that expired before {@code notAfter} and, when
     * {@code requestedBefore} is not null, were also requested before it (the janitor's {@code --access-lifespan} and
     * {@code --refresh-lifespan}); returns how many. A row that has not expired is never deleted.
     */
    int deleteExpired(TokenKind kind, Instant notAfter, Instant requestedBefore, int limit);

    /** Deletes every token of the kind issued to the client; returns how many. */
    int deleteByClient(TokenKind kind, String clientId);
}
