package org.openauthz.authz.oauth2.device;

import java.time.Instant;
import java.util.Optional;

/**
 * Persistence of device authorization requests and of failed user-code attempts. Implementations: in memory and
 * JDBI/PostgreSQL, both held to {@code DeviceStoreContract}. Every method is atomic.
 */
public interface DeviceStore {
    /**
     * Stores a new request; returns once it is durable.
     *
     * @throws org.openauthz.authz.storage.DuplicateKeyException when the device or user code signature exists
     *                                                            (a user code collision: the caller draws again)
     */
    void create(DeviceRequest request);

    /** Empty when no request has that device code signature. */
    Optional<DeviceRequest> byDeviceCode(String deviceCodeSignature);

    /** Empty when no request has that user code signature. */
    Optional<DeviceRequest> byUserCode(String userCodeSignature);

    /** Empty when no request has that verifier signature. */
    Optional<DeviceRequest> byVerifier(String verifierSignature);

    /**
     * Moves the request to {@code next}'s state, verifier and code signature if it is still in {@code expected};
     * returns false, writing nothing, otherwise (so each step happens once, also under concurrency).
     */
    boolean advance(DeviceRequest next, DeviceState expected);

    /** Remembers when the device last polled and the interval it must keep from now on. Unknown codes: no-op. */
    void recordPoll(String deviceCodeSignature, Instant polledAt, int intervalSeconds);

    /** Records a wrong user code typed through one device challenge from one source. */
    void recordFailure(String challengeKey, String sourceKey, Instant at);

    /** Wrong user codes typed through this challenge so far. */
    int failuresOfChallenge(String challengeKey);

    /** Wrong user codes typed from this source since {@code since}. */
    int failuresFrom(String sourceKey, Instant since);

    /**
     * Deletes up to {@code limit} requests that expired before {@code before}, and failures recorded before it;
     * returns how many requests.
     */
    int deleteExpired(Instant before, int limit);
}
