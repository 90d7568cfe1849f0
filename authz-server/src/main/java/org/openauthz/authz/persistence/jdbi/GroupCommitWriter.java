package org.openauthz.authz.persistence.jdbi;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementException;
import org.openauthz.authz.oauth2.token.TokenKind;
import org.openauthz.authz.oauth2.token.TokenRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Group commit for token inserts: concurrent requests hand their rows to a few writer threads, each of which drains
 * whatever is waiting into one batched INSERT per table and one COMMIT. Every caller is answered only after the
 * transaction holding its row committed, so a token handed to a client is durable (it survives a crash), while the
 * database does one fsync per batch instead of one per token (docs/performance.md).
 *
 * <p>A batch that fails (a duplicate signature, a client deleted meanwhile) is retried row by row, so one bad row
 * fails only its own request.
 */
final class GroupCommitWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);
    private static final int MAX_BATCH = 256;
    private static final long ENQUEUE_TIMEOUT_MS = 5_000;
    private static final long COMMIT_TIMEOUT_MS = 30_000;

    /** Writes one table's rows in the given transaction. */
    interface BatchInsert {
        void insert(Handle handle, TokenKind kind, List<TokenRecord> rows);
    }

    private record Pending(TokenKind kind, TokenRecord row, CompletableFuture<Void> done) {
    }

    private final Jdbi jdbi;
    private final BatchInsert batchInsert;
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(16_384);
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean running = true;

    GroupCommitWriter(Jdbi jdbi, BatchInsert batchInsert, int writerThreads) {
        this.jdbi = jdbi;
        this.batchInsert = batchInsert;
        for (int i = 0; i < writerThreads; i++) {
            Thread writer = new Thread(this::drain, "token-group-commit-" + i);
            writer.setDaemon(true);
            writer.start();
            writers.add(writer);
        }
    }

    /** Returns once the row is committed; rethrows what the insert threw. */
    void insert(TokenKind kind, TokenRecord row) {
        Pending pending = new Pending(kind, row, new CompletableFuture<>());
        try {
            if (!running || !queue.offer(pending, ENQUEUE_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("token writer is overloaded or stopped");
            }
            pending.done().get(COMMIT_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing a token", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("storing a token timed out", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private void drain() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (running) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("token writer failed", e);
                batch.forEach(p -> p.done().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Pending> batch) {
        try {
            jdbi.useTransaction(h -> {
                Map<TokenKind, List<TokenRecord>> byKind = new EnumMap<>(TokenKind.class);
                for (Pending p : batch) {
                    byKind.computeIfAbsent(p.kind(), k -> new ArrayList<>()).add(p.row());
                }
                byKind.forEach((kind, rows) -> batchInsert.insert(h, kind, rows));
            });
            batch.forEach(p -> p.done().complete(null));
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                Pending only = batch.get(0);
                only.done().completeExceptionally(e instanceof StatementException s ? SqlErrors.translate(s, "token") : e);
                return;
            }
            for (Pending p : batch) {
                write(new ArrayList<>(List.of(p)));
            }
        }
    }

    @Override
    public void close() {
        running = false;
        for (Thread writer : writers) {
            writer.interrupt();
        }
        Pending left;
        while ((left = queue.poll()) != null) {
            left.done().completeExceptionally(new IllegalStateException("server is stopping"));
        }
    }
}
