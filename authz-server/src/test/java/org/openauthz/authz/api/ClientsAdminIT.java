package org.openauthz.authz.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openauthz.authz.api.ApiFixtures.assertJsonError;
import static org.openauthz.authz.api.ApiFixtures.accessToken;
import static org.openauthz.authz.api.ApiFixtures.createClient;
import static org.openauthz.authz.api.ApiFixtures.introspect;
import static org.openauthz.authz.api.ApiFixtures.json;
import static org.openauthz.authz.api.ApiFixtures.object;
import static org.openauthz.authz.api.ApiFixtures.tokenRequest;
import static org.openauthz.authz.api.ApiFixtures.uniqueId;

/**
 * Admin {@code /clients} (metadata per <a href="https://www.rfc-editor.org/rfc/rfc7591#section-2">RFC 7591 §2</a>) on
 * PostgreSQL. Most tests run twice: against the v1.10 path and against the v2-style {@code /admin/clients} alias, which
 * must behave identically.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientsAdminIT {
    /** Generated secrets: 26 characters of Hydra v1.10's alphabet. */
    private static final Pattern GENERATED_SECRET = Pattern.compile("[A-Za-z0-9_.~-]{26}");
    private static final Pattern LINK = Pattern.compile("<([^>]*)>;\\s*rel=\"([a-z]+)\"");

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

    private String clients(String prefix) {
        return server.adminUrl(prefix + "/clients");
    }

    private HttpResponse<String> post(String prefix, String body) {
        return server.json("POST", clients(prefix), body);
    }

    private static ObjectNode clientCredentialsBody(String id, String secret) {
        ObjectNode body = object().put("client_id", id).put("client_secret", secret);
        body.putArray("grant_types").add("client_credentials");
        return body;
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/admin"})
    void whenClientIsCreatedThen201WithLocationAndTheFullHydraShape(String prefix) {
        String id = uniqueId("shape");
        ObjectNode body = clientCredentialsBody(id, "a-secret-value");
        body.put("scope", "read write");
        body.putArray("redirect_uris").add("https://app.example.test/cb");

        HttpResponse<String> created = post(prefix, body.toString());

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        // Hydra v1.10 answers "Location: /clients/<id>"; the path is what matters, not the authority.
        assertThat(URI.create(created.headers().firstValue("Location").orElseThrow()).getPath())
                .isEqualTo("/clients/" + id);
        assertThat(created.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        JsonNode client = json(created);
        assertThat(client.path("client_id").asText()).isEqualTo(id);
        assertThat(client.path("client_secret").asText()).isEqualTo("a-secret-value");
        assertThat(client.path("client_name").isTextual()).isTrue();
        assertThat(client.path("client_name").asText()).isEmpty();
        assertThat(client.path("redirect_uris")).hasSize(1);
        assertThat(client.path("grant_types").get(0).asText()).isEqualTo("client_credentials");
        assertThat(client.path("scope").asText()).isEqualTo("read write");
        // Lists the caller did not send read back as [] rather than null or absent, as in Hydra v1.10.
        for (String list : List.of("response_types", "audience", "allowed_cors_origins", "contacts")) {
            assertThat(client.path(list).isArray()).as(list).isTrue();
            assertThat(client.path(list)).as(list).isEmpty();
        }
        for (String text : List.of("owner", "policy_uri", "tos_uri", "client_uri", "logo_uri")) {
            assertThat(client.path(text).isTextual()).as(text).isTrue();
            assertThat(client.path(text).asText()).as(text).isEmpty();
        }
        assertThat(client.path("client_secret_expires_at").isIntegralNumber()).isTrue();
        assertThat(client.path("client_secret_expires_at").asLong()).isZero();
        assertThat(client.path("subject_type").asText()).isEqualTo("public");
        assertThat(client.path("token_endpoint_auth_method").asText()).isEqualTo("client_secret_basic");
        assertThat(client.path("userinfo_signed_response_alg").asText()).isEqualTo("none");
        assertThat(client.path("metadata").isObject()).isTrue();
        assertThat(client.path("metadata")).isEmpty();
        // created_at / updated_at are RFC 3339 date-times set by the server.
        OffsetDateTime createdAt = OffsetDateTime.parse(client.path("created_at").asText());
        OffsetDateTime updatedAt = OffsetDateTime.parse(client.path("updated_at").asText());
        assertThat(Duration.between(createdAt, OffsetDateTime.now()).abs()).isLessThan(Duration.ofMinutes(1));
        assertThat(updatedAt).isEqualTo(createdAt);
    }

    @Test
    void whenNoSecretIsGivenThenA26CharacterSecretIsGeneratedAndWorksAtTheTokenEndpoint() {
        String id = uniqueId("generated");
        ObjectNode body = object().put("client_id", id);
        body.putArray("grant_types").add("client_credentials");

        JsonNode client = createClient(server, body.toString());

        String secret = client.path("client_secret").asText();
        assertThat(secret).matches(GENERATED_SECRET);
        assertThat(tokenRequest(server, id, secret).statusCode()).isEqualTo(200);
    }

    @Test
    void whenNoClientIdIsGivenThenAUuidIsGenerated() {
        JsonNode client = createClient(server, "{}");

        // Hydra v1.10 generates a UUID v4 with dashes.
        assertThat(client.path("client_id").asText())
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(client.path("response_types")).isEmpty();
        assertThat(client.path("grant_types")).isEmpty();
    }

    @Test
    void whenClientIsPublicThenNoSecretIsReturned() {
        String id = uniqueId("public");

        JsonNode client = createClient(server, object().put("client_id", id)
                .put("token_endpoint_auth_method", "none").toString());

        // A "none" client is public (RFC 6749 §2.1 (https://www.rfc-editor.org/rfc/rfc6749#section-2.1)): it has no
        // secret at all.
        assertThat(client.has("client_secret")).isFalse();
        assertThat(client.path("token_endpoint_auth_method").asText()).isEqualTo("none");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/admin"})
    void whenClientIsFetchedThenItEqualsTheCreatedOneWithoutTheSecret(String prefix) {
        String id = uniqueId("fetch");
        ObjectNode created = (ObjectNode) createClient(server, clientCredentialsBody(id, "fetch-secret").toString());

        HttpResponse<String> fetched = server.get(clients(prefix) + "/" + id);

        assertThat(fetched.statusCode()).isEqualTo(200);
        JsonNode client = json(fetched);
        // The plaintext secret is only ever returned by create and by an update that sets it, as in Hydra v1.10.
        assertThat(client.has("client_secret")).isFalse();
        created.remove("client_secret");
        assertThat(client).isEqualTo(created);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/admin"})
    void whenUnknownClientIsFetchedThen404JsonError(String prefix) {
        // Hydra v1.10 answered 401 here; this server answers 404 on purpose (docs/decisions/0004-unknown-client-404).
        HttpResponse<String> response = server.get(clients(prefix) + "/" + uniqueId("missing"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(json(response).path("error").asText()).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/admin"})
    void whenClientsAreListedWithLimitAndOffsetThenTotalCountAndLinksDescribeThePages(String prefix) {
        // The owner filter keeps this listing to the clients of this test (the database is shared by the class).
        String owner = uniqueId("owner");
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            String id = owner + "-client-" + i;
            ids.add(id);
            createClient(server, clientCredentialsBody(id, "list-secret").put("owner", owner).toString());
        }

        HttpResponse<String> middle = server.get(clients(prefix) + "?owner=" + owner + "&limit=2&offset=2");

        assertThat(middle.statusCode()).isEqualTo(200);
        assertThat(middle.headers().firstValue("X-Total-Count")).contains("5");
        JsonNode page = json(middle);
        assertThat(page).hasSize(2);
        assertThat(List.of(page.get(0).path("client_id").asText(), page.get(1).path("client_id").asText()))
                .containsExactly(ids.get(2), ids.get(3));
        assertThat(page.get(0).has("client_secret")).isFalse();
        Map<String, String> links = links(middle);
        // RFC 8288 (https://www.rfc-editor.org/rfc/rfc8288) links; Hydra v1.10's relations are first, next, prev and
        // last.
        assertThat(links).containsOnlyKeys("first", "next", "prev", "last");
        assertThat(query(links.get("first"))).containsEntry("limit", "2").containsEntry("offset", "0")
                .containsEntry("owner", owner);
        assertThat(query(links.get("next"))).containsEntry("offset", "4");
        assertThat(query(links.get("prev"))).containsEntry("offset", "0");
        assertThat(query(links.get("last"))).containsEntry("offset", "4");

        HttpResponse<String> first = server.get(clients(prefix) + "?owner=" + owner + "&limit=2");
        assertThat(links(first)).doesNotContainKey("prev").containsKeys("first", "next", "last");
        HttpResponse<String> last = server.get(clients(prefix) + "?owner=" + owner + "&limit=2&offset=4");
        assertThat(json(last)).hasSize(1);
        assertThat(links(last)).doesNotContainKey("next").containsKeys("first", "prev", "last");
    }

    static Stream<Arguments> invalidPaging() {
        return Stream.of("", "/admin").flatMap(prefix -> Stream.of("limit=-1", "limit=abc", "offset=-1", "offset=abc")
                .map(query -> Arguments.of(prefix, query)));
    }

    @ParameterizedTest
    @MethodSource("invalidPaging")
    void whenLimitOrOffsetIsInvalidThen400(String prefix, String query) {
        HttpResponse<String> response = server.get(clients(prefix) + "?" + query);

        assertJsonError(response, 400, "invalid_request");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/admin"})
    void whenClientIsReplacedWithoutSecretThenTheOldSecretKeepsWorking(String prefix) {
        String id = uniqueId("put-keep");
        JsonNode original = createClient(server, clientCredentialsBody(id, "original-secret").toString());
        ObjectNode replacement = clientCredentialsBody(id, "").put("client_name", "renamed");

        HttpResponse<String> updated = server.json("PUT", clients(prefix) + "/" + id, replacement.toString());

        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        JsonNode client = json(updated);
        assertThat(client.path("client_name").asText()).isEqualTo("renamed");
        // An empty secret keeps the stored hash and is not echoed, as in Hydra v1.10.
        assertThat(client.path("client_secret").asText("")).isEmpty();
        assertThat(tokenRequest(server, id, "original-secret").statusCode()).isEqualTo(200);
        assertThat(json(server.get(clients(prefix) + "/" + id)).path("client_name").asText()).isEqualTo("renamed");
        // created_at is the server's record of the registration, not something an update can rewrite.
        assertThat(client.path("created_at")).isEqualTo(original.path("created_at"));
        assertThat(OffsetDateTime.parse(client.path("updated_at").asText()))
                .isAfterOrEqualTo(OffsetDateTime.parse(original.path("updated_at").asText()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/admin"})
    void whenAnUnknownClientIsReplacedOrPatchedThen404(String prefix) {
        String id = uniqueId("ghost");

        HttpResponse<String> put = server.json("PUT", clients(prefix) + "/" + id,
                clientCredentialsBody(id, "ghost-secret").toString());
        HttpResponse<String> patch = ApiFixtures.send(server, "PATCH", clients(prefix) + "/" + id,
                "application/json-patch+json", "[{\"op\":\"replace\",\"path\":\"/client_name\",\"value\":\"x\"}]");

        assertThat(put.statusCode()).as(put.body()).isEqualTo(404);
        assertThat(json(put).path("error").asText()).isNotEmpty();
        assertThat(patch.statusCode()).as(patch.body()).isEqualTo(404);
        // Neither call may create the client as a side effect.
        assertThat(server.get(clients(prefix) + "/" + id).statusCode()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/admin"})
    void whenClientIsReplacedWithNewSecretThenItIsEchoedAndOnlyTheNewSecretWorks(String prefix) {
        String id = uniqueId("put-new");
        createClient(server, clientCredentialsBody(id, "original-secret").toString());

        HttpResponse<String> updated = server.json("PUT", clients(prefix) + "/" + id,
                clientCredentialsBody(id, "replacement-secret").toString());

        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        assertThat(json(updated).path("client_secret").asText()).isEqualTo("replacement-secret");
        assertThat(tokenRequest(server, id, "replacement-secret").statusCode()).isEqualTo(200);
        assertThat(tokenRequest(server, id, "original-secret").statusCode()).isEqualTo(401);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/admin"})
    void whenClientIsPatchedThenNameAndRedirectUrisChangeAndTheSecretKeepsWorking(String prefix) {
        String id = uniqueId("patch");
        ObjectNode body = clientCredentialsBody(id, "patch-secret");
        body.putArray("redirect_uris").add("https://one.example.test/cb");
        createClient(server, body.toString());
        String patch = "[{\"op\":\"replace\",\"path\":\"/client_name\",\"value\":\"patched\"},"
                + "{\"op\":\"add\",\"path\":\"/redirect_uris/-\",\"value\":\"https://two.example.test/cb\"}]";

        HttpResponse<String> patched = ApiFixtures.send(server, "PATCH", clients(prefix) + "/" + id,
                "application/json-patch+json", patch);

        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        JsonNode client = json(patched);
        assertThat(client.path("client_name").asText()).isEqualTo("patched");
        assertThat(client.path("redirect_uris")).extracting(JsonNode::asText)
                .containsExactly("https://one.example.test/cb", "https://two.example.test/cb");
        assertThat(client.has("client_secret")).isFalse();
        assertThat(json(server.get(clients(prefix) + "/" + id)).path("client_name").asText()).isEqualTo("patched");
        // Hydra v1.10 re-hashed the stored hash on PATCH, breaking the secret (ory/hydra#2869); it must keep working.
        assertThat(tokenRequest(server, id, "patch-secret").statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/admin"})
    void whenClientIsDeletedThen204AndThen404(String prefix) {
        String id = uniqueId("delete");
        createClient(server, clientCredentialsBody(id, "delete-secret").toString());
        String token = accessToken(server, id, "delete-secret");

        HttpResponse<String> deleted = server.json("DELETE", clients(prefix) + "/" + id, null);

        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertThat(server.get(clients(prefix) + "/" + id).statusCode()).isEqualTo(404);
        // Its credentials and its tokens are gone with it: Hydra v1.10's delete cascades to requests and tokens.
        assertThat(tokenRequest(server, id, "delete-secret").statusCode()).isEqualTo(401);
        assertThat(introspect(server, token).path("active").asBoolean()).isFalse();
        HttpResponse<String> again = server.json("DELETE", clients(prefix) + "/" + id, null);
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(json(again).path("error").asText()).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/admin"})
    void whenUnknownClientIsDeletedThen404(String prefix) {
        HttpResponse<String> response = server.json("DELETE", clients(prefix) + "/" + uniqueId("never"), null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).path("error").asText()).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/admin"})
    void whenClientIdAlreadyExistsThen409(String prefix) {
        String id = uniqueId("duplicate");
        createClient(server, clientCredentialsBody(id, "first-secret").toString());

        HttpResponse<String> duplicate = post(prefix, clientCredentialsBody(id, "second-secret").toString());

        assertThat(duplicate.statusCode()).isEqualTo(409);
        assertThat(json(duplicate).path("error").asText()).isNotEmpty();
        // The first registration is untouched.
        assertThat(tokenRequest(server, id, "first-secret").statusCode()).isEqualTo(200);
    }

    static Stream<Arguments> invalidMetadata() {
        List<String> bodies = List.of(
                "{\"redirect_uris\":[\"not a url\"]}",
                "{\"redirect_uris\":[\"https://app.example.test/cb#fragment\"]}",
                "{\"token_endpoint_auth_method\":\"bogus\"}",
                "{\"client_secret\":\"short\"}",
                "{\"grant_types\":[\"password\"]}",
                "{\"response_types\":[\"code bogus\"]}",
                "{\"subject_type\":\"pairwise\"}",
                "{\"allowed_cors_origins\":[\"https://app.example.test/path\"]}",
                "{\"jwks_uri\":\"https://keys.example.test/jwks.json\",\"jwks\":{\"keys\":[]}}");
        return Stream.of("", "/admin").flatMap(prefix -> bodies.stream().map(body -> Arguments.of(prefix, body)));
    }

    @ParameterizedTest
    @MethodSource("invalidMetadata")
    void whenMetadataIsInvalidThen400InvalidClientMetadata(String prefix, String body) {
        // RFC 7591 §3.2.2: invalid_client_metadata for a field value the server rejects.
        assertJsonError(post(prefix, body), 400, "invalid_client_metadata");
    }

    @Test
    void whenClientIdContainsCharactersThatCannotRoundTripInAPathThen400() {
        // Decision 0004: ids travel in /clients/{id}; '%', '/', '?', '#' and '\\' would not come back intact.
        for (String bad : new String[] {"50%-off", "a/b", "a?b", "a#b", "a\\b"}) {
            HttpResponse<String> created = post("", clientCredentialsBody(uniqueId(bad), "percent-secret").toString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(400);
            assertThat(json(created).path("error").asText()).isEqualTo("invalid_client_metadata");
        }
    }

    @Test
    void whenClientIdHasUnusualButSafeCharactersThenLocationIsEncoded() {
        String id = uniqueId("a|b{c}");
        HttpResponse<String> created = post("", clientCredentialsBody(id, "pipe-secret").toString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(URI.create(created.headers().firstValue("Location").orElseThrow()).getPath())
                .isEqualTo("/clients/" + id);
    }

    @Test
    void whenOperationsGoThroughTheAdminAliasThenResultsAreIdentical() {
        String owner = uniqueId("alias-owner");
        String id = owner + "-client";
        createClient(server, clientCredentialsBody(id, "alias-secret").put("owner", owner).toString());

        for (String path : List.of("/" + id, "?owner=" + owner + "&limit=1", "/" + uniqueId("missing"),
                "?limit=abc")) {
            HttpResponse<String> plain = server.get(clients("") + path);
            HttpResponse<String> alias = server.get(clients("/admin") + path);
            assertThat(alias.statusCode()).as(path).isEqualTo(plain.statusCode());
            assertThat(json(alias)).as(path).isEqualTo(json(plain));
            for (String header : List.of("Content-Type", "X-Total-Count", "Link")) {
                assertThat(alias.headers().firstValue(header)).as(path + " " + header)
                        .isEqualTo(plain.headers().firstValue(header));
            }
        }
        HttpResponse<String> plainConflict = post("", clientCredentialsBody(id, "other-secret").toString());
        HttpResponse<String> aliasConflict = post("/admin", clientCredentialsBody(id, "other-secret").toString());
        assertThat(aliasConflict.statusCode()).isEqualTo(plainConflict.statusCode()).isEqualTo(409);
        assertThat(json(aliasConflict)).isEqualTo(json(plainConflict));
        HttpResponse<String> plainInvalid = post("", "{\"grant_types\":[\"password\"]}");
        HttpResponse<String> aliasInvalid = post("/admin", "{\"grant_types\":[\"password\"]}");
        assertThat(aliasInvalid.statusCode()).isEqualTo(plainInvalid.statusCode()).isEqualTo(400);
        assertThat(json(aliasInvalid)).isEqualTo(json(plainInvalid));
    }

    /** rel → URI of an RFC 8288 Link header. */
    private static Map<String, String> links(HttpResponse<String> response) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher matcher = LINK.matcher(response.headers().firstValue("Link").orElse(""));
        while (matcher.find()) {
            out.put(matcher.group(2), matcher.group(1));
        }
        return out;
    }

    private static Map<String, String> query(String uri) {
        Map<String, String> out = new LinkedHashMap<>();
        String raw = URI.create(uri).getRawQuery();
        for (String pair : raw.split("&")) {
            String[] kv = pair.split("=", 2);
            out.put(kv[0], kv.length > 1 ? java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8)
                    : "");
        }
        return out;
    }
}
