package org.openauthz.authz.client;

import org.junit.jupiter.api.Test;
import org.openauthz.authz.consent.MutableClock;
import org.openauthz.authz.persistence.memory.InMemoryClientStore;
import org.openauthz.authz.persistence.memory.InMemoryDatabase;
import org.openauthz.authz.storage.Page;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client cache in front of the store (decision 0008): a change notice from another replica drops the client at
 * once, a lost notice is bounded by the TTL, and a read racing a notice never puts the old row back.
 */
class CachingClientStoreTest {
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static final Duration TTL = Duration.ofSeconds(5);

    private final MutableClock clock = new MutableClock(T0);
    /** What another replica writes to: the same database, behind no cache. */
    private final InMemoryClientStore database = new InMemoryClientStore(new InMemoryDatabase());
    private final CachingClientStore cache = new CachingClientStore(database, TTL, clock);

    @Test
    void whenAnotherReplicaDeletesTheClientThenTheCacheServesItUntilTheNoticeArrives() {
        database.create(client("c1", "hash-1"));
        assertThat(cache.find("c1")).isPresent();
        database.delete("c1");
        assertThat(cache.find("c1")).as("cached").isPresent();

        cache.clientChanged("c1");

        assertThat(cache.find("c1")).isEmpty();
    }

    @Test
    void whenANoticeNamesAnotherClientThenOnlyThatOneIsDropped() {
        database.create(client("c1", "hash-1"));
        database.create(client("c2", "hash-2"));
        cache.find("c1");
        cache.find("c2");
        database.update(client("c1", "hash-1b"));
        database.update(client("c2", "hash-2b"));

        cache.clientChanged("c2");

        assertThat(cache.find("c1").orElseThrow().secretHash()).isEqualTo("hash-1");
        assertThat(cache.find("c2").orElseThrow().secretHash()).isEqualTo("hash-2b");
    }

    @Test
    void whenNoticesMayHaveBeenMissedThenEverythingIsReadAgain() {
        database.create(client("c1", "hash-1"));
        database.create(client("c2", "hash-2"));
        cache.find("c1");
        cache.find("c2");
        database.update(client("c1", "hash-1b"));
        database.delete("c2");

        cache.anythingMayHaveChanged();

        assertThat(cache.find("c1").orElseThrow().secretHash()).isEqualTo("hash-1b");
        assertThat(cache.find("c2")).isEmpty();
    }

    @Test
    void whenANoticeIsLostThenTheEntryExpiresAfterTheTtl() {
        database.create(client("c1", "hash-1"));
        cache.find("c1");
        database.delete("c1");

        clock.advance(TTL.minusMillis(1));
        assertThat(cache.find("c1")).isPresent();
        clock.advance(Duration.ofMillis(1));
        assertThat(cache.find("c1")).isEmpty();
    }

    @Test
    void whenANoticeArrivesWhileTheRowIsBeingReadThenTheRowReadIsNotKept() {
        // The read saw the row before the other replica's commit; the notice of that commit came in before the read
        // returned. Keeping the row would serve the old client for a whole TTL.
        database.create(client("c1", "hash-old"));
        AtomicBoolean raced = new AtomicBoolean();
        CachingClientStore[] cache = new CachingClientStore[1];
        ClientStore readRacingANotice = new ForwardingStore(database) {
            @Override
            public Optional<StoredClient> find(String clientId) {
                Optional<StoredClient> read = super.find(clientId);
                if (raced.compareAndSet(false, true)) {
                    database.update(client("c1", "hash-new"));
                    cache[0].clientChanged("c1");
                }
                return read;
            }
        };
        cache[0] = new CachingClientStore(readRacingANotice, TTL, clock);

        assertThat(cache[0].find("c1").orElseThrow().secretHash()).as("the racing read answers what it read")
                .isEqualTo("hash-old");
        assertThat(cache[0].find("c1").orElseThrow().secretHash()).as("but did not keep it")
                .isEqualTo("hash-new");
    }

    @Test
    void whenARegistrationTokenIsRotatedThroughTheCacheThenTheOldTokenHashIsNotServedAgain() {
        StoredClient registered = new StoredClient(client("c1", "hash-1").client(), "hash-1", "token-1");
        cache.create(registered);
        assertThat(cache.find("c1").orElseThrow().registrationTokenHash()).isEqualTo("token-1");

        assertThat(cache.updateIfRegistrationToken(new StoredClient(registered.client(), "hash-1", "token-2"),
                "token-1")).isTrue();

        assertThat(cache.find("c1").orElseThrow().registrationTokenHash()).isEqualTo("token-2");
    }

    private static StoredClient client(String id, String hash) {
        return new StoredClient(new OAuth2Client.Builder().clientId(id).clientName("").owner("")
                .tokenEndpointAuthMethod("client_secret_basic").scope("openid").createdAt(T0).updatedAt(T0).build(),
                hash);
    }

    /** A store that passes everything on, for overriding one method. */
    private static class ForwardingStore implements ClientStore {
        private final ClientStore delegate;

        ForwardingStore(ClientStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public void create(StoredClient client) {
            delegate.create(client);
        }

        @Override
        public Optional<StoredClient> find(String clientId) {
            return delegate.find(clientId);
        }

        @Override
        public boolean update(StoredClient client) {
            return delegate.update(client);
        }

        @Override
        public boolean delete(String clientId) {
            return delegate.delete(clientId);
        }

        @Override
        public boolean replaceSecretHash(String clientId, String expectedHash, String newHash) {
            return delegate.replaceSecretHash(clientId, expectedHash, newHash);
        }

        @Override
        public boolean updateIfRegistrationToken(StoredClient client, String expectedRegistrationTokenHash) {
            return delegate.updateIfRegistrationToken(client, expectedRegistrationTokenHash);
        }

        @Override
        public Page<StoredClient> list(int limit, int offset, String clientName, String owner) {
            return delegate.list(limit, offset, clientName, owner);
        }
    }
}
