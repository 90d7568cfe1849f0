package org.openauthz.authz.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.openauthz.authz.testing.PostgresFixture;
import org.openauthz.authz.testing.TestServer;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openauthz.authz.api.ApiFixtures.clientCount;
import static org.openauthz.authz.api.ApiFixtures.createClient;
import static org.openauthz.authz.api.ApiFixtures.json;

/**
 * Hostile and sloppy inputs against every endpoint that takes a body: each must be refused with a 4xx JSON error
 * in Hydra v1.10's shape that leaks no Java internals, and must leave storage exactly as it was.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputIT {
    /** The client that PUT and PATCH cases aim at; it must come out of every case unchanged. */
    private static final String TARGET = "bad-input-target";
    /** A key set that the key cases try to create or fill; it must never come into existence. */
    private static final String KEY_SET = "bad-input-set";
    private static final String JSON = "application/json";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final int ONE_MEGABYTE = 1024 * 1024;

    private TestServer server;
    private JsonNode target;

    @BeforeAll
    void start() {
        server = TestServer.onPostgres(PostgresFixture.newDatabase().migrated(), Map.of());
        createClient(server, "{\"client_id\":\"" + TARGET + "\",\"client_secret\":\"target-secret\","
                + "\"grant_types\":[\"client_credentials\"],\"redirect_uris\":[\"https://app.example.test/cb\"]}");
        target = json(server.get(server.adminUrl("/clients/" + TARGET)));
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static Arguments row(String name, String method, String port, String path, String contentType,
                                 String body) {
        return Arguments.of(name, method, port, path, contentType, body);
    }

    static Stream<Arguments> badInputs() {
        String clients = "/clients";
        String one = "/clients/" + TARGET;
        String keys = "/keys/" + KEY_SET;
        return Stream.of(
                // POST /clients
                row("create: malformed JSON", "POST", "admin", clients, JSON, "{\"client_id\":"),
                row("create: JSON array", "POST", "admin", clients, JSON, "[{\"client_id\":\"x\"}]"),
                row("create: wrong field types", "POST", "admin", clients, JSON,
                        "{\"client_id\": 5, \"redirect_uris\": \"x\"}"),
                row("create: list as string", "POST", "admin", clients, JSON,
                        "{\"grant_types\":\"client_credentials\"}"),
                row("create: number as text", "POST", "admin", clients, JSON,
                        "{\"client_secret_expires_at\":\"soon\"}"),
                row("create: JSON string", "POST", "admin", clients, JSON, "\"client\""),
                row("create: 1 MB client_id", "POST", "admin", clients, JSON,
                        "{\"client_id\":\"" + "a".repeat(ONE_MEGABYTE) + "\"}"),
                row("create: 1 MB of garbage", "POST", "admin", clients, JSON, "x".repeat(ONE_MEGABYTE)),
                row("create: deep nesting", "POST", "admin", clients, JSON,
                        "{\"metadata\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}"),
                row("create: empty body", "POST", "admin", clients, JSON, ""),
                row("create: form body", "POST", "admin", clients, FORM, "client_id=form-client"),
                row("create: text body", "POST", "admin", clients, "text/plain", "{\"client_id\":\"text\"}"),
                // PUT /clients/{id}
                row("update: malformed JSON", "PUT", "admin", one, JSON, "{\"client_name\":\"x\""),
                row("update: wrong field type", "PUT", "admin", one, JSON, "{\"redirect_uris\":\"x\"}"),
                row("update: JSON array", "PUT", "admin", one, JSON, "[]"),
                row("update: empty body", "PUT", "admin", one, JSON, ""),
                row("update: form body", "PUT", "admin", one, FORM, "client_name=x"),
                row("update: invalid metadata", "PUT", "admin", one, JSON,
                        "{\"client_name\":\"changed\",\"redirect_uris\":[\"not a url\"]}"),
                // PATCH /clients/{id} (RFC 6902)
                row("patch: object, not array", "PATCH", "admin", one, JSON,
                        "{\"op\":\"replace\",\"path\":\"/client_name\",\"value\":\"x\"}"),
                row("patch: malformed JSON", "PATCH", "admin", one, JSON, "[{\"op\":"),
                row("patch: wrong value type", "PATCH", "admin", one, JSON,
                        "[{\"op\":\"replace\",\"path\":\"/redirect_uris\",\"value\":\"x\"}]"),
                row("patch: client_id change", "PATCH", "admin", one, JSON,
                        "[{\"op\":\"replace\",\"path\":\"/client_id\",\"value\":\"other\"}]"),
                row("patch: missing path", "PATCH", "admin", one, JSON, "[{\"op\":\"remove\",\"path\":\"/nope\"}]"),
                row("patch: unknown op", "PATCH", "admin", one, JSON,
                        "[{\"op\":\"bogus\",\"path\":\"/client_name\"}]"),
                row("patch: failed test is atomic", "PATCH", "admin", one, JSON,
                        "[{\"op\":\"replace\",\"path\":\"/client_name\",\"value\":\"changed\"},"
                                + "{\"op\":\"test\",\"path\":\"/client_name\",\"value\":\"different\"}]"),
                row("patch: invalid metadata", "PATCH", "admin", one, JSON,
                        "[{\"op\":\"add\",\"path\":\"/redirect_uris/-\",\"value\":\"not a url\"}]"),
                row("patch: form body", "PATCH", "admin", one, FORM, "op=replace"),
                // POST, PUT /keys/{set}, PUT /keys/{set}/{kid}
                row("keys: malformed JSON", "POST", "admin", keys, JSON, "{\"alg\":"),
                row("keys: JSON array", "POST", "admin", keys, JSON, "[{\"alg\":\"RS256\"}]"),
                row("keys: wrong alg type", "POST", "admin", keys, JSON, "{\"alg\":[\"RS256\"]}"),
                row("keys: bad use", "POST", "admin", keys, JSON, "{\"alg\":\"HS256\",\"use\":\"sign-everything\"}"),
                row("keys: empty body", "POST", "admin", keys, JSON, ""),
                row("keys: form body", "POST", "admin", keys, FORM, "alg=RS256"),
                row("key set: keys not an array", "PUT", "admin", keys, JSON, "{\"keys\":\"x\"}"),
                row("key set: unknown kty", "PUT", "admin", keys, JSON, "{\"keys\":[{\"kty\":\"nope\"}]}"),
                row("key set: oct without k", "PUT", "admin", keys, JSON, "{\"keys\":[{\"kty\":\"oct\"}]}"),
                row("key: not a JWK", "PUT", "admin", keys + "/k1", JSON, "{\"kty\":\"oct\",\"kid\":\"k1\"}"),
                // POST /oauth2/flush
                row("flush: malformed JSON", "POST", "admin", "/oauth2/flush", JSON, "{\"notAfter\""),
                row("flush: wrong type", "POST", "admin", "/oauth2/flush", JSON, "{\"notAfter\":true}"),
                row("flush: form body", "POST", "admin", "/oauth2/flush", FORM, "notAfter=now"),
                // POST /oauth2/introspect (form only, RFC 7662 §2.1)
                row("introspect: JSON body", "POST", "admin", "/oauth2/introspect", JSON, "{\"token\":\"x\"}"),
                row("introspect: empty body", "POST", "admin", "/oauth2/introspect", FORM, ""),
                row("introspect: 1 MB token", "POST", "admin", "/oauth2/introspect", FORM,
                        "token=" + "a".repeat(ONE_MEGABYTE)),
                // Public POST /oauth2/token and /oauth2/revoke (form only, RFC 6749 §3.2, RFC 7009 §2.1)
                row("token: JSON body", "POST", "public", "/oauth2/token", JSON,
                        "{\"grant_type\":\"client_credentials\"}"),
                row("token: empty body", "POST", "public", "/oauth2/token", FORM, ""),
                row("token: 1 MB form", "POST", "public", "/oauth2/token", FORM,
                        "grant_type=client_credentials&scope=" + "a".repeat(ONE_MEGABYTE)),
                row("token: bad percent-encoding", "POST", "public", "/oauth2/token", FORM, "grant_type=%zz"),
                row("revoke: JSON body", "POST", "public", "/oauth2/revoke", JSON, "{\"token\":\"x\"}"),
                row("revoke: 1 MB form", "POST", "public", "/oauth2/revoke", FORM,
                        "token=" + "a".repeat(ONE_MEGABYTE)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void whenInputIsBadThenA4xxJsonErrorWithoutInternalsAndNoStorageChange(String name, String method, String port,
                                                                         String path, String contentType,
                                                                         String body) {
        long clientsBefore = clientCount(server);
        String url = "admin".equals(port) ? server.adminUrl(path) : server.publicUrl(path);

        HttpResponse<String> response = ApiFixtures.send(server, method, url, contentType, body);

        assertThat(response.statusCode()).as(response.body()).isBetween(400, 499);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).as(response.body())
                .startsWith("application/json");
        JsonNode error = json(response);
        assertThat(error.path("error").isTextual()).as(response.body()).isTrue();
        assertThat(error.path("error").asText()).isNotEmpty();
        // No exception class names, stack frames or parser internals reach the client.
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at org.").doesNotContain("at java.")
                .doesNotContain("com.fasterxml").doesNotContainIgnoringCase("<html");
        assertStorageUnchanged(clientsBefore);
    }

    /** Same number of clients, the target client as it was and still usable, no key set created. */
    private void assertStorageUnchanged(long clientsBefore) {
        assertThat(clientCount(server)).isEqualTo(clientsBefore);
        assertThat(json(server.get(server.adminUrl("/clients/" + TARGET)))).isEqualTo(target);
        assertThat(server.get(server.adminUrl("/keys/" + KEY_SET)).statusCode()).isEqualTo(404);
        assertThat(ApiFixtures.tokenRequest(server, TARGET, "target-secret").statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"client_name\":\"a\\u0000b\"}", "{\"scope\":\"read\\u0000write\"}",
            "{\"metadata\":{\"note\":\"\\u0000\"}}"})
    void whenAClientFieldHoldsANulCharacterThen4xxNotServerError(String body) {
        long clientsBefore = clientCount(server);

        HttpResponse<String> response = server.json("POST", server.adminUrl("/clients"), body);

        assertThat(response.statusCode()).as(response.body()).isBetween(400, 499);
        assertThat(json(response).path("error").asText()).isIn("invalid_client_metadata", "invalid_request");
        assertStorageUnchanged(clientsBefore);
    }

    @Test
    void whenAPatchGivesAFieldTheWrongTypeThenTheErrorNamesTheFieldNotJavaTypes() {
        HttpResponse<String> response = ApiFixtures.send(server, "PATCH", server.adminUrl("/clients/" + TARGET), JSON,
                "[{\"op\":\"replace\",\"path\":\"/redirect_uris\",\"value\":\"x\"}]");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).doesNotContain("java.").doesNotContain("`").contains("redirect_uris");
    }
}
