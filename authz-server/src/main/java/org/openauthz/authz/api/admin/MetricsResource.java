package org.openauthz.authz.api.admin;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Snapshot;
import com.codahale.metrics.Timer;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import org.openauthz.authz.api.metrics.ResponseTimeHistogram;

import java.util.Locale;
import java.util.Map;

/**
 * Admin {@code GET /metrics/prometheus}: the Dropwizard metric registry in the Prometheus text exposition format
 * (version 0.0.4), after Hydra's {@code hydra_response_time_seconds} histogram. Dropwizard's timers and histograms
 * become summaries with quantiles; durations are in seconds.
 */
@Path("/metrics/prometheus")
public final class MetricsResource {
    private static final double[] QUANTILES = {0.5, 0.75, 0.95, 0.99};

    private final MetricRegistry registry;
    private final ResponseTimeHistogram responseTimes;

    public MetricsResource(MetricRegistry registry, ResponseTimeHistogram responseTimes) {
        this.registry = registry;
        this.responseTimes = responseTimes;
    }

    @GET
    @Produces("text/plain; version=0.0.4; charset=utf-8")
    public String scrape() {
        StringBuilder out = new StringBuilder(16384);
        responseTimes.writeTo(out);
        for (Map.Entry<String, Gauge> e : registry.getGauges().entrySet()) {
            Object value = e.getValue().getValue();
            if (value instanceof Number number) {
                sample(out, name(e.getKey()), "gauge", number.doubleValue());
            } else if (value instanceof Boolean bool) {
                sample(out, name(e.getKey()), "gauge", bool ? 1 : 0);
            }
        }
        for (Map.Entry<String, Counter> e : registry.getCounters().entrySet()) {
            sample(out, name(e.getKey()), "gauge", e.getValue().getCount());
        }
        for (Map.Entry<String, Meter> e : registry.getMeters().entrySet()) {
            sample(out, name(e.getKey()) + "_total", "counter", e.getValue().getCount());
        }
        for (Map.Entry<String, Histogram> e : registry.getHistograms().entrySet()) {
            summary(out, name(e.getKey()), e.getValue().getSnapshot(), e.getValue().getCount(), 1);
        }
        for (Map.Entry<String, Timer> e : registry.getTimers().entrySet()) {
            summary(out, name(e.getKey()) + "_seconds", e.getValue().getSnapshot(), e.getValue().getCount(), 1e-9);
        }
        return out.toString();
    }

    private static void sample(StringBuilder out, String name, String type, double value) {
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n')
                .append(name).append(' ').append(format(value)).append('\n');
    }

    private static void summary(StringBuilder out, String name, Snapshot snapshot, long count, double scale) {
        out.append("# TYPE ").append(name).append(" summary\n");
        for (double q : QUANTILES) {
            out.append(name).append("{quantile=\"").append(q).append("\"} ")
                    .append(format(snapshot.getValue(q) * scale)).append('\n');
        }
        out.append(name).append("_count ").append(count).append('\n');
    }

    /** Prometheus names allow [a-zA-Z0-9_:]; Dropwizard's dotted names are mapped onto that. */
    static String name(String dropwizardName) {
        String cleaned = dropwizardName.replaceAll("[^a-zA-Z0-9_:]", "_").toLowerCase(Locale.ROOT);
        return Character.isDigit(cleaned.charAt(0)) ? "_" + cleaned : cleaned;
    }

    private static String format(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : Double.toString(value);
    }
}
