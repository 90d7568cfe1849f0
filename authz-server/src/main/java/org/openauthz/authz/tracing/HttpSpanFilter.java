package org.openauthz.authz.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openauthz.authz.api.metrics.EndpointTemplates;
import org.slf4j.MDC;

import java.io.IOException;
import java.util.Collections;
import java.util.Set;

/**
 * One server span per HTTP request, first in the filter chain of its port, continuing a caller's trace from its
 * W3C {@code traceparent} header (<a href="https://www.w3.org/TR/trace-context/">W3C Trace Context</a>). The span
 * is named and labelled with the route template ({@code POST /oauth2/token}, {@code GET /clients/{param}}) as in
 * OpenTelemetry's HTTP conventions, never with the path, query string, headers or body, which carry tokens, codes
 * and client ids. While the request runs its trace and span ids are in the logging MDC, removed when it ends so
 * the next request on this thread does not inherit them.
 */
final class HttpSpanFilter extends HttpFilter {
    /** The methods OpenTelemetry's HTTP conventions name; any other is reported as {@code _OTHER}. */
    private static final Set<String> KNOWN_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT",
            "OPTIONS", "TRACE", "PATCH");
    private static final TextMapGetter<HttpServletRequest> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(HttpServletRequest request) {
            return Collections.list(request.getHeaderNames());
        }

        @Override
        public String get(HttpServletRequest request, String name) {
            return request == null ? null : request.getHeader(name);
        }
    };

    private final transient Tracer tracer;
    private final transient TextMapPropagator propagator;
    private final transient EndpointTemplates routes;

    HttpSpanFilter(Tracer tracer, TextMapPropagator propagator, EndpointTemplates routes) {
        this.tracer = tracer;
        this.propagator = propagator;
        this.routes = routes;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String method = KNOWN_METHODS.contains(request.getMethod()) ? request.getMethod() : "_OTHER";
        String route = routes.label(request.getRequestURI());
        Context caller = propagator.extract(Context.root(), request, HEADERS);
        Span span = tracer.spanBuilder(method + " " + route)
                .setParent(caller)
                .setSpanKind(SpanKind.SERVER)
                .setAttribute(TraceAttributes.HTTP_METHOD, method)
                .setAttribute(TraceAttributes.HTTP_ROUTE, route)
                .setAttribute(TraceAttributes.URL_SCHEME, request.getScheme())
                .setAttribute(TraceAttributes.SERVER_PORT, (long) request.getLocalPort())
                .startSpan();
        SpanContext ids = span.getSpanContext();
        MDC.put(TraceLogFields.TRACE_ID, ids.getTraceId());
        MDC.put(TraceLogFields.SPAN_ID, ids.getSpanId());
        request.setAttribute(TraceLogFields.TRACE_ID, ids.getTraceId());
        request.setAttribute(TraceLogFields.SPAN_ID, ids.getSpanId());
        boolean failed = true;
        try (Scope ignored = span.makeCurrent()) {
            chain.doFilter(request, response);
            failed = false;
        } catch (IOException | ServletException | RuntimeException | Error e) {
            // The class only: an exception's message may quote a request's values.
            span.setAttribute(TraceAttributes.ERROR_TYPE, e.getClass().getName());
            throw e;
        } finally {
            int status = failed ? 500 : response.getStatus();
            span.setAttribute(TraceAttributes.HTTP_STATUS, (long) status);
            if (status >= 500) {
                span.setStatus(StatusCode.ERROR);
            }
            span.end();
            MDC.remove(TraceLogFields.TRACE_ID);
            MDC.remove(TraceLogFields.SPAN_ID);
        }
    }
}
