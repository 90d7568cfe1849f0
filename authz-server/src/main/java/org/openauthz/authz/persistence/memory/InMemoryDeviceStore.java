package org.openauthz.authz.persistence.memory;

import org.openauthz.authz.oauth2.device.DeviceRequest;
import org.openauthz.authz.oauth2.device.DeviceState;
import org.openauthz.authz.oauth2.device.DeviceStore;
import org.openauthz.authz.storage.DuplicateKeyException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/** {@link DeviceStore} in memory; one lock makes every method atomic, as a transaction would. */
public final class InMemoryDeviceStore implements DeviceStore {
    private record Failure(String challengeKey, String sourceKey, Instant at) {
    }

    private final Map<String, DeviceRequest> requests = new HashMap<>();
    private final List<Failure> failures = new ArrayList<>();

    @Override
    public synchronized void create(DeviceRequest request) {
        if (requests.containsKey(request.deviceCodeSignature())
                || byUserCode(request.userCodeSignature()).isPresent()) {
            throw new DuplicateKeyException("device request exists");
        }
        requests.put(request.deviceCodeSignature(), request);
    }

    @Override
    public synchronized Optional<DeviceRequest> byDeviceCode(String deviceCodeSignature) {
        return Optional.ofNullable(requests.get(deviceCodeSignature));
    }

    @Override
    public synchronized Optional<DeviceRequest> byUserCode(String userCodeSignature) {
        return by(DeviceRequest::userCodeSignature, userCodeSignature);
    }

    @Override
    public synchronized Optional<DeviceRequest> byVerifier(String verifierSignature) {
        return by(DeviceRequest::verifierSignature, verifierSignature);
    }

    private Optional<DeviceRequest> by(Function<DeviceRequest, String> column, String value) {
        return requests.values().stream().filter(r -> Objects.equals(column.apply(r), value)).findFirst();
    }

    @Override
    public synchronized boolean advance(DeviceRequest next, DeviceState expected) {
        DeviceRequest current = requests.get(next.deviceCodeSignature());
        if (current == null || current.state() != expected) {
            return false;
        }
        if (next.verifierSignature() != null && !next.verifierSignature().equals(current.verifierSignature())
                && byVerifier(next.verifierSignature()).isPresent()) {
            throw new DuplicateKeyException("device verifier exists");
        }
        requests.put(current.deviceCodeSignature(), new DeviceRequest(current.deviceCodeSignature(),
                current.userCodeSignature(), current.clientId(), current.requestedScopes(),
                current.requestedAudience(), current.requestedAt(), current.expiresAt(), current.intervalSeconds(),
                current.lastPolledAt(), next.state(), next.verifierSignature(), next.codeSignature()));
        return true;
    }

    @Override
    public synchronized void recordPoll(String deviceCodeSignature, Instant polledAt, int intervalSeconds) {
        requests.computeIfPresent(deviceCodeSignature, (key, r) -> new DeviceRequest(key, r.userCodeSignature(),
                r.clientId(), r.requestedScopes(), r.requestedAudience(), r.requestedAt(), r.expiresAt(),
                intervalSeconds, polledAt, r.state(), r.verifierSignature(), r.codeSignature()));
    }

    @Override
    public synchronized void recordFailure(String challengeKey, String sourceKey, Instant at) {
        failures.add(new Failure(challengeKey, sourceKey, at));
    }

    @Override
    public synchronized int failuresOfChallenge(String challengeKey) {
        return (int) failures.stream().filter(f -> f.challengeKey().equals(challengeKey)).count();
    }

    @Override
    public synchronized int failuresFrom(String sourceKey, Instant since) {
        return (int) failures.stream().filter(f -> f.sourceKey().equals(sourceKey) && !f.at().isBefore(since)).count();
    }

    @Override
    public synchronized int deleteExpired(Instant before, int limit) {
        failures.removeIf(f -> f.at().isBefore(before));
        List<String> expired = requests.values().stream().filter(r -> r.expiresAt().isBefore(before))
                .limit(limit).map(DeviceRequest::deviceCodeSignature).toList();
        expired.forEach(requests::remove);
        return expired.size();
    }
}
