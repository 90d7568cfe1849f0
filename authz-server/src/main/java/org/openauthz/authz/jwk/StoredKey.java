package org.openauthz.authz.jwk;

import java.time.Instant;

/** One key as stored: its set, kid, creation time and the AES-GCM-sealed JWK JSON (docs/security.md). */
public record StoredKey(String set, String kid, Instant createdAt, String sealedJwk) {
}
