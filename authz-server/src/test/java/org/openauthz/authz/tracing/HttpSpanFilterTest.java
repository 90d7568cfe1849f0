package org.openauthz.authz.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openauthz.authz.api.metrics.EndpointTemplates;
import org.openauthz.authz.api.metrics.HydraRoutes;
import org.slf4j.MDC;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The request's ids are in the MDC while it runs and gone after it, also when it fails. */
class HttpSpanFilterTest {
    private final SdkTracerProvider provider = SdkTracerProvider.builder().build();
    private final HttpSpanFilter filter = new HttpSpanFilter(provider.get("test"),
            W3CTraceContextPropagator.getInstance(), new EndpointTemplates(HydraRoutes.PUBLIC));
    private final Map<String, Object> attributes = new HashMap<>();
    private final HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) ->
                    switch (method.getName()) {
                        case "getMethod" -> "POST";
                        case "getRequestURI" -> "/oauth2/token";
                        case "getScheme" -> "http";
                        case "getLocalPort" -> 4444;
                        case "setAttribute" -> attributes.put((String) args[0], args[1]);
                        default -> null;
                    });
    private final HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) ->
                    "getStatus".equals(method.getName()) ? 200 : null);

    @AfterEach
    void close() {
        provider.close();
    }

    @Test
    void whenARequestRunsThenItsIdsAreInTheMdcAndRequestAttributesAndRemovedAfterIt() throws Exception {
        AtomicReference<String> traceInMdc = new AtomicReference<>();
        AtomicReference<String> spanInMdc = new AtomicReference<>();
        AtomicReference<String> currentTrace = new AtomicReference<>();
        FilterChain endpoint = (req, res) -> {
            traceInMdc.set(MDC.get(TraceLogFields.TRACE_ID));
            spanInMdc.set(MDC.get(TraceLogFields.SPAN_ID));
            currentTrace.set(Span.current().getSpanContext().getTraceId());
        };

        filter.doFilter(request, response, endpoint);

        assertThat(traceInMdc.get()).hasSize(32).isEqualTo(currentTrace.get())
                .isEqualTo(attributes.get(TraceLogFields.TRACE_ID));
        assertThat(spanInMdc.get()).hasSize(16).isEqualTo(attributes.get(TraceLogFields.SPAN_ID));
        assertThat(MDC.get(TraceLogFields.TRACE_ID)).isNull();
        assertThat(MDC.get(TraceLogFields.SPAN_ID)).isNull();
        assertThat(Span.current().getSpanContext().isValid()).isFalse();
    }

    @Test
    void whenARequestFailsThenTheMdcIsClearedAllTheSame() {
        FilterChain failing = (req, res) -> {
            throw new IllegalStateException("boom");
        };

        assertThatThrownBy(() -> filter.doFilter(request, response, failing)).hasMessage("boom");
        assertThat(MDC.get(TraceLogFields.TRACE_ID)).isNull();
        assertThat(Span.current().getSpanContext().isValid()).isFalse();
    }
}
