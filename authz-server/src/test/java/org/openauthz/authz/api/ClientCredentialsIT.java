package org.openauthz.authz.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openauthz.authz.testing.PostgresFixture;
import org.openauthz.authz.testing.TestServer;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openauthz.authz.api.ApiFixtures.OPAQUE_TOKEN;
import static org.openauthz.authz.api.ApiFixtures.assertJsonError;
import static org.openauthz.authz.api.ApiFixtures.createClient;
import static org.openauthz.authz.api.ApiFixtures.createClientCredentialsClient;
import static org.openauthz.authz.api.ApiFixtures.form;
import static org.openauthz.authz.api.ApiFixtures.introspect;
import static org.openauthz.authz.api.ApiFixtures.json;
import static org.openauthz.authz.api.ApiFixtures.object;
import static org.openauthz.authz.api.ApiFixtures.tokenRequest;
import static org.openauthz.authz.api.ApiFixtures.uniqueId;

/**
 * {@code POST /oauth2/token} with the client credentials grant (RFC 6749 §4.4) and client authentication
 * (<a href="https://www.rfc-editor.org/rfc/rfc6749#section-2.3">RFC 6749 §2.3</a>), on PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientCredentialsIT {
    private TestServer server;

    @BeforeAll
    void start() {
        server = TestServer.onPostgres(PostgresFixture.newDatabase().migrated(), Map.of());
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private String tokenUrl() {
        return server.publicUrl("/oauth2/token");
    }

    private HttpResponse<String> postToken(String form, String... headers) {
        return ApiFixtures.send(server, "POST", tokenUrl(), "application/x-www-form-urlencoded", form, headers);
    }

    @Test
    void whenTheGuidesClientUsesBasicAuthThenItGetsAnOpaqueBearerToken() {
        // The 5-minute tutorial's client: --grant-types client_credentials --response-types token,code.
        String id = uniqueId("guide");
        ObjectNode body = object().put("client_id", id).put("client_secret", "secret");
        body.putArray("grant_types").add("client_credentials");
        body.putArray("response_types").add("token").add("code");
        createClient(server, body.toString());

        HttpResponse<String> response = tokenRequest(server, id, "secret");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode token = json(response);
        assertThat(token.path("access_token").asText()).matches(OPAQUE_TOKEN);
        // Hydra v1.10's token_type is lowercase "bearer" (RFC 6749 §7.1
        // (https://www.rfc-editor.org/rfc/rfc6749#section-7.1) is case-insensitive).
        assertThat(token.path("token_type").asText()).isEqualTo("bearer");
        assertThat(token.path("expires_in").asLong()).isBetween(3590L, 3600L);
        // RFC 6749 §4.4.3: no refresh token for client credentials.
        assertThat(token.has("refresh_token")).isFalse();
        // RFC 6749 §5.1: responses with tokens must not be cached.
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(response.headers().firstValue("Pragma")).contains("no-cache");
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
    }

    @Test
    void whenClientIsRegisteredForClientSecretPostThenCredentialsInTheBodyWork() {
        String id = uniqueId("post");
        ObjectNode body = object().put("client_id", id).put("client_secret", "post-secret")
                .put("token_endpoint_auth_method", "client_secret_post");
        body.putArray("grant_types").add("client_credentials");
        createClient(server, body.toString());

        HttpResponse<String> response = postToken(form("grant_type", "client_credentials", "client_id", id,
                "client_secret", "post-secret"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).path("access_token").asText()).matches(OPAQUE_TOKEN);
    }

    @Test
    void whenAnAllowedScopeIsRequestedThenItIsGranted() {
        String id = createClientCredentialsClient(server, uniqueId("scope"), "scope-secret", "read write");

        HttpResponse<String> response = tokenRequest(server, id, "scope-secret", "scope", "read");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).path("scope").asText()).isEqualTo("read");
        assertThat(introspect(server, json(response).path("access_token").asText()).path("scope").asText())
                .isEqualTo("read");
    }

    @Test
    void whenAScopeTheClientMayNotRequestIsAskedForThen400InvalidScope() {
        String id = createClientCredentialsClient(server, uniqueId("bad-scope"), "scope-secret", "read");

        // RFC 6749 §5.2: invalid_scope.
        assertJsonError(tokenRequest(server, id, "scope-secret", "scope", "read admin"), 400, "invalid_scope");
    }

    @Test
    void whenAWhitelistedAudienceIsRequestedThenItIsGrantedAndOtherAudiencesAreRefused() {
        String id = uniqueId("audience");
        ObjectNode body = object().put("client_id", id).put("client_secret", "aud-secret");
        body.putArray("grant_types").add("client_credentials");
        body.putArray("audience").add("https://api.example.test");
        createClient(server, body.toString());

        // A sub-path of an allowed audience is allowed too, as in Hydra v1.10.
        HttpResponse<String> allowed = tokenRequest(server, id, "aud-secret", "audience",
                "https://api.example.test/orders");
        assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(200);
        assertThat(introspect(server, json(allowed).path("access_token").asText()).path("aud"))
                .extracting(JsonNode::asText).containsExactly("https://api.example.test/orders");

        // Hydra v1.10 refuses a non-whitelisted audience with invalid_request.
        assertJsonError(tokenRequest(server, id, "aud-secret", "audience", "https://evil.example.test"), 400,
                "invalid_request");
    }

    @Test
    void whenTheSecretIsWrongThen401InvalidClientWithAChallenge() {
        String id = createClientCredentialsClient(server, uniqueId("wrong"), "right-secret", null);

        HttpResponse<String> response = tokenRequest(server, id, "wrong-secret");

        // RFC 6749 §5.2: 401 and WWW-Authenticate when the client tried HTTP authentication.
        assertJsonError(response, 401, "invalid_client");
        assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWithIgnoringCase("Basic");
    }

    @Test
    void whenTheClientIsUnknownThen401InvalidClient() {
        assertJsonError(tokenRequest(server, uniqueId("nobody"), "some-secret"), 401, "invalid_client");
    }

    @Test
    void whenAClientSecretPostClientUsesBasicThen401InvalidClient() {
        String id = uniqueId("mismatch");
        ObjectNode body = object().put("client_id", id).put("client_secret", "post-secret")
                .put("token_endpoint_auth_method", "client_secret_post");
        body.putArray("grant_types").add("client_credentials");
        createClient(server, body.toString());

        // The client must use the method it registered (token_endpoint_auth_method), as in Hydra v1.10.
        JsonNode error = assertJsonError(tokenRequest(server, id, "post-secret"), 401, "invalid_client");
        assertThat(error.path("error_description").asText()).contains("client_secret_post")
                .contains("client_secret_basic");
    }

    @Test
    void whenTheClientMayNotUseTheGrantThen400UnauthorizedClient() {
        // No grant_types means authorization_code only (Hydra v1.10's default).
        String id = uniqueId("no-grant");
        createClient(server, object().put("client_id", id).put("client_secret", "grant-secret").toString());

        assertJsonError(tokenRequest(server, id, "grant-secret"), 400, "unauthorized_client");
    }

    @Test
    void whenGrantTypeIsMissingThen400InvalidRequest() {
        String id = createClientCredentialsClient(server, uniqueId("missing"), "grant-secret", null);

        assertJsonError(server.postForm(tokenUrl(), "scope=read", id, "grant-secret"), 400, "invalid_request");
    }

    @Test
    void whenGrantTypeIsUnknownThen400UnsupportedGrantType() {
        String id = createClientCredentialsClient(server, uniqueId("unknown-grant"), "grant-secret", null);

        assertJsonError(server.postForm(tokenUrl(), "grant_type=password&username=a&password=b", id,
                "grant-secret"), 400, "unsupported_grant_type");
    }

    @ParameterizedTest
    @ValueSource(strings = {"grant_type=client_credentials&grant_type=client_credentials",
            "grant_type=client_credentials&scope=a&scope=b"})
    void whenAParameterIsRepeatedThen400InvalidRequest(String body) {
        String id = createClientCredentialsClient(server, uniqueId("repeat"), "repeat-secret", "a b");

        // RFC 6749 §3.2: "Request and response parameters MUST NOT be included more than once."
        assertJsonError(server.postForm(tokenUrl(), body, id, "repeat-secret"), 400, "invalid_request");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic !!!not-base64!!!", "Basic bm9jb2xvbg==" /* "nocolon" */, "Basic",
            "Basic Og==" /* ":" */})
    void whenTheBasicHeaderIsMalformedThen400InvalidRequest(String authorization) {
        HttpResponse<String> response = postToken("grant_type=client_credentials", "Authorization", authorization);

        // fosite answers an unparsable Authorization header with invalid_request, and so do we.
        assertJsonError(response, 400, "invalid_request");
    }

    @Test
    void whenIdAndSecretHaveSpecialCharactersThenUrlEncodedBasicCredentialsWork() {
        // RFC 6749 §2.3.1: id and secret are form-urlencoded before Base64, so ':' '%' '+' ' ' survive. (No '%' in
        // the id: ids must round-trip in URL paths, see decision 0004.)
        String id = uniqueId("special:id-ü+");
        String secret = "p@ss:w rd&=+%/é";
        createClientCredentialsClient(server, id, secret, null);
        String credentials = URLEncoder.encode(id, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(secret, StandardCharsets.UTF_8);

        HttpResponse<String> response = postToken("grant_type=client_credentials", "Authorization",
                "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(introspect(server, json(response).path("access_token").asText()).path("client_id").asText())
                .isEqualTo(id);
    }

    @Test
    void whenTheBodyIsJsonThenTheAnswerIsAJsonErrorNotHtml() {
        String id = createClientCredentialsClient(server, uniqueId("json-body"), "json-secret", null);

        // RFC 6749 §3.2 mandates application/x-www-form-urlencoded.
        HttpResponse<String> response = ApiFixtures.send(server, "POST", tokenUrl(), "application/json",
                "{\"grant_type\":\"client_credentials\"}", "Authorization", TestServer.basic(id, "json-secret"),
                "Accept", "text/html");

        assertThat(response.statusCode()).isBetween(400, 499);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(json(response).path("error").asText()).isNotEmpty();
        assertThat(response.body()).doesNotContainIgnoringCase("<html");
    }
}
