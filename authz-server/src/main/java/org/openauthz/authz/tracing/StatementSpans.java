package org.openauthz.authz.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A client span for every JDBI statement, child of whatever span is current on the thread (the HTTP request's, or
 * the group-commit batch's on a writer thread). The span is made once the statement finished, from the start and end
 * JDBI recorded, so nothing is kept between the two calls. It carries the operation and table only: never the SQL's
 * bound values, nor an error's message (PostgreSQL quotes key values in it), only its SQLSTATE.
 */
final class StatementSpans implements SqlLogger {
    /** Statements are a few hundred constant strings; a bound keeps generated ones (IN lists) from growing it. */
    private static final int MAX_CACHED = 1024;

    private final Tracer tracer;
    private final Map<String, SqlSummary> summaries = new ConcurrentHashMap<>();

    StatementSpans(Tracer tracer) {
        this.tracer = tracer;
    }

    @Override
    public void logAfterExecution(StatementContext context) {
        span(context, context.getCompletionMoment()).end(context.getCompletionMoment());
    }

    @Override
    public void logException(StatementContext context, SQLException ex) {
        Span span = span(context, context.getExceptionMoment());
        span.setStatus(StatusCode.ERROR);
        span.setAttribute(TraceAttributes.ERROR_TYPE, ex.getSQLState() == null ? ex.getClass().getName()
                : ex.getSQLState());
        span.end(context.getExceptionMoment());
    }

    private Span span(StatementContext context, Instant end) {
        SqlSummary summary = summary(context.getParsedSql() == null ? context.getRenderedSql()
                : context.getParsedSql().getSql());
        Instant start = context.getExecutionMoment();
        SpanBuilder builder = tracer.spanBuilder(summary.spanName())
                .setSpanKind(SpanKind.CLIENT)
                .setStartTimestamp(start == null ? end : start)
                .setAttribute(TraceAttributes.DB_SYSTEM, "postgresql")
                .setAttribute(TraceAttributes.DB_OPERATION, summary.operation());
        if (summary.table() != null) {
            builder.setAttribute(TraceAttributes.DB_COLLECTION, summary.table());
        }
        return builder.startSpan();
    }

    private SqlSummary summary(String sql) {
        String text = sql == null ? "" : sql;
        SqlSummary cached = summaries.get(text);
        if (cached != null) {
            return cached;
        }
        SqlSummary summary = SqlSummary.of(text);
        if (summaries.size() < MAX_CACHED) {
            summaries.put(text, summary);
        }
        return summary;
    }
}
