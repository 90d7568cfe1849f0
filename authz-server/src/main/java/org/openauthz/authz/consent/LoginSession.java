package org.openauthz.authz.consent;

import java.time.Instant;

/**
 * A browser's authentication session ({@code sid}): set in the session cookie when a login is remembered.
 *
 * @param authenticatedAt null until a login completes under this session
 */
public record LoginSession(String id, String subject, Instant authenticatedAt, boolean remember) {
}
