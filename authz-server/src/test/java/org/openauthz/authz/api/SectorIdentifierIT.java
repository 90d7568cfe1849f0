package org.openauthz.authz.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openauthz.authz.testing.PostgresFixture;
import org.openauthz.authz.testing.StubHttpServer;
import org.openauthz.authz.testing.TestServer;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openauthz.authz.api.ApiFixtures.assertJsonError;
import static org.openauthz.authz.api.ApiFixtures.json;

/**
 * Registering and updating clients with a {@code sector_identifier_uri} on the admin API, on PostgreSQL
 * (<a href="https://openid.net/specs/openid-connect-registration-1_0.html#SectorIdentifierValidation">OpenID Connect
 * Registration §5</a>, <a href="https://openid.net/specs/openid-connect-core-1_0.html#PairwiseAlg">OpenID Connect
 * Core §8.1</a>): the document is fetched from a real HTTP server and must list every redirect URI; anything else is
 * 400 {@code invalid_client_metadata} saying why.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SectorIdentifierIT {
    private static final String REDIRECT = "https://rp.example/cb";

    private TestServer server;
    private StubHttpServer documents;

    @BeforeAll
    void start() {
        documents = StubHttpServer.start();
        documents.answer("/listed.json", StubHttpServer.Answer.of(200, "[\"" + REDIRECT + "\"]"));
        server = TestServer.onPostgres(PostgresFixture.newDatabase().migrated(), Map.of(
                "oidc.subject_identifiers.supported_types", "public,pairwise",
                "oidc.subject_identifiers.pairwise.salt", "a-pairwise-salt"));
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
        if (documents != null) {
            documents.close();
        }
    }

    private static String body(String id, String subjectType, String sectorUri, String... redirectUris) {
        return "{\"client_id\":\"" + id + "\",\"subject_type\":\"" + subjectType + "\""
                + (sectorUri == null ? "" : ",\"sector_identifier_uri\":\"" + sectorUri + "\"")
                + ",\"redirect_uris\":[\"" + String.join("\",\"", redirectUris) + "\"]}";
    }

    private HttpResponse<String> create(String body) {
        return server.json("POST", server.adminUrl("/clients"), body);
    }

    private static String id() {
        return "sector-" + UUID.randomUUID();
    }

    @Test
    void whenTheDocumentListsEveryRedirectUriThenThePairwiseClientIsCreated() {
        String id = id();
        HttpResponse<String> created = create(body(id, "pairwise", documents.url("/listed.json"), REDIRECT));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(json(created).path("sector_identifier_uri").asText()).isEqualTo(documents.url("/listed.json"));
        assertThat(json(created).path("subject_type").asText()).isEqualTo("pairwise");
    }

    @Test
    void whenARedirectUriIsNotListedThenCreationIsRefusedNamingIt() {
        JsonNode error = assertJsonError(create(body(id(), "pairwise", documents.url("/listed.json"), REDIRECT,
                "https://elsewhere.example/cb")), 400, "invalid_client_metadata");

        assertThat(error.path("error_description").asText())
                .contains("'https://elsewhere.example/cb' is not listed").contains(documents.url("/listed.json"));
    }

    @Test
    void whenAPublicClientSetsASectorUriThenItIsCheckedToo() {
        assertJsonError(create(body(id(), "public", documents.url("/listed.json"), "https://elsewhere.example/cb")),
                400, "invalid_client_metadata");
    }

    static Stream<Arguments> unusableDocuments() {
        return Stream.of(
                Arguments.of(StubHttpServer.Answer.of(404, null), "answered HTTP 404"),
                Arguments.of(StubHttpServer.Answer.of(302, null), "answered HTTP 302 (redirects are not followed)"),
                Arguments.of(StubHttpServer.Answer.of(200, "not json"), "is not JSON"),
                Arguments.of(StubHttpServer.Answer.of(200, "{\"redirect_uris\":[]}"), "non-empty JSON array"),
                Arguments.of(StubHttpServer.Answer.of(200, "[]"), "non-empty JSON array"),
                Arguments.of(StubHttpServer.Answer.of(200, "[1,2]"), "array of strings"),
                Arguments.of(StubHttpServer.Answer.of(200, "[\"" + "x".repeat(70_000) + "\"]"), "larger than 64 KiB"));
    }

    @ParameterizedTest
    @MethodSource("unusableDocuments")
    void whenTheDocumentIsUnusableThenCreationIsRefusedSayingWhy(StubHttpServer.Answer answer, String why) {
        String path = "/doc-" + UUID.randomUUID() + ".json";
        documents.answer(path, answer);

        JsonNode error = assertJsonError(create(body(id(), "pairwise", documents.url(path), REDIRECT)), 400,
                "invalid_client_metadata");

        assertThat(error.path("error_description").asText()).contains(why);
    }

    @Test
    void whenTheDocumentDoesNotAnswerInTimeThenCreationIsRefused() {
        documents.answer("/slow.json", StubHttpServer.Answer.stallingBody(200, "[\"" + REDIRECT + "\"]",
                Duration.ofSeconds(7)));

        JsonNode error = assertJsonError(create(body(id(), "pairwise", documents.url("/slow.json"), REDIRECT)), 400,
                "invalid_client_metadata");

        assertThat(error.path("error_description").asText()).contains("did not answer within 5 s");
    }

    @Test
    void whenTheDocumentCannotBeReachedOrIsPlainHttpElsewhereThenCreationIsRefused() {
        assertThat(assertJsonError(create(body(id(), "pairwise", "https://127.0.0.1:1/sector.json", REDIRECT)), 400,
                "invalid_client_metadata").path("error_description").asText()).contains("could not be reached");
        assertThat(assertJsonError(create(body(id(), "pairwise", "http://sector.example/sector.json", REDIRECT)),
                400, "invalid_client_metadata").path("error_description").asText()).contains("must use https");
    }

    @Test
    void whenAnUpdateAddsAnUnlistedRedirectUriThenItIsRefusedAndTheClientIsUnchanged() {
        String id = id();
        String sector = documents.url("/listed.json");
        assertThat(create(body(id, "pairwise", sector, REDIRECT)).statusCode()).isEqualTo(201);

        assertJsonError(server.json("PUT", server.adminUrl("/clients/" + id),
                body(id, "pairwise", sector, REDIRECT, "https://elsewhere.example/cb")), 400, "invalid_client_metadata");

        JsonNode stored = json(server.get(server.adminUrl("/clients/" + id)));
        assertThat(stored.path("redirect_uris")).hasSize(1);
        assertThat(server.json("PUT", server.adminUrl("/clients/" + id), body(id, "pairwise", sector, REDIRECT))
                .statusCode()).isEqualTo(200);
    }

    @Test
    void whenAPairwiseClientWithoutSectorUriHasRedirectUrisOnTwoHostsThenItIsRefused() {
        JsonNode error = assertJsonError(create(body(id(), "pairwise", null, REDIRECT, "https://other.example/cb")),
                400, "invalid_client_metadata");

        assertThat(error.path("error_description").asText()).contains("several hosts")
                .contains("rp.example").contains("other.example").contains("sector_identifier_uri");
        assertThat(create(body(id(), "pairwise", null, REDIRECT, "https://rp.example/other")).statusCode())
                .isEqualTo(201);
        assertThat(create(body(id(), "public", null, REDIRECT, "https://other.example/cb")).statusCode())
                .isEqualTo(201);
    }
}
