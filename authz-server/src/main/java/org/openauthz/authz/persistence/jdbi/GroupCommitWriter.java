package org.openauthz.authz.persistence.jdbi;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.StatementException;
import org.openauthz.authz.oauth2.token.TokenKind;
import org.openauthz.authz.oauth2.token.TokenRecord;
import org.openauthz.authz.storage.StorageUnavailableException;
import org.openauthz.authz.storage.WriteBatchObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Group commit for every write of the JDBI stores: concurrent requests hand their writes to a few writer threads,
 * each of which drains whatever is waiting into one transaction (token rows as one multi-row INSERT per table, then
 * the waiting {@linkplain #statement single statements} as one JDBC batch per SQL text, then every other unit of
 * work in arrival order) and one COMMIT. Every caller is answered only after the transaction
 * holding its write committed, so whatever a client is told is durable (it survives a crash), while the database
 * does one commit per batch instead of one per write (docs/performance.md, decision 0006).
 *
 * <p>A batch that fails (a duplicate key, a client deleted meanwhile, a deadlock with another writer) is rolled back
 * and retried unit by unit, each in its own transaction, so one bad write fails only its own request. Units
 * therefore must touch nothing but the database through their handle: they may run twice. Units in one batch run
 * one after the other in the same transaction, so conditional updates ({@code WHERE state = ...}) keep their
 * exactly-once meaning within a batch too. The writes of one batch come from callers that are each still waiting
 * for their own, so none of them depends on another's: the writer may order them as it likes.
 *
 * <p>Why single statements are batched: under load on a small machine the writers spend most of their time waiting
 * for PostgreSQL's answers, one round trip per statement, each needing both processes scheduled. A JDBC batch of
 * one prepared statement goes out as one round trip however many rows it binds, and still reports each row's
 * update count (docs/performance.md).
 *
 * <p>With zero writer threads every write runs in its own transaction on the caller's thread (the CLI's janitor).
 */
