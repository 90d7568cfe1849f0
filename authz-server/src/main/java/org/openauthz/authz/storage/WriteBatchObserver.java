package org.openauthz.authz.storage;

/**
 * Told when a store commits a batch of writes together (the PostgreSQL stores' group commit), and while a request
 * waits for its write to be committed in one, e.g. to trace both. {@link #NONE} observes nothing and costs one call
 * returning a constant per batch and per write.
 */
public interface WriteBatchObserver {
    WriteBatchObserver NONE = new WriteBatchObserver() {
        @Override
        public Batch started(int size) {
            return Batch.NONE;
        }

        @Override
        public Batch waiting() {
            return Batch.NONE;
        }
    };

    /** A batch of {@code size} writes starts on this thread; the returned batch is closed when it ends. */
    Batch started(int size);

    /** This thread hands a write to a batch and waits until it is committed; closed when the wait ends. */
    Batch waiting();

    /** One batch being written, or one wait for it; closed on the thread that started it. */
    interface Batch extends AutoCloseable {
        Batch NONE = () -> { };

        @Override
        void close();
    }
}
