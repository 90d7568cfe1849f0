package org.openauthz.authz.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.openauthz.authz.storage.WriteBatchObserver;

/**
 * A span for every group-commit batch (one transaction holding the writes of many requests), current on the writer
 * thread while the batch is written so that its statements are its children, its size an attribute; and in the
 * request's trace a span for the time the request waits for its write to be committed by such a batch.
 */
final class WriteBatchSpans implements WriteBatchObserver {
    static final String SPAN_NAME = "group-commit";
    static final String WAIT_SPAN_NAME = "group-commit wait";

    private final Tracer tracer;

    WriteBatchSpans(Tracer tracer) {
        this.tracer = tracer;
    }

    @Override
    public Batch started(int size) {
        // The writer thread never has a request's context; each batch is a trace of its own.
        Span span = tracer.spanBuilder(SPAN_NAME).setParent(Context.root())
                .setAttribute(TraceAttributes.DB_SYSTEM, "postgresql")
                .setAttribute(TraceAttributes.DB_BATCH_SIZE, (long) size)
                .startSpan();
        Scope scope = span.makeCurrent();
        return () -> {
            scope.close();
            span.end();
        };
    }

    @Override
    public Batch waiting() {
        Span span = tracer.spanBuilder(WAIT_SPAN_NAME).startSpan();
        return span::end;
    }
}
