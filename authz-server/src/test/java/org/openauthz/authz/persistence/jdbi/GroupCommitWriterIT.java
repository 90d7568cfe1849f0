package org.openauthz.authz.persistence.jdbi;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.db.ManagedDataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openauthz.authz.storage.DuplicateKeyException;
import org.openauthz.authz.storage.StorageUnavailableException;
import org.openauthz.authz.testing.Concurrently;
import org.openauthz.authz.testing.FaultyTcpProxy;
import org.openauthz.authz.testing.PostgresFixture;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The group commit's promises on a real PostgreSQL: a caller is answered after its write committed, units that share
 * a batch see each other in order, statements batched by shape each get their own update count, and a failing unit
 * or statement fails only its own caller.
 */
class GroupCommitWriterIT {
    private static Jdbi jdbi;
    private GroupCommitWriter writer;

    @BeforeAll
    static void database() {
        jdbi = PostgresFixture.newDatabase().jdbi();
        jdbi.useHandle(h -> h.execute("CREATE TABLE counter (id text PRIMARY KEY, n int NOT NULL)"));
    }

    @BeforeEach
    void writer() {
        jdbi.useHandle(h -> h.execute("TRUNCATE counter"));
        writer = GroupCommitWriter.start(jdbi, 2);
    }

    @AfterEach
    void stop() {
        writer.close();
    }

    @Test
    void whenAUnitReturnsThenItsWriteIsCommittedAndVisibleToOtherConnections() {
        int inserted = writer.run(h -> h.createUpdate("INSERT INTO counter VALUES ('a', 1)").execute());

        assertThat(inserted).isEqualTo(1);
        int stored = jdbi.withHandle(h -> h.createQuery("SELECT n FROM counter WHERE id = 'a'").mapTo(Integer.class)
                .one());
        assertThat(stored).isEqualTo(1);
    }

    @Test
    void whenManyConditionalUpdatesRaceThenEachExpectedValueIsTakenExactlyOnce() throws Exception {
        // What makes verifiers single-use: UPDATE ... WHERE state = expected, whether or not two of them share a batch.
        writer.run(h -> h.createUpdate("INSERT INTO counter VALUES ('a', 0)").execute());
        int callers = 32;
        List<Boolean> outcomes = Concurrently.run(callers, i -> writer.run(h -> h.createUpdate(
                "UPDATE counter SET n = 1 WHERE id = 'a' AND n = 0").execute() == 1));

        assertThat(outcomes).containsOnlyOnce(true).hasSize(callers);
    }

