package org.openauthz.authz.tracing;

import io.dropwizard.lifecycle.Managed;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import jakarta.servlet.Filter;
import org.jdbi.v3.core.statement.SqlLogger;
import org.openauthz.authz.api.metrics.EndpointTemplates;
import org.openauthz.authz.config.ServerSettings;
import org.openauthz.authz.storage.WriteBatchObserver;

import java.util.concurrent.TimeUnit;

/**
 * Tracing with OpenTelemetry ({@code tracing.provider: otlp}): one tracer whose spans are batched and sent over
 * OTLP/HTTP, and the three places that make spans: each HTTP request ({@link HttpSpanFilter}), each database
 * statement ({@link StatementSpans}) and each group-commit batch ({@link WriteBatchSpans}). Built only when tracing
 * is on: with it off nothing of the SDK is loaded and none of these is installed. No global OpenTelemetry instance
 * is registered; everything gets this tracer passed in.
 */
public final class OpenTelemetryTracing implements Managed {
    private static final String INSTRUMENTATION_SCOPE = "org.openauthz.authz";
    /** How long a stop waits for the last spans to reach the collector. */
    private static final long FLUSH_ON_STOP_SECONDS = 5;

    private final SdkTracerProvider provider;
    private final Tracer tracer;

    private OpenTelemetryTracing(SdkTracerProvider provider) {
        this.provider = provider;
        this.tracer = provider.get(INSTRUMENTATION_SCOPE);
    }

    /** Starts the exporter for {@code settings}, which must be enabled; {@code version} is the service version. */
    public static OpenTelemetryTracing start(ServerSettings.Tracing settings, String version) {
        OtlpHttpSpanExporterBuilder exporter = OtlpHttpSpanExporter.builder()
                .setEndpoint(settings.endpoint().toString());
        settings.headers().forEach(exporter::addHeader);
        Resource resource = Resource.getDefault().merge(Resource.create(Attributes.of(
                AttributeKey.stringKey("service.name"), settings.serviceName(),
                AttributeKey.stringKey("service.version"), version)));
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(resource)
                // A caller's sampling decision (its traceparent's flag) is kept, so a trace is whole or absent.
                .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(settings.samplingRatio())))
                .addSpanProcessor(BatchSpanProcessor.builder(exporter.build()).build())
                .build();
        return new OpenTelemetryTracing(provider);
    }

    /** The span of every request of one port, named by {@code routes}' templates. */
    public Filter httpFilter(EndpointTemplates routes) {
        return new HttpSpanFilter(tracer, W3CTraceContextPropagator.getInstance(), routes);
    }

    public SqlLogger statements() {
        return new StatementSpans(tracer);
    }

    public WriteBatchObserver batches() {
        return new WriteBatchSpans(tracer);
    }

    /** Sends what is still buffered and stops the exporter. */
    @Override
    public void stop() {
        provider.shutdown().join(FLUSH_ON_STOP_SECONDS, TimeUnit.SECONDS);
    }
}
