package org.openauthz.authz.persistence;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openauthz.authz.client.ClientStore;
import org.openauthz.authz.consent.LogoutRequest;
import org.openauthz.authz.consent.LogoutRequestStore;
import org.openauthz.authz.storage.DuplicateKeyException;
import org.openauthz.authz.testing.Concurrently;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openauthz.authz.persistence.ClientStoreContract.client;

/**
 * What every {@link LogoutRequestStore} must do: keep the end-session endpoint's logout requests, let each be
 * accepted or rejected once, and its verifier be used once, only after acceptance (as Hydra v1.10). Run by
 * {@code InMemoryLogoutRequestStoreTest} and, on a real PostgreSQL, {@code JdbiLogoutRequestStoreIT}.
 */
abstract class LogoutRequestStoreContract {
    static final Instant REQUESTED = Instant.parse("2026-03-01T12:00:00Z");

    record LogoutStores(ClientStore clients, LogoutRequestStore requests) {
    }

    ClientStore clients;
    LogoutRequestStore requests;

    protected abstract LogoutStores newStores();

    @BeforeEach
    void freshStores() {
        LogoutStores stores = newStores();
        clients = stores.clients();
        requests = stores.requests();
        clients.create(client("app"));
    }

    static LogoutRequest browserInitiated(String id) {
        return LogoutRequest.start(id + "-c", id + "-v", "alice", "sid-" + id, null,
                "https://issuer/oauth2/sessions/logout", "https://issuer/oauth2/fallbacks/logout/callback", false,
                REQUESTED);
    }

    static LogoutRequest rpInitiated(String id) {
        return LogoutRequest.start(id + "-c", id + "-v", "alice", "sid-" + id, "app",
                "https://issuer/oauth2/sessions/logout?id_token_hint=x", "https://app/logged-out?state=s", true,
                REQUESTED);
    }

    @Test
    void whenCreatedThenFoundByChallengeWithEveryField() {
        LogoutRequest browser = browserInitiated("a");
        LogoutRequest rp = rpInitiated("b");

        requests.create(browser);
        requests.create(rp);

        assertThat(requests.byChallenge("a-c")).contains(browser);
        assertThat(requests.byChallenge("b-c")).contains(rp);
        assertThat(requests.byChallenge("unknown")).isEmpty();
    }

