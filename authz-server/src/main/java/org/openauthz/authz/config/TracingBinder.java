package org.openauthz.authz.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Binds the {@code tracing.*} keys. Hydra v1.10 names its tracer with {@code tracing.provider} and
 * {@code tracing.service_name}; we keep both and add {@code otlp}, configured like Ory's later releases
 * ({@code tracing.providers.otlp.server_url}, {@code .insecure}, {@code .sampling.sampling_ratio}). Hydra's own
 * providers are refused at startup rather than silently tracing nothing.
 */
final class TracingBinder {
    static final String OTLP = "otlp";
    /** Hydra v1.10's tracing providers, which this server does not implement. */
    private static final Set<String> HYDRA_PROVIDERS = Set.of("jaeger", "zipkin", "datadog", "elastic-apm");
    /** Where an OTLP/HTTP collector takes spans when its URL names no path (OTLP specification, "OTLP/HTTP"). */
    private static final String TRACES_PATH = "/v1/traces";

    private final SettingsBinder binder;

    TracingBinder(SettingsBinder binder) {
        this.binder = binder;
    }

    ServerSettings.Tracing bind() {
        String provider = binder.raw().string(SettingKey.TRACING_PROVIDER).orElse("").trim()
                .toLowerCase(Locale.ROOT);
        String serviceName = binder.raw().string(SettingKey.TRACING_SERVICE_NAME).orElse("ORY Hydra");
        if (provider.isEmpty()) {
            return new ServerSettings.Tracing(serviceName, null, Map.of(), 1);
        }
        if (HYDRA_PROVIDERS.contains(provider)) {
            binder.problem("TRACING_PROVIDER=" + provider + " is a tracer of Hydra v1.10 that this server does not "
                    + "implement: set TRACING_PROVIDER=otlp and TRACING_PROVIDERS_OTLP_SERVER_URL to an "
                    + "OpenTelemetry collector or to your tracing backend's OTLP/HTTP endpoint (Jaeger, Zipkin "
                    + "collectors, Datadog and Elastic APM accept OTLP), or unset TRACING_PROVIDER");
            return new ServerSettings.Tracing(serviceName, null, Map.of(), 1);
        }
        if (!OTLP.equals(provider)) {
            binder.problem("TRACING_PROVIDER must be otlp, or empty for no tracing, not '" + provider + "'");
            return new ServerSettings.Tracing(serviceName, null, Map.of(), 1);
        }
        boolean insecure = binder.bool(SettingKey.TRACING_PROVIDERS_OTLP_INSECURE);
        return new ServerSettings.Tracing(serviceName, endpoint(insecure), headers(), samplingRatio());
    }

    /** {@code host:port} (HTTPS unless insecure) or an http(s) URL; a URL without a path gets {@code /v1/traces}. */
    private URI endpoint(boolean insecure) {
        SettingKey key = SettingKey.TRACING_PROVIDERS_OTLP_SERVER_URL;
        Optional<String> value = binder.raw().string(key).map(String::trim).filter(v -> !v.isEmpty());
        if (value.isEmpty()) {
            binder.problem(key.envName() + " is not set: with TRACING_PROVIDER=otlp, set it to the OTLP/HTTP "
                    + "collector, e.g. localhost:4318 (with " + SettingKey.TRACING_PROVIDERS_OTLP_INSECURE.envName()
                    + "=true for plain HTTP) or https://collector.example.com:4318");
            return URI.create("http://localhost" + TRACES_PATH);
        }
        String text = value.get().contains("://") ? value.get() : (insecure ? "http://" : "https://") + value.get();
        try {
            URI uri = new URI(text);
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    || uri.getRawQuery() != null || uri.getRawUserInfo() != null) {
                throw new URISyntaxException(text, "not an http(s) URL");
            }
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            return path.isEmpty() || "/".equals(path) ? URI.create(uri.getScheme() + "://" + uri.getRawAuthority()
                    + TRACES_PATH) : uri;
        } catch (URISyntaxException e) {
            binder.problem(key.envName() + " must be host:port or an http(s) URL without query or user info, such "
                    + "as localhost:4318 or https://collector.example.com:4318, not '" + value.get() + "'");
            return URI.create("http://localhost" + TRACES_PATH);
        }
    }

    private double samplingRatio() {
        SettingKey key = SettingKey.TRACING_PROVIDERS_OTLP_SAMPLING_SAMPLING_RATIO;
        String value = binder.raw().string(key).orElse("1");
        try {
            double ratio = Double.parseDouble(value);
            if (ratio >= 0 && ratio <= 1) {
                return ratio;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        binder.problem(key.envName() + " must be a number from 0 to 1 such as 0.1, not '" + value + "'");
        return 1;
    }

    /** {@code Name=Value} or {@code Name: Value}; values are never echoed in a problem (they are often API keys). */
    private Map<String, String> headers() {
        SettingKey key = SettingKey.TRACING_PROVIDERS_OTLP_HEADERS;
        Map<String, String> headers = new LinkedHashMap<>();
        int position = 0;
        for (String entry : binder.raw().list(key)) {
            position++;
            int split = entry.indexOf('=') > 0 ? entry.indexOf('=') : entry.indexOf(':');
            String name = split > 0 ? entry.substring(0, split).trim() : "";
            if (!SettingsBinder.HEADER_NAME.matcher(name).matches()) {
                binder.problem(key.envName() + " entry " + position + " must be Name=Value with a header name "
                        + "such as Authorization");
                continue;
            }
            headers.put(name, entry.substring(split + 1).trim());
        }
        return Map.copyOf(headers);
    }
}