    @Test
    void whenOneUnitOfABatchFailsThenOnlyItsCallerFailsAndTheOthersAreCommitted() throws Exception {
        writer.run(h -> h.createUpdate("INSERT INTO counter VALUES ('taken', 0)").execute());
        int callers = 32;
        List<Boolean> outcomes = Concurrently.run(callers, i -> {
            String id = i == 7 ? "taken" : "id-" + i;
            try {
                writer.run(h -> h.createUpdate("INSERT INTO counter VALUES (:id, 1)").bind("id", id).execute());
                return true;
            } catch (RuntimeException duplicate) {
                return false;
            }
        });

        assertThat(outcomes).containsOnlyOnce(false);
        int committed = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM counter WHERE n = 1")
                .mapTo(Integer.class).one());
        assertThat(committed).isEqualTo(callers - 1);
    }

    @Test
    void whenConditionalStatementsOfOneShapeRaceThenEachGetsItsOwnUpdateCountAndOneWins() throws Exception {
        // Statements of one SQL text share a JDBC batch; each caller still learns whether its own row matched.
        writer.run(h -> h.createUpdate("INSERT INTO counter VALUES ('a', 0)").execute());
        int callers = 32;
        List<Boolean> outcomes = Concurrently.run(callers, i -> writer.statement("counter",
                new GroupCommitWriter.Statement<>("UPDATE counter SET n = :n WHERE id = 'a' AND n = 0",
                        batch -> batch.bind("n", i + 1), count -> count == 1)));

        assertThat(outcomes).containsOnlyOnce(true).hasSize(callers);
        int winner = outcomes.indexOf(true);
        int stored = jdbi.withHandle(h -> h.createQuery("SELECT n FROM counter WHERE id = 'a'").mapTo(Integer.class)
                .one());
        assertThat(stored).isEqualTo(winner + 1);
    }

    @Test
    void whenOneStatementOfABatchFailsThenOnlyItsCallerFailsWithADuplicateAndTheOthersAreCommitted()
            throws Exception {
        writer.run(h -> h.createUpdate("INSERT INTO counter VALUES ('taken', 0)").execute());
        int callers = 32;
        List<String> outcomes = Concurrently.run(callers, i -> {
            String id = i == 7 ? "taken" : "id-" + i;
            try {
                writer.statement("counter " + id, new GroupCommitWriter.Statement<>(
                        "INSERT INTO counter VALUES (:id, 1)", batch -> batch.bind("id", id), count -> count));
                return "stored";
            } catch (DuplicateKeyException duplicate) {
                return duplicate.getMessage();
            }
        });

        assertThat(outcomes).containsOnlyOnce("counter taken exists").filteredOn("stored"::equals)
                .hasSize(callers - 1);
        int committed = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM counter WHERE n = 1")
                .mapTo(Integer.class).one());
        assertThat(committed).isEqualTo(callers - 1);
    }

    @Test
    void whenAUnitThrowsThenTheCallerGetsItsException() {
        assertThatThrownBy(() -> writer.run(h -> {
            throw new IllegalArgumentException("refused");
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("refused");
    }

    @Test
    void whenStoppedThenWritesAreRefused() {
        writer.close();

        assertThatThrownBy(() -> writer.run(h -> 1)).isInstanceOf(StorageUnavailableException.class);
    }

    @Test
    void whenStoppedThenWritesAlreadyQueuedAreCommittedFirst() throws Exception {
        int callers = 32;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<Integer>> writes = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                String id = "queued-" + i;
                writes.add(pool.submit(() -> writer.run(h -> h.createUpdate("INSERT INTO counter VALUES (:id, "
                        + "(SELECT 1 FROM pg_sleep(0.01)))").bind("id", id).execute())));
            }
            Thread.sleep(20);
            writer.close();
            int answered = 0;
            for (Future<Integer> write : writes) {
                try {
                    write.get();
                    answered++;
                } catch (java.util.concurrent.ExecutionException refused) {
                    assertThat(refused.getCause()).isInstanceOf(StorageUnavailableException.class);
                }
            }
            // Whatever a caller was told is committed; nothing was left half done.
            int stored = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM counter").mapTo(Integer.class).one());
            assertThat(stored).isEqualTo(answered);
            assertThat(answered).isPositive();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void whenTheConnectionBreaksInTheMiddleOfABatchThenEveryCallerFailsAndNoRowIsLeft() throws Exception {
        PostgresFixture.Database database = PostgresFixture.newDatabase();
        database.jdbi().useHandle(h -> h.execute("CREATE TABLE counter (id text PRIMARY KEY, n int NOT NULL)"));
        try (FaultyTcpProxy proxy = database.faultyProxy()) {
            PostgresFixture.Database proxied = database.via(proxy);
            ManagedDataSource dataSource = PostgresPool.dataSource(proxied.jdbcUrl(), "postgres", "postgres", 4,
                    PostgresPool.Timeouts.defaults(), new MetricRegistry());
            Jdbi viaProxy = PostgresPool.jdbi(dataSource);
            GroupCommitWriter broken = new GroupCommitWriter(viaProxy, JdbiTokenStore::insertAll, 1);
            try {
                ExecutorService pool = Executors.newFixedThreadPool(3);
                // The writer is held by a first batch while two units queue, so both land in the next batch: the
                // first writes a row, the second cuts the database off and writes too.
                CountDownLatch gate = new CountDownLatch(1);
                CountDownLatch holding = new CountDownLatch(1);
                Future<Integer> held = pool.submit(() -> broken.run(h -> {
                    holding.countDown();
                    awaitQuietly(gate);
                    return 0;
                }));
                holding.await();
                Future<Integer> first = pool.submit(() -> broken.run(h -> h.createUpdate(
                        "INSERT INTO counter VALUES ('first', 1)").execute()));
                Thread.sleep(100);
                Future<Integer> second = pool.submit(() -> broken.run(h -> {
                    proxy.cut();
                    return h.createUpdate("INSERT INTO counter VALUES ('second', 1)").execute();
                }));
                Thread.sleep(100);
                gate.countDown();
                held.get();

                long t0 = System.nanoTime();
                assertThatThrownBy(first::get).hasCauseInstanceOf(StorageUnavailableException.class);
                assertThatThrownBy(second::get).hasCauseInstanceOf(StorageUnavailableException.class);
                System.out.printf("callers of a broken batch answered in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
                int stored = database.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM counter")
                        .mapTo(Integer.class).one());
                assertThat(stored).isZero();

                proxy.restore();
                int after = broken.run(h -> h.createUpdate("INSERT INTO counter VALUES ('after', 1)").execute());
                assertThat(after).isEqualTo(1);
                pool.shutdownNow();
            } finally {
                broken.close();
                dataSource.stop();
            }
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
