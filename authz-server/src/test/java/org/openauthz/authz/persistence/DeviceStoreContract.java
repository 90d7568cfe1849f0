package org.openauthz.authz.persistence;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openauthz.authz.oauth2.device.DeviceRequest;
import org.openauthz.authz.oauth2.device.DeviceState;
import org.openauthz.authz.oauth2.device.DeviceStore;
import org.openauthz.authz.storage.DuplicateKeyException;
import org.openauthz.authz.testing.Concurrently;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link DeviceStore} must do (RFC 8628 device requests and wrong user codes). Run by
 * {@code InMemoryDeviceStoreTest} and, on a real PostgreSQL, {@code JdbiDeviceStoreIT}.
 */
abstract class DeviceStoreContract {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    DeviceStore devices;

    protected abstract DeviceStore newStore();

    @BeforeEach
    void freshStore() {
        devices = newStore();
    }

    private static DeviceRequest request(String device, String user) {
        return new DeviceRequest(device, user, "tv-client", List.of("openid", "offline"), List.of("https://api"),
                NOW, NOW.plus(Duration.ofMinutes(10)), 5, null, DeviceState.PENDING, null, null);
    }

    @Test
    void whenARequestIsCreatedThenItIsFoundByItsDeviceAndUserCodeAsStored() {
        DeviceRequest created = request("device-sig-1", "user-sig-1");
        devices.create(created);

        assertThat(devices.byDeviceCode("device-sig-1")).contains(created);
        assertThat(devices.byUserCode("user-sig-1")).contains(created);
        assertThat(devices.byDeviceCode("device-sig-2")).isEmpty();
        assertThat(devices.byVerifier("verifier-sig-1")).isEmpty();
    }

    @Test
    void whenNoScopeOrAudienceWasRequestedThenBothReadBackEmpty() {
        DeviceRequest bare = new DeviceRequest("device-sig-1", "user-sig-1", "tv-client", List.of(), List.of(), NOW,
                NOW.plusSeconds(60), 5, null, DeviceState.PENDING, null, null);
        devices.create(bare);

        assertThat(devices.byDeviceCode("device-sig-1")).contains(bare);
    }

    @Test
    void whenAUserCodeExistsThenASecondRequestWithItIsRefused() {
        devices.create(request("device-sig-1", "user-sig-1"));

        assertThatThrownBy(() -> devices.create(request("device-sig-2", "user-sig-1")))
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(devices.byDeviceCode("device-sig-2")).isEmpty();
    }

    @Test
    void whenARequestAdvancesThenOnlyFromTheExpectedStateAndWithItsVerifierAndCode() {
        DeviceRequest created = request("device-sig-1", "user-sig-1");
        devices.create(created);

        assertThat(devices.advance(created.verified("verifier-sig-1"), DeviceState.PENDING)).isTrue();
        assertThat(devices.advance(created.verified("verifier-sig-2"), DeviceState.PENDING)).as("twice").isFalse();
        DeviceRequest verified = devices.byVerifier("verifier-sig-1").orElseThrow();
        assertThat(verified.state()).isEqualTo(DeviceState.VERIFIED);

        assertThat(devices.advance(verified.approved("code-sig-1"), DeviceState.VERIFIED)).isTrue();
        assertThat(devices.advance(verified.in(DeviceState.DENIED), DeviceState.VERIFIED)).isFalse();
        DeviceRequest approved = devices.byDeviceCode("device-sig-1").orElseThrow();
        assertThat(approved.state()).isEqualTo(DeviceState.APPROVED);
        assertThat(approved.codeSignature()).isEqualTo("code-sig-1");
        assertThat(approved.verifierSignature()).isEqualTo("verifier-sig-1");
    }

    @Test
    void whenTwoRequestsRaceToUseOneDeviceCodeThenExactlyOneWins() throws Exception {
        DeviceRequest created = request("device-sig-1", "user-sig-1");
        devices.create(created);
        devices.advance(created.approved("code-sig-1"), DeviceState.PENDING);
        DeviceRequest approved = devices.byDeviceCode("device-sig-1").orElseThrow();

        List<Boolean> won = Concurrently.run(8, i -> devices.advance(approved.in(DeviceState.USED),
                DeviceState.APPROVED));

        assertThat(won).containsOnlyOnce(true);
    }

    @Test
    void whenAPollIsRecordedThenItsTimeAndIntervalAreKeptAndNothingElseChanges() {
        devices.create(request("device-sig-1", "user-sig-1"));

        devices.recordPoll("device-sig-1", NOW.plusSeconds(3), 10);
        devices.recordPoll("device-sig-unknown", NOW, 10);

        DeviceRequest polled = devices.byDeviceCode("device-sig-1").orElseThrow();
        assertThat(polled.lastPolledAt()).isEqualTo(NOW.plusSeconds(3));
        assertThat(polled.intervalSeconds()).isEqualTo(10);
        assertThat(polled.state()).isEqualTo(DeviceState.PENDING);
        assertThat(devices.byDeviceCode("device-sig-unknown")).isEmpty();
    }

    @Test
    void whenWrongCodesAreRecordedThenTheyAreCountedPerChallengeAndPerSourceWithinTheWindow() {
        devices.recordFailure("challenge-1", "source-1", NOW.minus(Duration.ofHours(2)));
        devices.recordFailure("challenge-1", "source-1", NOW);
        devices.recordFailure("challenge-2", "source-1", NOW);
        devices.recordFailure("challenge-3", "source-2", NOW);

        assertThat(devices.failuresOfChallenge("challenge-1")).isEqualTo(2);
        assertThat(devices.failuresOfChallenge("challenge-4")).isZero();
        assertThat(devices.failuresFrom("source-1", NOW.minus(Duration.ofHours(1)))).isEqualTo(2);
        assertThat(devices.failuresFrom("source-2", NOW.minus(Duration.ofHours(1)))).isEqualTo(1);
    }

    @Test
    void whenExpiredRequestsAreDeletedThenLiveOnesStay() {
        devices.create(request("device-sig-live", "user-sig-live"));
        devices.create(new DeviceRequest("device-sig-old", "user-sig-old", "tv-client", List.of(), List.of(),
                NOW.minus(Duration.ofHours(1)), NOW.minus(Duration.ofMinutes(50)), 5, null, DeviceState.PENDING, null,
                null));
        devices.recordFailure("challenge-1", "source-1", NOW.minus(Duration.ofHours(2)));

        assertThat(devices.deleteExpired(NOW, 100)).isEqualTo(1);

        assertThat(devices.byDeviceCode("device-sig-old")).isEmpty();
        assertThat(devices.byDeviceCode("device-sig-live")).isPresent();
        assertThat(devices.failuresOfChallenge("challenge-1")).isZero();
    }
}
