package org.openauthz.authz.jwk;

import com.nimbusds.jose.jwk.JWK;
import org.openauthz.authz.oauth2.OAuth2Error;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Rotates the signing keys of the signing sets (decision 0021). On schedule ({@link #runDue}, called every minute on
 * every replica): {@code prepublish} before the current signer has signed for {@code interval}, a next key is added
 * that signs only from then on, so relying parties that cache the JWKS (<a
 * href="https://openid.net/specs/openid-connect-core-1_0.html#RotateSigKeys">OpenID Connect Core §10.1.1</a>) hold
 * it before any token signed with it reaches them; a key that was superseded longer ago than the longest token
 * lifespan (plus a leeway for relying parties' clocks) signed nothing that is still valid, and is deleted. On demand
 * ({@link #rotateNow}) a new key signs at once. Replicas agree through the store: a key is added only if the newest
 * key of the set is still the one the replica saw ({@link KeyStore#addIfNewestIs}).
 */
public final class KeyRotation {
    /** Relying parties accept a token a little after its {@code exp} when their clock is behind ours. */
    public static final Duration CLOCK_SKEW_LEEWAY = Duration.ofMinutes(5);

    /**
     * The schedule: {@code interval} zero means no scheduled rotation (Hydra v1.10's behaviour: keys change only when
     * an operator changes them); {@code longestTokenLifespan} is the longest lifespan of a token the sets sign.
     */
    public record Schedule(Duration interval, Duration prepublish, Duration longestTokenLifespan) {
        public boolean enabled() {
            return !interval.isZero();
        }

        Duration retireAfter() {
            return longestTokenLifespan.plus(CLOCK_SKEW_LEEWAY);
        }
    }

    private final KeyService keys;
    private final List<String> sets;
    private final Schedule schedule;
    private final Clock clock;

    public KeyRotation(KeyService keys, List<String> sets, Schedule schedule, Clock clock) {
        this.keys = keys;
        this.sets = List.copyOf(sets);
        this.schedule = schedule;
        this.clock = clock;
    }

    public Schedule schedule() {
        return schedule;
    }

    /** Pre-publishes the next key and retires old ones where their time has come; nothing when rotation is off. */
    public void runDue() {
        if (!schedule.enabled()) {
            return;
        }
        for (String set : sets) {
            prepublishNextKey(set);
            retireSupersededKeys(set);
        }
    }

    /**
     * Adds a key to {@code set} that signs from now on, with the algorithm of the set's newest key (RS256 when that
     * one's is not one we generate), and returns it. The key it replaces stays published.
     *
     * @throws org.openauthz.authz.oauth2.OAuth2Exception resource_not_found when the set has no keys, conflict when
     *                                                    another rotation of the set won the race
     */
    public JWK rotateNow(String set) {
        List<PublishedKey> current = keys.published(set);
        if (current.isEmpty()) {
            throw KeyService.setNotFound(set);
        }
        JWK newest = current.get(0).jwk();
        String alg = newest.getAlgorithm() != null && KeyGenerator.ALGORITHMS.contains(newest.getAlgorithm().getName())
                ? newest.getAlgorithm().getName() : "RS256";
        return keys.addScheduled(set, alg, clock.instant(), newest.getKeyID())
                .orElseThrow(() -> OAuth2Error.CONFLICT.withHint("The key set '" + set
                        + "' was changed while it was rotated; try again.").toException());
    }

    private void prepublishNextKey(String set) {
        List<PublishedKey> current = keys.published(set);
        Instant now = clock.instant();
        Optional<PublishedKey> signer = current.stream().filter(k -> k.canSign() && k.usableAt(now)).findFirst();
        if (signer.isEmpty() || current.stream().takeWhile(k -> k != signer.get()).anyMatch(PublishedKey::canSign)) {
            // No signer (the startup check adds one), or a newer key is already waiting for its turn.
            return;
        }
        Instant due = signer.get().useFrom().plus(schedule.interval());
        if (now.isBefore(due.minus(schedule.prepublish()))) {
            return;
        }
        // After a long stop the due time may be past: the next key still gets its full pre-publication period.
        Instant useFrom = due.isAfter(now.plus(schedule.prepublish())) ? due : now.plus(schedule.prepublish());
        keys.addScheduled(set, "RS256", useFrom, current.get(0).kid());
    }

    private void retireSupersededKeys(String set) {
        Instant now = clock.instant();
        Instant supersededAt = null;
        for (PublishedKey key : keys.published(set)) {
            if (!key.canSign()) {
                continue;
            }
            if (supersededAt != null && !now.isBefore(supersededAt.plus(schedule.retireAfter()))) {
                keys.deleteKey(set, key.kid());
            }
            if (key.usableAt(now)) {
                supersededAt = key.useFrom();
            }
        }
    }
}