public final class GroupCommitWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);
    private static final int MAX_BATCH = 256;
    /** A full queue means the database is slower than the load: answer 503 soon rather than queue for long. */
    private static final long ENQUEUE_TIMEOUT_MS = 1_000;
    /** Above the pool's wait plus the driver's socket timeout, so a commit is never abandoned while it can land. */
    private static final long COMMIT_TIMEOUT_MS = 20_000;
    /** How long {@link #close()} lets the writers commit what is queued before failing the rest. */
    private static final long CLOSE_TIMEOUT_MS = 10_000;

    /** Database work that runs inside a (possibly shared) transaction. */
    @FunctionalInterface
    public interface Unit<T> {
        T run(Handle handle);
    }

    /** Writes token rows of one table in the given transaction. */
    interface BatchInsert {
        void insert(Handle handle, TokenKind kind, List<TokenRecord> rows);
    }

    /**
     * One statement of a write, given as its SQL text (named parameters), how to bind its values and how to read
     * its update count; statements of the same text from different callers share one JDBC batch. The pool lets the
     * driver rewrite a batch of plain {@code INSERT ... VALUES} into one multi-row insert, whose rows then report
     * {@link java.sql.Statement#SUCCESS_NO_INFO} instead of a count: only a statement of another shape (an
     * {@code UPDATE}, a {@code WITH ...}) may decide anything from its count.
     */
    record Statement<T>(String sql, Consumer<PreparedBatch> binding, IntFunction<T> result) {
    }

    /** One waiting write: a token row ({@code kind} set), a single statement or a unit of work. */
    private record Pending(TokenKind kind, TokenRecord row, Statement<?> statement, Unit<?> unit,
                           CompletableFuture<Object> done) {
    }

    private final Jdbi jdbi;
    private final BatchInsert batchInsert;
    private final WriteBatchObserver observer;
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(16_384);
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean running = true;

    /** Writers for the token tables of {@link JdbiTokenStore}; {@code writerThreads} 0 writes inline. */
    public static GroupCommitWriter start(Jdbi jdbi, int writerThreads) {
        return start(jdbi, writerThreads, WriteBatchObserver.NONE);
    }

    /** As {@link #start(Jdbi, int)}, telling {@code observer} about every batch (tracing). */
    public static GroupCommitWriter start(Jdbi jdbi, int writerThreads, WriteBatchObserver observer) {
        return new GroupCommitWriter(jdbi, JdbiTokenStore::insertAll, writerThreads, observer);
    }

    GroupCommitWriter(Jdbi jdbi, BatchInsert batchInsert, int writerThreads) {
        this(jdbi, batchInsert, writerThreads, WriteBatchObserver.NONE);
    }

    private GroupCommitWriter(Jdbi jdbi, BatchInsert batchInsert, int writerThreads, WriteBatchObserver observer) {
        this.jdbi = jdbi;
        this.batchInsert = batchInsert;
        this.observer = observer;
        for (int i = 0; i < writerThreads; i++) {
            Thread writer = new Thread(this::drain, "group-commit-" + i);
            writer.setDaemon(true);
            writer.start();
            writers.add(writer);
        }
    }

    /** Stores a token row; returns once it is committed; rethrows what the insert threw. */
    void insert(TokenKind kind, TokenRecord row) {
        if (writers.isEmpty()) {
            jdbi.useHandle(h -> batchInsert.insert(h, kind, List.of(row)));
            return;
        }
        await(new Pending(kind, row, null, null, new CompletableFuture<>()));
    }

    /**
     * As {@link #run(Unit)}, with a failed statement translated for the caller ({@link SqlErrors#translate}: a
     * duplicate key of {@code what}, such as "flow" or "key k1", becomes a {@code DuplicateKeyException}).
     */
    <T> T run(String what, Unit<T> unit) {
        try {
            return run(unit);
        } catch (StatementException e) {
            throw SqlErrors.translate(e, what);
        }
    }

    /**
     * Runs one statement in a committed transaction, batched with the waiting statements of the same SQL text, and
     * returns what {@code statement} makes of its update count; a failed statement is translated as by
     * {@link #run(String, Unit)}.
     */
    @SuppressWarnings("unchecked")
    <T> T statement(String what, Statement<T> statement) {
        try {
            if (writers.isEmpty()) {
                return jdbi.inTransaction(h -> statement.result().apply(executeBatch(h, List.of(statement))[0]));
            }
            return (T) await(new Pending(null, null, statement, null, new CompletableFuture<>()));
        } catch (StatementException e) {
            throw SqlErrors.translate(e, what);
        }
    }

    /** Runs the unit in a committed transaction and returns its result; rethrows what it threw. */
    @SuppressWarnings("unchecked")
    <T> T run(Unit<T> unit) {
        if (writers.isEmpty()) {
            return jdbi.inTransaction(unit::run);
        }
        return (T) await(new Pending(null, null, null, unit, new CompletableFuture<>()));
    }

    private Object await(Pending pending) {
        try (WriteBatchObserver.Batch waiting = observer.waiting()) {
            if (!running) {
                throw new StorageUnavailableException("the server is stopping");
            }
            if (!queue.offer(pending, ENQUEUE_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                throw new StorageUnavailableException("the database writer queue is full");
            }
            return pending.done().get(COMMIT_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageUnavailableException("interrupted while writing to the database", e);
        } catch (TimeoutException e) {
            // The commit may still land later; the caller is told nothing was promised.
            throw new StorageUnavailableException("writing to the database timed out", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private void drain() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        // After close() the writers keep going until the queue is empty, so that queued writes are committed.
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                try (WriteBatchObserver.Batch observed = observer.started(batch.size())) {
                    write(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("database writer failed", e);
                batch.forEach(p -> p.done().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Pending> batch) {
        Object[] results = new Object[batch.size()];
        try {
            jdbi.useTransaction(h -> {
                Map<TokenKind, List<TokenRecord>> rowsByKind = new EnumMap<>(TokenKind.class);
                for (Pending p : batch) {
                    if (p.kind() != null) {
                        rowsByKind.computeIfAbsent(p.kind(), k -> new ArrayList<>()).add(p.row());
                    }
                }
                rowsByKind.forEach((kind, rows) -> batchInsert.insert(h, kind, rows));
                Map<String, List<Integer>> statementsBySql = new LinkedHashMap<>();
                for (int i = 0; i < batch.size(); i++) {
                    if (batch.get(i).statement() != null) {
                        statementsBySql.computeIfAbsent(batch.get(i).statement().sql(), k -> new ArrayList<>()).add(i);
                    }
                }
                for (List<Integer> positions : statementsBySql.values()) {
                    List<Statement<?>> statements = new ArrayList<>(positions.size());
                    positions.forEach(i -> statements.add(batch.get(i).statement()));
                    int[] counts = executeBatch(h, statements);
                    for (int k = 0; k < positions.size(); k++) {
                        results[positions.get(k)] = statements.get(k).result().apply(counts[k]);
                    }
                }
                for (int i = 0; i < batch.size(); i++) {
                    if (batch.get(i).unit() != null) {
                        results[i] = batch.get(i).unit().run(h);
                    }
                }
            });
        } catch (RuntimeException e) {
            if (StorageUnavailableException.isCause(e)) {
                // The database is down or timed out: retrying unit by unit would only fail each again, one
                // connection timeout at a time. The transaction did not commit (or its outcome is unknown, when
                // the connection broke during COMMIT), so no caller is told its write is durable.
                StorageUnavailableException unavailable = new StorageUnavailableException(
                        "the database is unavailable", e);
                batch.forEach(p -> p.done().completeExceptionally(unavailable));
                return;
            }
            if (batch.size() == 1) {
                Pending only = batch.get(0);
                only.done().completeExceptionally(only.kind() != null && e instanceof StatementException s
                        ? SqlErrors.translate(s, "token") : e);
                return;
            }
            for (Pending p : batch) {
                write(new ArrayList<>(List.of(p)));
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).done().complete(results[i]);
        }
    }

    /** Statements of one SQL text as one JDBC batch: one round trip; their update counts in the same order. */
    private static int[] executeBatch(Handle h, List<Statement<?>> statements) {
        PreparedBatch batch = h.prepareBatch(statements.get(0).sql());
        for (Statement<?> statement : statements) {
            statement.binding().accept(batch);
            batch.add();
        }
        return batch.execute();
    }

    /**
     * Stops taking writes, lets the writers commit what is already queued (up to {@link #CLOSE_TIMEOUT_MS}), then
     * fails whatever is left. Called on a graceful stop after the HTTP connectors finished their requests.
     */
    @Override
    public void close() {
        running = false;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_TIMEOUT_MS);
        for (Thread writer : writers) {
            try {
                writer.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (Thread writer : writers) {
            if (writer.isAlive()) {
                LOG.warn("database writer {} did not finish within {} ms", writer.getName(), CLOSE_TIMEOUT_MS);
                writer.interrupt();
            }
        }
        Pending left;
        while ((left = queue.poll()) != null) {
            left.done().completeExceptionally(new StorageUnavailableException("the server is stopping"));
        }
    }
}
