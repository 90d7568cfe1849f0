package org.openauthz.authz.api.metrics;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Hydra's {@code hydra_response_time_seconds} histogram, labelled {@code endpoint} (a route template, see
 * {@link EndpointTemplates}), {@code method} and {@code code}, with Prometheus' default buckets. Recording is
 * allocation-free once a label combination has been seen: every endpoint and method owns a fixed array of children
 * indexed by status code, and each child adds into striped counters ({@link LongAdder}), so concurrent requests do
 * not contend on one counter.
 */
public final class ResponseTimeHistogram {
    public static final String NAME = "hydra_response_time_seconds";
    /** Prometheus' default buckets (client_golang {@code DefBuckets}), as Hydra's histogram uses, in seconds. */
    static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
    private static final String[] METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"};
    private static final String OTHER_METHOD = "other";
    private static final int MIN_STATUS = 100;
    private static final int MAX_STATUS = 599;

    private final String constantLabels;
    /**
     * Per endpoint label: one slot per method (plus "other"), each holding children by status code. Filled in the
     * constructor and only read after, so a plain map is safe to share.
     */
    private final Map<String, AtomicReferenceArray<AtomicReferenceArray<Child>>> endpoints = new HashMap<>();

    /** @param version the {@code version} label every series carries, as Hydra's do */
    public ResponseTimeHistogram(String version, Iterable<String> endpointLabels) {
        this.constantLabels = "version=\"" + escape(version) + "\",";
        for (String endpoint : endpointLabels) {
            endpoints.put(endpoint, new AtomicReferenceArray<>(METHODS.length + 1));
        }
        endpoints.put(EndpointTemplates.UNMATCHED, new AtomicReferenceArray<>(METHODS.length + 1));
    }

    /** Records one response; {@code endpoint} must be one of the labels given to the constructor. */
    public void observe(String endpoint, String method, int status, long nanos) {
        String label = endpoint;
        AtomicReferenceArray<AtomicReferenceArray<Child>> byMethod = endpoints.get(label);
        if (byMethod == null) {
            label = EndpointTemplates.UNMATCHED;
            byMethod = endpoints.get(label);
        }
        int m = methodIndex(method);
        AtomicReferenceArray<Child> byStatus = byMethod.get(m);
        if (byStatus == null) {
            byMethod.compareAndSet(m, null, new AtomicReferenceArray<>(MAX_STATUS - MIN_STATUS + 1));
            byStatus = byMethod.get(m);
        }
        int code = status < MIN_STATUS || status > MAX_STATUS ? 500 : status;
        Child child = byStatus.get(code - MIN_STATUS);
        if (child == null) {
            String methodLabel = m < METHODS.length ? METHODS[m] : OTHER_METHOD;
            byStatus.compareAndSet(code - MIN_STATUS, null, new Child(constantLabels + "endpoint=\""
                    + escape(label) + "\",method=\"" + methodLabel + "\",code=\"" + code + "\""));
            child = byStatus.get(code - MIN_STATUS);
        }
        child.observe(nanos / 1e9);
    }

    private static int methodIndex(String method) {
        for (int i = 0; i < METHODS.length; i++) {
            if (METHODS[i].equals(method)) {
                return i;
            }
        }
        return METHODS.length;
    }

    /** Appends the histogram in the Prometheus text exposition format (version 0.0.4). */
    public void writeTo(StringBuilder out) {
        out.append("# HELP ").append(NAME).append(" Response time of HTTP requests, by endpoint, method and code\n")
                .append("# TYPE ").append(NAME).append(" histogram\n");
        endpoints.values().forEach(byMethod -> {
            for (int m = 0; m < byMethod.length(); m++) {
                AtomicReferenceArray<Child> byStatus = byMethod.get(m);
                for (int s = 0; byStatus != null && s < byStatus.length(); s++) {
                    Child child = byStatus.get(s);
                    if (child != null) {
                        child.writeTo(out);
                    }
                }
            }
        });
    }

    static String escape(String labelValue) {
        return labelValue.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** One label combination: a count per bucket (not cumulative until written), the sum and the count. */
    private static final class Child {
        private final String labels;
        private final LongAdder[] buckets = new LongAdder[BUCKETS.length + 1];
        private final DoubleAdder sum = new DoubleAdder();

        Child(String labels) {
            this.labels = labels;
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = new LongAdder();
            }
        }

        void observe(double seconds) {
            int i = 0;
            while (i < BUCKETS.length && seconds > BUCKETS[i]) {
                i++;
            }
            buckets[i].increment();
            sum.add(seconds);
        }

        void writeTo(StringBuilder out) {
            long cumulative = 0;
            for (int i = 0; i < buckets.length; i++) {
                cumulative += buckets[i].sum();
                out.append(NAME).append("_bucket{").append(labels).append(",le=\"")
                        .append(i < BUCKETS.length ? Double.toString(BUCKETS[i]) : "+Inf").append("\"} ")
                        .append(cumulative).append('\n');
            }
            out.append(NAME).append("_sum{").append(labels).append("} ").append(sum.sum()).append('\n');
            out.append(NAME).append("_count{").append(labels).append("} ").append(cumulative).append('\n');
        }
    }
}
