package org.openauthz.authz.client;

import org.junit.jupiter.api.Test;
import org.openauthz.authz.consent.MutableClock;
import org.openauthz.authz.persistence.memory.InMemoryClientStore;
import org.openauthz.authz.persistence.memory.InMemoryDatabase;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which secret authenticates a client (decision 0021): after a rotation the new one, and the previous one until the
 * overlap ends; nothing once {@code client_secret_expires_at} has passed.
 */
class ClientSecretCheckTest {
    private static final Instant T0 = Instant.parse("2026-05-01T09:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryClientStore store = new InMemoryClientStore(new InMemoryDatabase());
    private final SecretHasher hasher = new SecretHasher(1000, new SecureRandom());
    private final ClientService service = new ClientService(store, new ClientValidator(List.of("public"), "openid",
            List.of("client_credentials")), new ImplicitAccessTokenPolicy(false), hasher,
            new SecretGenerator(new SecureRandom()), io.dropwizard.jackson.Jackson.newObjectMapper(), clock);
    private final ClientSecretCheck check = new ClientSecretCheck(new SecretVerifier(hasher, new SecureRandom()),
            clock);

    private ClientSecretCheck.Outcome check(String id, String secret) {
        return check.check(store.find(id).orElseThrow(), secret);
    }

    private void create(String id, String secret, long expiresAt) {
        service.create(new OAuth2Client.Builder().clientId(id).clientSecret(secret).clientSecretExpiresAt(expiresAt)
                .grantTypes(List.of("client_credentials")).tokenEndpointAuthMethod("client_secret_basic").build());
    }

    @Test
    void whenRotatedWithOverlapThenBothWorkUntilItEndsAndOnlyTheNewAfter() {
        create("c", "old-secret", 0);

        String fresh = service.rotateSecret("c", Duration.ofHours(2), 0).clientSecret();

        assertThat(check("c", fresh)).isEqualTo(ClientSecretCheck.Outcome.CURRENT);
        assertThat(check("c", "old-secret")).isEqualTo(ClientSecretCheck.Outcome.PREVIOUS);
        clock.advance(Duration.ofHours(2).minusSeconds(1));
        assertThat(check("c", "old-secret")).isEqualTo(ClientSecretCheck.Outcome.PREVIOUS);
        clock.advance(Duration.ofSeconds(1));
        assertThat(check("c", "old-secret")).isEqualTo(ClientSecretCheck.Outcome.MISMATCH);
        assertThat(check("c", fresh)).isEqualTo(ClientSecretCheck.Outcome.CURRENT);
    }

    @Test
    void whenAnUpdateKeepsTheSecretThenTheOverlapGoesOnAndWhenItSetsOneThenThePreviousStopsAtOnce() {
        create("c", "old-secret", 0);
        String fresh = service.rotateSecret("c", Duration.ofHours(2), 0).clientSecret();
        OAuth2Client renamed = store.find("c").orElseThrow().client().toBuilder().clientName("renamed").build();

        service.update("c", renamed);
        assertThat(check("c", "old-secret")).isEqualTo(ClientSecretCheck.Outcome.PREVIOUS);

        service.update("c", renamed.toBuilder().clientSecret("chosen-secret").build());
        assertThat(check("c", "old-secret")).isEqualTo(ClientSecretCheck.Outcome.MISMATCH);
        assertThat(check("c", fresh)).isEqualTo(ClientSecretCheck.Outcome.MISMATCH);
        assertThat(check("c", "chosen-secret")).isEqualTo(ClientSecretCheck.Outcome.CURRENT);
    }

    @Test
    void whenASelfRegisteredClientsSecretIsRotatedThenItsRegistrationTokenHashIsKept() {
        service.create(new OAuth2Client.Builder().clientId("self").grantTypes(List.of("client_credentials"))
                .tokenEndpointAuthMethod("client_secret_basic").build(), "token-hash", () -> { });

        service.rotateSecret("self", Duration.ofHours(2), 0);

        assertThat(store.find("self").orElseThrow().registrationTokenHash()).isEqualTo("token-hash");
    }

    @Test
    void whenRotatedTwiceThenTheFirstSecretStopsAtOnce() {
        create("c", "first-secret", 0);
        String second = service.rotateSecret("c", Duration.ofHours(2), 0).clientSecret();

        String third = service.rotateSecret("c", Duration.ofHours(2), 0).clientSecret();

        assertThat(check("c", "first-secret")).isEqualTo(ClientSecretCheck.Outcome.MISMATCH);
        assertThat(check("c", second)).isEqualTo(ClientSecretCheck.Outcome.PREVIOUS);
        assertThat(check("c", third)).isEqualTo(ClientSecretCheck.Outcome.CURRENT);
    }

    @Test
    void whenTheSecretExpiresThenItIsRefusedEvenIfRight() {
        create("c", "the-secret", T0.plusSeconds(60).getEpochSecond());
        assertThat(check("c", "the-secret")).isEqualTo(ClientSecretCheck.Outcome.CURRENT);

        clock.advance(Duration.ofSeconds(60));

        assertThat(check("c", "the-secret")).isEqualTo(ClientSecretCheck.Outcome.EXPIRED);
    }

    @Test
    void whenTheOldSecretExpiresDuringTheOverlapThenItStopsAtItsOwnExpiry() {
        create("c", "old-secret", T0.plusSeconds(600).getEpochSecond());

        service.rotateSecret("c", Duration.ofHours(24), 0);

        assertThat(store.find("c").orElseThrow().previousSecretExpiresAt()).isEqualTo(T0.plusSeconds(600));
        assertThat(store.find("c").orElseThrow().client().clientSecretExpiresAt()).isZero();
    }
}
