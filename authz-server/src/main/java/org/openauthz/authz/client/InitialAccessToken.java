package org.openauthz.authz.client;

import java.time.Instant;

/**
 * An initial access token as stored (<a href="https://www.rfc-editor.org/rfc/rfc7591#section-3">RFC 7591 §3</a>):
 * the SHA-256 of the token, whether one registration spends it, and when it stops working.
 */
public record InitialAccessToken(String hash, boolean singleUse, Instant expiresAt, Instant createdAt) {
}
