package org.openauthz.authz.oauth2.token;

import org.openauthz.authz.crypto.OpaqueTokens;

import java.time.Instant;

/**
 * What an access token looks like ({@code strategies.access_token}): opaque, Hydra's default, or a signed JWT
 * ({@link JwtAccessTokens}). Either way the token's row is stored under the returned storage key, so introspection
 * and revocation work the same for both.
 */
public interface AccessTokenFormat {
    /** A new access token and the key its row is stored under. */
    record Issued(String token, String storageKey) {
    }

    /** An access token of {@code grant}, valid from {@code issuedAt} until {@code expiresAt} (null: never expires). */
    Issued issue(Grant grant, Instant issuedAt, Instant expiresAt);

    /** Opaque tokens, stored under their HMAC signature (Hydra's default strategy). */
    static AccessTokenFormat opaque(OpaqueTokens tokens) {
        return (grant, issuedAt, expiresAt) -> {
            OpaqueTokens.Minted minted = tokens.mint();
            return new Issued(minted.token(), minted.signature());
        };
    }
}
