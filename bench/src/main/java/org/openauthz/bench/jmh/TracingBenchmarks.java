package org.openauthz.bench.jmh;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;
import org.openauthz.authz.api.metrics.EndpointTemplates;
import org.openauthz.authz.api.metrics.HydraRoutes;
import org.openauthz.authz.config.ServerSettings;
import org.openauthz.authz.tracing.OpenTelemetryTracing;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What tracing adds to a request when it is on (decision 0025): the HTTP span filter around a request that does
 * nothing, and a statement through JDBI with and without its span (in-memory H2, so the statement itself is cheap).
 * With tracing off neither the filter nor the statement hook is installed, so "off" is the bare request and the
 * statement without span. Every span is sampled; spans go to a batch processor whose exporter finds no collector,
 * as the in-process cost does not depend on one. Nanoseconds per operation, one thread. Run with
 * {@code bench/jmh.sh TracingBenchmarks}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class TracingBenchmarks {
    private static final FilterChain ENDPOINT = (request, response) -> { };

    private OpenTelemetryTracing tracing;
    private Filter filter;
    private HttpServletRequest request;
    private HttpServletResponse response;
    private Handle plain;
    private Handle traced;

    @Setup
    public void setUp() {
        tracing = OpenTelemetryTracing.start(new ServerSettings.Tracing("bench",
                URI.create("http://127.0.0.1:9/v1/traces"), Map.of(), 1.0), "bench");
        filter = tracing.httpFilter(new EndpointTemplates(HydraRoutes.PUBLIC));
        request = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getMethod" -> "POST";
                    case "getRequestURI" -> "/oauth2/token";
                    case "getScheme" -> "http";
                    case "getLocalPort" -> 9000;
                    default -> null;
                });
        response = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) ->
                        "getStatus".equals(method.getName()) ? 200 : null);
        plain = Jdbi.create("jdbc:h2:mem:plain").open();
        Jdbi withSpans = Jdbi.create("jdbc:h2:mem:traced");
        withSpans.getConfig(SqlStatements.class).setSqlLogger(tracing.statements());
        traced = withSpans.open();
    }

    @TearDown
    public void tearDown() {
        plain.close();
        traced.close();
        tracing.stop();
    }

    @Benchmark
    public void requestWithoutTracing() throws Exception {
        ENDPOINT.doFilter(request, response);
    }

    @Benchmark
    public void requestWithItsSpan() throws Exception {
        filter.doFilter(request, response, ENDPOINT);
    }

    @Benchmark
    public int statementWithoutSpan() {
        return plain.createQuery("SELECT 1").mapTo(Integer.class).one();
    }

    @Benchmark
    public int statementWithItsSpan() {
        return traced.createQuery("SELECT 1").mapTo(Integer.class).one();
    }
}
