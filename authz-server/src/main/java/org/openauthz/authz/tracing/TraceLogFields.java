package org.openauthz.authz.tracing;

/**
 * The names under which a request's trace and span ids go into its log lines: the MDC of application log lines
 * (shown under {@code mdc} in JSON logs) and the request attributes the JSON request log prints.
 */
public final class TraceLogFields {
    public static final String TRACE_ID = "trace_id";
    public static final String SPAN_ID = "span_id";

    private TraceLogFields() {
    }
}