    @Test
    void whenChallengeOrVerifierExistsThenCreateFails() {
        requests.create(browserInitiated("a"));
        LogoutRequest sameVerifier = LogoutRequest.start("other-c", "a-v", "bob", "s", null, "u", "r", false,
                REQUESTED);

        assertThatThrownBy(() -> requests.create(browserInitiated("a"))).isInstanceOf(DuplicateKeyException.class);
        assertThatThrownBy(() -> requests.create(sameVerifier)).isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void whenAcceptedThenOnlyOnceAndNotRejectedAfterwards() {
        requests.create(browserInitiated("a"));

        assertThat(requests.accept("a-c")).isTrue();
        assertThat(requests.accept("a-c")).isFalse();
        assertThat(requests.reject("a-c")).isFalse();

        LogoutRequest stored = requests.byChallenge("a-c").orElseThrow();
        assertThat(stored.accepted()).isTrue();
        assertThat(stored.rejected()).isFalse();
        assertThat(stored.wasUsed()).isFalse();
    }

    @Test
    void whenRejectedThenNeitherAcceptedNorItsVerifierUsable() {
        requests.create(browserInitiated("a"));

        assertThat(requests.reject("a-c")).isTrue();

        assertThat(requests.accept("a-c")).isFalse();
        assertThat(requests.reject("a-c")).isFalse();
        assertThat(requests.useVerifier("a-v")).isEmpty();
        assertThat(requests.byChallenge("a-c").orElseThrow().rejected()).isTrue();
    }

    @Test
    void whenUnknownThenNothingIsAnsweredOrUsed() {
        assertThat(requests.accept("nope")).isFalse();
        assertThat(requests.reject("nope")).isFalse();
        assertThat(requests.useVerifier("nope")).isEmpty();
    }

    @Test
    void whenNotAcceptedThenTheVerifierCannotBeUsed() {
        requests.create(browserInitiated("a"));

        assertThat(requests.useVerifier("a-v")).isEmpty();
        assertThat(requests.byChallenge("a-c").orElseThrow().wasUsed()).isFalse();
    }

    @Test
    void whenAcceptedThenTheVerifierWorksExactlyOnce() {
        LogoutRequest rp = rpInitiated("b");
        requests.create(rp);
        requests.accept("b-c");

        Optional<LogoutRequest> used = requests.useVerifier("b-v");

        assertThat(used).isPresent();
        assertThat(used.get().wasUsed()).isTrue();
        assertThat(used.get().accepted()).isTrue();
        assertThat(used.get().redirectUrl()).isEqualTo(rp.redirectUrl());
        assertThat(used.get().clientId()).isEqualTo("app");
        assertThat(requests.useVerifier("b-v")).isEmpty();
        assertThat(requests.byChallenge("b-c").orElseThrow().wasUsed()).isTrue();
    }

    @Test
    void whenTheVerifierIsUsedConcurrentlyThenExactlyOneWins() throws Exception {
        requests.create(browserInitiated("a"));
        requests.accept("a-c");

        List<Optional<LogoutRequest>> results = Concurrently.run(8, i -> requests.useVerifier("a-v"));

        assertThat(results.stream().filter(Optional::isPresent)).hasSize(1);
    }

    @Test
    void whenTheClientIsDeletedThenItsLogoutRequestsGoToo() {
        requests.create(rpInitiated("b"));
        requests.create(browserInitiated("a"));

        assertThat(clients.delete("app")).isTrue();

        assertThat(requests.byChallenge("b-c")).isEmpty();
        assertThat(requests.byChallenge("a-c")).isPresent();
    }

    static LogoutRequest requestedAt(String id, Instant requestedAt) {
        return LogoutRequest.start(id + "-c", id + "-v", "alice", "sid-" + id, null,
                "https://issuer/oauth2/sessions/logout", "https://issuer/oauth2/fallbacks/logout/callback", false,
                requestedAt);
    }

    @Test
    void whenDeletingExpiredThenEveryRequestRequestedBeforeTheCutoffGoesWhateverItsState() {
        Instant cutoff = REQUESTED.plus(Duration.ofHours(1));
        for (String id : List.of("open", "accepted", "rejected", "used")) {
            requests.create(requestedAt(id, REQUESTED));
        }
        requests.accept("accepted-c");
        requests.reject("rejected-c");
        requests.accept("used-c");
        requests.useVerifier("used-v");
        requests.create(requestedAt("at-cutoff", cutoff));
        requests.create(requestedAt("recent", cutoff.plusSeconds(60)));

        assertThat(requests.deleteExpired(cutoff, 100)).isEqualTo(4);

        for (String id : List.of("open", "accepted", "rejected", "used")) {
            assertThat(requests.byChallenge(id + "-c")).as(id).isEmpty();
        }
        assertThat(requests.byChallenge("at-cutoff-c")).isPresent();
        assertThat(requests.byChallenge("recent-c")).isPresent();
        assertThat(requests.deleteExpired(cutoff, 100)).isZero();
    }

    @Test
    void whenDeletingExpiredInBatchesThenEachDeletesAtMostTheBatchSizeOldestFirst() {
        for (int i = 0; i < 5; i++) {
            requests.create(requestedAt("old-" + i, REQUESTED.plusSeconds(i)));
        }
        requests.create(requestedAt("recent", REQUESTED.plus(Duration.ofDays(1))));
        Instant cutoff = REQUESTED.plus(Duration.ofHours(1));

        assertThat(requests.deleteExpired(cutoff, 2)).isEqualTo(2);
        assertThat(requests.byChallenge("old-0-c")).isEmpty();
        assertThat(requests.byChallenge("old-1-c")).isEmpty();
        assertThat(requests.byChallenge("old-2-c")).isPresent();
        assertThat(requests.deleteExpired(cutoff, 2)).isEqualTo(2);
        assertThat(requests.deleteExpired(cutoff, 2)).isEqualTo(1);
        assertThat(requests.deleteExpired(cutoff, 2)).isZero();
        assertThat(requests.byChallenge("recent-c")).isPresent();
    }
}
