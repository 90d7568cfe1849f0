package org.openauthz.authz.storage;

/**
 * Told when a store commits a batch of writes together (the PostgreSQL stores' group commit), e.g. to trace it.
 * {@link #NONE} observes nothing and costs one call returning a constant per batch.
 */
@FunctionalInterface
public interface WriteBatchObserver {
    WriteBatchObserver NONE = size -> Batch.NONE;

    /** A batch of {@code size} writes starts on this thread; the returned batch is closed when it ends. */
    Batch started(int size);

    /** One batch being written; closed on the thread that started it. */
    interface Batch extends AutoCloseable {
        Batch NONE = () -> { };

        @Override
        void close();
    }
}
