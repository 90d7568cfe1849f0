package org.openauthz.authz.persistence;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openauthz.authz.oauth2.par.PushedRequest;
import org.openauthz.authz.oauth2.par.PushedRequestStore;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link PushedRequestStore} must do: a pushed request is used once, only by its client, only before it
 * expires (<a href="https://www.rfc-editor.org/rfc/rfc9126#section-4">RFC 9126 §4</a>). Run by
 * {@code InMemoryPushedRequestStoreTest} and, on a real PostgreSQL, {@code JdbiPushedRequestStoreIT}.
 */
abstract class PushedRequestStoreContract {
    private static final Map<String, List<String>> PARAMETERS = Map.of("response_type", List.of("code"),
            "audience", List.of("https://api.example/a", "https://api.example/b"));
    PushedRequestStore store;

    protected abstract PushedRequestStore newStore();

    @BeforeEach
    void freshStore() {
        store = newStore();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private static PushedRequest request(String signature, String client, Instant expiresAt) {
        return new PushedRequest(signature, client, PARAMETERS, expiresAt);
    }

    @Test
    void whenASavedRequestIsConsumedThenItsParametersComeBackOnce() {
        store.save(request("sig-1", "client-a", now().plusSeconds(60)));

        assertThat(store.consume("sig-1", "client-a", now())).get()
                .satisfies(r -> assertThat(r.parameters()).isEqualTo(PARAMETERS))
                .satisfies(r -> assertThat(r.clientId()).isEqualTo("client-a"));
        assertThat(store.consume("sig-1", "client-a", now())).isEmpty();
    }

    @Test
    void whenAnotherClientConsumesThenNothingComesBackAndTheOwnerCanStillUseIt() {
        store.save(request("sig-1", "client-a", now().plusSeconds(60)));

        assertThat(store.consume("sig-1", "client-b", now())).isEmpty();
        assertThat(store.consume("sig-1", "client-a", now())).isPresent();
    }

    @Test
    void whenTheRequestHasExpiredThenNothingComesBack() {
        store.save(request("sig-1", "client-a", now().minusSeconds(1)));

        assertThat(store.consume("sig-1", "client-a", now())).isEmpty();
    }

    @Test
    void whenTheSignatureIsUnknownThenNothingComesBack() {
        assertThat(store.consume("nope", "client-a", now())).isEmpty();
    }

    @Test
    void whenOneRequestIsConsumedConcurrentlyThenExactlyOneConsumerGetsIt() throws Exception {
        store.save(request("sig-1", "client-a", now().plusSeconds(60)));
        assertThat(Race.wins(8, () -> store.consume("sig-1", "client-a", now()).isPresent())).isEqualTo(1);
    }

    @Test
    void whenExpiredRequestsAreDeletedThenEachBatchDeletesAtMostItsLimitAndLiveOnesStay() {
        // The cutoff is a parameter: requests expiring within two hours count as expired for this call.
        store.save(request("soon-1", "client-a", now().plus(Duration.ofHours(1))));
        store.save(request("soon-2", "client-a", now().plus(Duration.ofHours(1))));
        store.save(request("live", "client-a", now().plus(Duration.ofHours(3))));
        Instant before = now().plus(Duration.ofHours(2));

        assertThat(store.deleteExpired(before, 1)).isEqualTo(1);
        assertThat(store.deleteExpired(before, 10)).isEqualTo(1);
        assertThat(store.deleteExpired(before, 10)).isZero();
        assertThat(store.consume("live", "client-a", now())).isPresent();
    }

    @Test
    void whenANewRequestIsSavedThenExpiredOnesAreGone() {
        store.save(request("old", "client-a", now().minusSeconds(5)));
        store.save(request("new", "client-a", now().plusSeconds(60)));

        assertThat(store.deleteExpired(now(), 10)).isZero();
    }
}
