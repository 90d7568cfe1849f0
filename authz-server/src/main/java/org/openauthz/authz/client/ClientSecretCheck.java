package org.openauthz.authz.client;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a presented secret authenticates a stored client: its current secret unless that has expired (RFC 7591
 * §3.2.1 {@code client_secret_expires_at}), or its previous secret during the overlap of a secret rotation (decision
 * 0021). A client that used its previous secret is logged (its id and until when that secret works, never the
 * secret) at most once a minute per client, so operators can find the callers still to be updated.
 */
public final class ClientSecretCheck {
    private static final Logger LOG = LoggerFactory.getLogger(ClientSecretCheck.class);
    private static final Duration LOG_EVERY = Duration.ofMinutes(1);
    private static final int MAX_LOGGED_CLIENTS = 10_000;

    /** Why a secret did not authenticate, or which one did. */
    public enum Outcome { CURRENT, PREVIOUS, EXPIRED, MISMATCH }

    private final SecretVerifier verifier;
    private final Clock clock;
    private final ConcurrentHashMap<String, Instant> lastLogged = new ConcurrentHashMap<>();

    public ClientSecretCheck(SecretVerifier verifier, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
    }

    public Outcome check(StoredClient stored, String presented) {
        Instant now = clock.instant();
        if (stored.secretExpiredAt(now)) {
            return Outcome.EXPIRED;
        }
        if (verifier.verify(stored.id(), presented, stored.secretHash())) {
            return Outcome.CURRENT;
        }
        String previous = stored.previousSecretHashAt(now);
        if (previous != null && verifier.verifyPrevious(stored.id(), presented, previous)) {
            logPreviousSecretUsed(stored, now);
            return Outcome.PREVIOUS;
        }
        return Outcome.MISMATCH;
    }

    private void logPreviousSecretUsed(StoredClient stored, Instant now) {
        Instant last = lastLogged.get(stored.id());
        if (last != null && now.isBefore(last.plus(LOG_EVERY))) {
            return;
        }
        if (lastLogged.size() >= MAX_LOGGED_CLIENTS) {
            lastLogged.clear();
        }
        lastLogged.put(stored.id(), now);
        LOG.info("Client {} authenticated with its previous secret, which works until {}; update it to the new one",
                stored.id(), stored.previousSecretExpiresAt());
    }
}
