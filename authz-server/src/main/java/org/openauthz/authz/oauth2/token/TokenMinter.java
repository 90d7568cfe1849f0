package org.openauthz.authz.oauth2.token;

import org.openauthz.authz.crypto.OpaqueTokens;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The one place a {@link TokenRecord} is built: mints a token and the row to store for it. Codes and refresh tokens
 * are opaque (only their HMAC signature is stored); access tokens take the configured {@link AccessTokenFormat}.
 * Nothing is stored here: callers store the row alone or together with others in one transaction
 * ({@link TokenStore#redeem}, {@link TokenStore#rotate}), and hand the token out only after that.
 */
public final class TokenMinter {
    private final AccessTokenFormat opaque;
    private final AccessTokenFormat accessTokens;
    private final SessionCodec sessions;
    private final Duration codeTtl;
    private final Duration accessTtl;
    private final Duration refreshTtl;
    private final Clock clock;

    /** A negative {@code refreshTtl} means refresh tokens never expire (Hydra's {@code ttl.refresh_token: -1}). */
    public TokenMinter(OpaqueTokens tokens, AccessTokenFormat accessTokens, SessionCodec sessions, Duration codeTtl,
                       Duration accessTtl, Duration refreshTtl, Clock clock) {
        this.opaque = AccessTokenFormat.opaque(tokens);
        this.accessTokens = accessTokens;
        this.sessions = sessions;
        this.codeTtl = codeTtl;
        this.accessTtl = accessTtl;
        this.refreshTtl = refreshTtl;
        this.clock = clock;
    }

    /** A new token and its row, not stored yet. */
    public record Minted(String token, TokenRecord row) {
        /** Seconds until it expires, for {@code expires_in} (RFC 6749 §5.1); 0 when it never does. */
        public long expiresIn() {
            return row.expiresAt() == null ? 0 : Duration.between(row.requestedAt(), row.expiresAt()).getSeconds();
        }
    }

    /** An authorization code (RFC 6749 §4.1.2); its session holds what the code must be redeemed with. */
    public Minted code(Grant grant) {
        return mint(grant, now(), codeTtl, sessions.encode(grant.session()), opaque);
    }

    /** An access token (RFC 6749 §1.4) in the configured format. */
    public Minted access(Grant grant) {
        return mint(grant, now(), accessTtl, sessions.encode(grant.session()), accessTokens);
    }

    /**
     * The refresh token issued together with {@code access} (RFC 6749 §1.5, §5.1): the same grant, second and
     * session; bound to the access token's DPoP key only when {@code boundToKey} (RFC 9449 §5: only refresh tokens
     * of public clients are).
     */
    public Minted refreshFor(Minted access, boolean boundToKey) {
        return refreshFor(access, access.row().grantedAudience(), boundToKey);
    }

    /**
     * As {@link #refreshFor(Minted, boolean)} for a grant of {@code grantedAudience} when the access token was
     * narrowed to part of it (RFC 8707 §2.2): the refresh token keeps the whole grant.
     */
    public Minted refreshFor(Minted access, List<String> grantedAudience, boolean boundToKey) {
        // The session is taken as the access row stored it, so it is not encoded (or encrypted) twice.
        Grant grant = Grant.of(access.row(), null).withGrantedAudience(grantedAudience);
        return mint(boundToKey ? grant : grant.boundTo(null), access.row().requestedAt(), refreshTtl,
                access.row().sessionData(), opaque);
    }

    private Minted mint(Grant grant, Instant issuedAt, Duration ttl, String sessionData, AccessTokenFormat format) {
        Instant expiresAt = ttl.isNegative() ? null : issuedAt.plus(ttl);
        AccessTokenFormat.Issued minted = format.issue(grant, issuedAt, expiresAt);
        return new Minted(minted.token(), new TokenRecord(minted.storageKey(), grant.requestId(), grant.clientId(),
                grant.subject(), issuedAt, expiresAt, grant.grantedScopes(), grant.requestedScopes(),
                grant.grantedAudience(), grant.requestedAudience(), true, sessionData, grant.challengeId(),
                grant.dpopJkt()));
    }

    /** Whole seconds, as Hydra stores them. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }
}
