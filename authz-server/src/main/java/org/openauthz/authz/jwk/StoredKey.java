package org.openauthz.authz.jwk;

import java.time.Instant;

/**
 * One key as stored: its set, kid, creation time, the AES-GCM-sealed JWK JSON (docs/security.md) and the moment
 * from which it may sign. A key is published (JWKS, verification) from {@code createdAt}, but signs only from
 * {@code useFrom}: a rotated-in key is announced ahead of use so that relying parties' JWKS caches hold it before the
 * first token signed with it arrives (decision 0021).
 */
public record StoredKey(String set, String kid, Instant createdAt, String sealedJwk, Instant useFrom) {
    /** A key that may sign from the moment it is created (every key added through the Hydra v1.10 endpoints). */
    public StoredKey(String set, String kid, Instant createdAt, String sealedJwk) {
        this(set, kid, createdAt, sealedJwk, createdAt);
    }
}
