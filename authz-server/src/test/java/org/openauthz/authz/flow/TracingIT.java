package org.openauthz.authz.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import org.junit.jupiter.api.Test;
import org.openauthz.admin.client.model.OAuth2Client;
import org.openauthz.authz.testing.ConsoleCapture;
import org.openauthz.authz.testing.OtlpReceiver;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tracing with {@code tracing.provider: otlp}: a real server on PostgreSQL sends its spans to a real OTLP/HTTP
 * receiver while Nimbus runs a code flow with refresh, client credentials, introspection and revocation. Spans
 * arrive for the HTTP requests, their statements and the group-commit batches, linked parent to child; a caller's
 * traceparent is continued; no span and no log line holds a token, code, secret, challenge or verifier issued in
 * the run; and each JSON request-log line carries the ids of its request's span.
 */
class TracingIT {
    private static final String SERVICE_SECRET = "a-service-secret-for-tracing";
    private static final String COLLECTOR_KEY = "a-collector-key-for-tracing";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void whenTracingIsOnThenEveryLayerIsTracedWithoutSecretsAndRequestLogLinesCarryTheirTraceId() throws Exception {
        List<String> secrets = new ArrayList<>(List.of(SERVICE_SECRET, COLLECTOR_KEY));
        String callerTrace = randomHex(16);
        String callerSpan = randomHex(8);
        List<OtlpReceiver.ReceivedSpan> received;
        List<String> exportHeaders;
        String logs;
        try (OtlpReceiver collector = OtlpReceiver.start(); ConsoleCapture console = ConsoleCapture.start()) {
            try (FlowHarness harness = FlowHarness.start(Map.of("tracing.provider", "otlp",
                    "tracing.service_name", "tracing-it",
                    "tracing.providers.otlp.server_url", collector.url(),
                    "tracing.providers.otlp.headers", "X-Collector-Key=" + COLLECTOR_KEY,
                    "log.format", "json", "log.level", "debug", "serve.request_log.enabled", "true",
                    // CORS decisions are logged inside the request: an application line that must carry its ids.
                    "serve.public.cors.enabled", "true", "serve.public.cors.debug", "true"))) {
                secrets.addAll(SensitiveValuesInLogsIT.signInRefreshAndLogOut(harness));
                secrets.addAll(clientCredentialsIntrospectionAndRevocation(harness));
                HttpResponse<String> continued = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create(harness.server.publicUrl("/.well-known/openid-configuration")))
                        .header("traceparent", "00-" + callerTrace + "-" + callerSpan + "-01")
                        .header("Origin", "https://app.example").build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(continued.statusCode()).isEqualTo(200);
                SensitiveValuesInLogsIT.awaitLogged(harness, console, "tracing-run");
            }
            // Closing the server sent the spans still buffered.
            received = collector.spans();
            exportHeaders = collector.headers();
            logs = console.text();
        }

        assertThat(received).isNotEmpty().allMatch(s -> "tracing-it".equals(s.serviceName()));
        assertThat(exportHeaders).anyMatch(h -> h.equalsIgnoreCase("X-Collector-Key: [" + COLLECTOR_KEY + "]"));
        List<Span> spans = received.stream().map(OtlpReceiver.ReceivedSpan::span).toList();
        List<Span> requests = spans.stream().filter(s -> s.getKind() == Span.SpanKind.SPAN_KIND_SERVER).toList();
        assertThat(requests).extracting(Span::getName).contains("GET /oauth2/auth", "POST /oauth2/token",
                "POST /oauth2/introspect", "POST /oauth2/revoke", "GET /userinfo", "PUT /oauth2/auth/requests/login/accept",
                "GET /.well-known/openid-configuration", "POST /clients", "GET {unmatched}");
        assertThat(requests).filteredOn(s -> s.getName().equals("POST /oauth2/token"))
                .allSatisfy(s -> assertThat(attribute(s, "http.route")).contains("/oauth2/token"))
                .anySatisfy(s -> assertThat(attribute(s, "http.response.status_code")).contains("200"))
                .anySatisfy(s -> assertThat(attribute(s, "http.response.status_code")).contains("400"));

        Predicate<Span> statement = s -> attribute(s, "db.operation.name").isPresent();
        assertThat(spans).filteredOn(statement)
                .as("a statement run on a request's thread is a child of the request's span")
                .anySatisfy(s -> assertThat(parentOf(s, spans)).hasValueSatisfying(parent ->
                        assertThat(parent.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER)));
        List<Span> batches = spans.stream().filter(s -> s.getName().equals("group-commit")).toList();
        assertThat(batches).isNotEmpty().allSatisfy(batch ->
                assertThat(Long.parseLong(attribute(batch, "db.operation.batch.size").orElseThrow())).isPositive());
        assertThat(spans).filteredOn(statement).as("a batch's statements are its children")
                .anySatisfy(s -> assertThat(parentOf(s, spans)).hasValueSatisfying(parent ->
                        assertThat(parent.getName()).isEqualTo("group-commit")));
        assertThat(spans).filteredOn(s -> s.getName().equals("group-commit wait"))
                .as("a token request's wait for its write to be committed is in the request's trace")
                .anySatisfy(s -> assertThat(parentOf(s, spans)).hasValueSatisfying(parent ->
                        assertThat(parent.getName()).isEqualTo("POST /oauth2/token")));
        assertThat(spans).filteredOn(statement).extracting(Span::getName)
                .contains("INSERT hydra_oauth2_access", "SELECT hydra_client");

