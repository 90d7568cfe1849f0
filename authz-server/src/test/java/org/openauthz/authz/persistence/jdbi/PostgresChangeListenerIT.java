package org.openauthz.authz.persistence.jdbi;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openauthz.authz.client.OAuth2Client;
import org.openauthz.authz.client.StoredClient;
import org.openauthz.authz.jwk.StoredKey;
import org.openauthz.authz.storage.ChangeListener;
import org.openauthz.authz.testing.PostgresFixture;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Change notices on a real PostgreSQL (decision 0008): every write of the client and key stores is announced when it
 * commits and never when it rolls back, and a listener whose session is killed reconnects and tells its caches to
 * start over, because notices sent in between are lost.
 */
class PostgresChangeListenerIT {
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static final String EVERYTHING = "*";

    private static PostgresFixture.Database database;
    private static Jdbi jdbi;

    private final BlockingQueue<String> heard = new LinkedBlockingQueue<>();
    private PostgresChangeListener listener;
    /** The server's write path: the notice is sent in the group-commit unit and heard when its batch commits. */
    private GroupCommitWriter writer;

    @BeforeAll
    static void migrate() {
        database = PostgresFixture.newDatabase().migrated();
        jdbi = database.jdbi();
    }

    @BeforeEach
    void listen() throws InterruptedException {
        writer = GroupCommitWriter.start(jdbi, 2);
        listener = PostgresChangeListener.connectingTo(database.jdbcUrl(), "postgres", "postgres",
                new ReconnectBackoff(Duration.ofMillis(100), Duration.ofMillis(400)));
        listener.subscribe(new ChangeListener() {
            @Override
            public void clientChanged(String clientId) {
                heard.add("client:" + clientId);
            }

            @Override
            public void keySetChanged(String set) {
                heard.add("jwks:" + set);
            }

            @Override
            public void anythingMayHaveChanged() {
                heard.add(EVERYTHING);
            }
        });
        listener.start();
        assertThat(listener.awaitListening(Duration.ofSeconds(10))).isTrue();
        assertThat(next()).as("a new session starts the caches over").isEqualTo(EVERYTHING);
    }

    @AfterEach
    void stop() {
        listener.close();
        writer.close();
    }

    @Test
    void whenAClientIsCreatedUpdatedOrDeletedThenEachCommitIsAnnounced() throws InterruptedException {
        JdbiClientStore clients = new JdbiClientStore(jdbi, writer, io.dropwizard.jackson.Jackson.newObjectMapper()
                .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS));

        long started = System.nanoTime();
        clients.create(client("c1", "hash-1"));
        assertThat(next()).isEqualTo("client:c1");
        System.out.printf("change notice: client create heard %.1f ms after the call%n", sinceMillis(started));
        clients.update(client("c1", "hash-2"));
        assertThat(next()).isEqualTo("client:c1");
        started = System.nanoTime();
        clients.delete("c1");
        assertThat(next()).isEqualTo("client:c1");
        System.out.printf("change notice: client delete heard %.1f ms after the call%n", sinceMillis(started));
        assertThat(clients.update(client("c1", "hash-3"))).as("nothing to update").isFalse();
        assertThat(clients.delete("c1")).as("nothing to delete").isFalse();
        assertNothingHeard();
    }

    @Test
    void whenAKeySetChangesInAnyWayThenEachCommitIsAnnounced() throws InterruptedException {
        JdbiKeyStore keys = new JdbiKeyStore(jdbi, writer);

        keys.add(key("set-a", "k1"));
        assertThat(next()).isEqualTo("jwks:set-a");
        keys.replaceSet("set-a", List.of(key("set-a", "k2"), key("set-a", "k3")));
        assertThat(next()).isEqualTo("jwks:set-a");
        keys.delete("set-a", "k2");
        assertThat(next()).isEqualTo("jwks:set-a");
        keys.deleteSet("set-a");
        assertThat(next()).isEqualTo("jwks:set-a");
        assertThat(keys.deleteSet("set-a")).isFalse();
        assertNothingHeard();
    }

    @Test
    void whenTheChangeRollsBackThenNothingIsAnnounced() throws InterruptedException {
        JdbiKeyStore keys = new JdbiKeyStore(jdbi, writer);
        keys.add(key("set-b", "k1"));
        assertThat(next()).isEqualTo("jwks:set-b");

        assertThatThrownBy(() -> keys.add(key("set-b", "k1"))).as("duplicate kid")
                .isInstanceOf(org.openauthz.authz.storage.DuplicateKeyException.class);
        assertThatThrownBy(() -> jdbi.useTransaction(h -> {
            ChangeNotice.clientChanged(h, "rolled-back");
            throw new IllegalStateException("roll back");
        })).isInstanceOf(IllegalStateException.class);

        assertNothingHeard();
    }

    @Test
    void whenThePayloadIsNotUnderstoodThenEverythingIsDropped() throws InterruptedException {
        jdbi.useHandle(h -> h.createQuery("SELECT pg_notify(:c, 'something-new:42')")
                .bind("c", ChangeNotice.CHANNEL).mapTo(String.class).one());

        assertThat(next()).isEqualTo(EVERYTHING);
    }

    @Test
    void whenTheListeningSessionIsKilledThenItReconnectsStartsOverAndHearsNoticesAgain() throws InterruptedException {
        long killed = System.nanoTime();
        assertThat(terminateListeningSessions()).as("sessions killed").isEqualTo(1);

        assertThat(next()).as("after reconnecting the caches start over").isEqualTo(EVERYTHING);
        System.out.printf("change notice: listener reconnected and cleared the caches %.1f ms after its session "
                + "was killed%n", sinceMillis(killed));
        new JdbiKeyStore(jdbi, writer).add(key("set-c", "k1"));
        assertThat(next()).isEqualTo("jwks:set-c");
    }

    @Test
    void whenClosedThenItsSessionIsGone() throws InterruptedException {
        assertThat(listenerSessions()).isEqualTo(1);

        listener.close();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (listenerSessions() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(listenerSessions()).isZero();
    }

    private int terminateListeningSessions() {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                        + "WHERE application_name = :app AND datname = :db")
                .bind("app", PostgresChangeListener.APPLICATION_NAME).bind("db", database.name())
                .mapTo(Integer.class).one());
    }

    private int listenerSessions() {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM pg_stat_activity "
                        + "WHERE application_name = :app AND datname = :db")
                .bind("app", PostgresChangeListener.APPLICATION_NAME).bind("db", database.name())
                .mapTo(Integer.class).one());
    }

    private String next() throws InterruptedException {
        String event = heard.poll(5, TimeUnit.SECONDS);
        assertThat(event).as("a change notice within 5 s").isNotNull();
        return event;
    }

    private void assertNothingHeard() throws InterruptedException {
        assertThat(heard.poll(300, TimeUnit.MILLISECONDS)).as("no further notice").isNull();
    }

    private static double sinceMillis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }

    private static StoredClient client(String id, String hash) {
        return new StoredClient(new OAuth2Client.Builder().clientId(id).clientName("").owner("")
                .tokenEndpointAuthMethod("client_secret_basic").scope("openid").createdAt(T0).updatedAt(T0).build(),
                hash);
    }

    private static StoredKey key(String set, String kid) {
        return new StoredKey(set, kid, T0, "sealed-" + kid);
    }
}
