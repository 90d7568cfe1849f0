package org.openauthz.authz.config;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The {@code tracing.*} keys: off by default, otlp configured like Ory's later releases, Hydra's tracers refused. */
class TracingSettingsTest {
    private static Map<String, Object> valid(String... keysAndValues) {
        Map<String, Object> values = new HashMap<>(Map.of("dsn", "memory",
                "secrets.system", "a-system-secret-of-32-characters", "urls.self.issuer", "https://auth.example/"));
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return values;
    }

    private static ServerSettings.Tracing bind(Map<String, Object> values) {
        return SettingsBinder.bind(RawSettings.of(values), SettingsBinder.Flags.defaults()).tracing();
    }

    private static List<String> problems(Map<String, Object> values) {
        return catchThrowableOfType(InvalidConfigurationException.class, () -> bind(values)).problems();
    }

    @Test
    void whenNoProviderIsSetThenTracingIsOff() {
        ServerSettings.Tracing tracing = bind(valid());

        assertThat(tracing.enabled()).isFalse();
        assertThat(tracing.serviceName()).isEqualTo("ORY Hydra");
    }

    @Test
    void whenOtlpIsGivenHostAndPortThenSpansGoToItsTracesPathOverHttpsUnlessInsecure() {
        Map<String, Object> values = valid("tracing.provider", "otlp",
                "tracing.providers.otlp.server_url", "collector:4318");
        assertThat(bind(values).endpoint()).isEqualTo(URI.create("https://collector:4318/v1/traces"));

        values.put("tracing.providers.otlp.insecure", "true");
        ServerSettings.Tracing tracing = bind(values);

        assertThat(tracing.enabled()).isTrue();
        assertThat(tracing.endpoint()).isEqualTo(URI.create("http://collector:4318/v1/traces"));
        assertThat(tracing.samplingRatio()).isEqualTo(1.0);
    }

    @Test
    void whenOtlpIsGivenAUrlThenItsPathIsKeptAndOnlyAnEmptyOneBecomesTheTracesPath() {
        assertThat(bind(valid("tracing.provider", "otlp", "tracing.providers.otlp.server_url",
                "http://127.0.0.1:4318/")).endpoint()).isEqualTo(URI.create("http://127.0.0.1:4318/v1/traces"));
        assertThat(bind(valid("tracing.provider", "OTLP", "tracing.providers.otlp.server_url",
                "https://otlp.example/api/traces")).endpoint())
                .isEqualTo(URI.create("https://otlp.example/api/traces"));
    }

    @Test
    void whenHeadersAndARatioAreSetThenTheyAreBound() {
        ServerSettings.Tracing tracing = bind(valid("tracing.provider", "otlp",
                "tracing.providers.otlp.server_url", "collector:4318",
                "tracing.providers.otlp.headers", "[\"X-Api-Key=abc\", \"Authorization: Bearer xyz\"]",
                "tracing.providers.otlp.sampling.sampling_ratio", "0.25", "tracing.service_name", "auth"));

        assertThat(tracing.headers()).containsOnly(Map.entry("X-Api-Key", "abc"),
                Map.entry("Authorization", "Bearer xyz"));
        assertThat(tracing.samplingRatio()).isEqualTo(0.25);
        assertThat(tracing.serviceName()).isEqualTo("auth");
    }

    @Test
    void whenAHydraTracerIsChosenThenStartupFailsNamingOtlpInstead() {
        for (String hydraTracer : List.of("jaeger", "zipkin", "datadog", "elastic-apm")) {
            assertThat(problems(valid("tracing.provider", hydraTracer))).singleElement().asString()
                    .startsWith("TRACING_PROVIDER=" + hydraTracer + " is a tracer of Hydra v1.10 that this server "
                            + "does not implement").contains("TRACING_PROVIDER=otlp");
        }
        assertThat(problems(valid("tracing.provider", "newrelic"))).singleElement().asString()
                .isEqualTo("TRACING_PROVIDER must be otlp, or empty for no tracing, not 'newrelic'");
    }

    @Test
    void whenOtlpSettingsAreWrongThenEachIsAClearProblemThatNeverEchoesAHeaderValue() {
        assertThat(problems(valid("tracing.provider", "otlp"))).singleElement().asString()
                .startsWith("TRACING_PROVIDERS_OTLP_SERVER_URL is not set");
        assertThat(problems(valid("tracing.provider", "otlp", "tracing.providers.otlp.server_url", "ftp://x:21")))
                .singleElement().asString().startsWith("TRACING_PROVIDERS_OTLP_SERVER_URL must be host:port");
        assertThat(problems(valid("tracing.provider", "otlp", "tracing.providers.otlp.server_url", "c:4318",
                "tracing.providers.otlp.sampling.sampling_ratio", "1.5"))).singleElement().asString()
                .isEqualTo("TRACING_PROVIDERS_OTLP_SAMPLING_SAMPLING_RATIO must be a number from 0 to 1 such as 0.1, "
                        + "not '1.5'");
        assertThat(problems(valid("tracing.provider", "otlp", "tracing.providers.otlp.server_url", "c:4318",
                "tracing.providers.otlp.headers", "a-secret-api-key"))).singleElement().asString()
                .isEqualTo("TRACING_PROVIDERS_OTLP_HEADERS entry 1 must be Name=Value with a header name such as "
                        + "Authorization");
    }
}