        assertThat(requests).as("the caller's traceparent is continued")
                .anySatisfy(s -> {
                    assertThat(hex(s.getTraceId())).isEqualTo(callerTrace);
                    assertThat(hex(s.getParentSpanId())).isEqualTo(callerSpan);
                });

        for (Span span : spans) {
            String exported = span.toString();
            for (String secret : secrets) {
                assertThat(exported).as("span %s holds a secret", span.getName()).doesNotContain(secret);
            }
            assertThat(span.getAttributesList()).extracting(KeyValue::getKey)
                    .doesNotContain("url.full", "url.query", "http.request.header.authorization", "db.query.text");
        }
        for (String secret : secrets) {
            assertThat(logs).as("the logs hold a secret").doesNotContain(secret);
        }

        List<JsonNode> corsLines = jsonLines(logs).stream()
                .filter(l -> l.path("logger").asText().endsWith("CorsFilter")
                        && l.path("message").asText().contains("from origin https://app.example")).toList();
        assertThat(corsLines).as("the CORS decision logged during the caller's request").singleElement()
                .satisfies(line -> assertThat(line.path("mdc").path("trace_id").asText()).isEqualTo(callerTrace));

        List<JsonNode> requestLines = requestLogLines(logs);
        assertThat(requestLines).hasSizeGreaterThan(15);
        for (JsonNode line : requestLines) {
            JsonNode attributes = line.path("requestAttributes");
            String traceId = attributes.path("trace_id").asText();
            String spanId = attributes.path("span_id").asText();
            assertThat(requests).as("the span of request-log line %s", line).anySatisfy(s -> {
                assertThat(hex(s.getTraceId())).isEqualTo(traceId);
                assertThat(hex(s.getSpanId())).isEqualTo(spanId);
                assertThat(s.getName()).endsWith(line.path("uri").asText().startsWith("/log-marker/")
                        ? "{unmatched}" : line.path("uri").asText().replaceFirst("^/clients/.*", "/clients/{param}")
                        .replaceFirst("^/oauth2/auth/requests/(login|consent)\\?.*", "/oauth2/auth/requests/$1"));
            });
        }
    }

    /** RFC 6749 §4.4 through Nimbus, then RFC 7662 introspection and RFC 7009 revocation of the token. */
    private static List<String> clientCredentialsIntrospectionAndRevocation(FlowHarness harness) throws Exception {
        OAuth2Client service = harness.admin.createOAuth2Client(new OAuth2Client()
                .clientId(FlowHarness.unique("service")).clientSecret(SERVICE_SECRET)
                .grantTypes(List.of("client_credentials")).scope("read")
                .tokenEndpointAuthMethod("client_secret_basic"));
        ClientSecretBasic auth = new ClientSecretBasic(new ClientID(service.getClientId()), new Secret(SERVICE_SECRET));
        TokenResponse response = TokenResponse.parse(new TokenRequest(
                URI.create(harness.server.publicUrl("/oauth2/token")), auth, new ClientCredentialsGrant(),
                new Scope("read")).toHTTPRequest().send());
        AccessToken token = ((AccessTokenResponse) response).getTokens().getAccessToken();
        URI introspection = URI.create(harness.server.adminUrl("/oauth2/introspect"));
        assertThat(TokenIntrospectionResponse.parse(new TokenIntrospectionRequest(introspection, token)
                .toHTTPRequest().send()).toSuccessResponse().isActive()).isTrue();
        assertThat(new TokenRevocationRequest(URI.create(harness.server.publicUrl("/oauth2/revoke")), auth, token)
                .toHTTPRequest().send().getStatusCode()).isEqualTo(200);
        assertThat(TokenIntrospectionResponse.parse(new TokenIntrospectionRequest(introspection, token)
                .toHTTPRequest().send()).toSuccessResponse().isActive()).isFalse();
        return List.of(token.getValue());
    }

    /** The JSON request-log lines (they have a {@code uri}; application lines have a {@code logger}). */
    private static List<JsonNode> requestLogLines(String logs) throws Exception {
        return jsonLines(logs).stream().filter(node -> node.has("uri") && node.has("method")).toList();
    }

    private static List<JsonNode> jsonLines(String logs) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : logs.lines().filter(l -> l.startsWith("{")).toList()) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    private static Optional<Span> parentOf(Span child, List<Span> spans) {
        return spans.stream().filter(s -> s.getTraceId().equals(child.getTraceId())
                && s.getSpanId().equals(child.getParentSpanId())).findFirst();
    }

    private static Optional<String> attribute(Span span, String key) {
        return span.getAttributesList().stream().filter(a -> a.getKey().equals(key)).findFirst()
                .map(a -> a.getValue().hasIntValue() ? Long.toString(a.getValue().getIntValue())
                        : a.getValue().getStringValue());
    }

    private static String hex(ByteString bytes) {
        return HexFormat.of().formatHex(bytes.toByteArray());
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
