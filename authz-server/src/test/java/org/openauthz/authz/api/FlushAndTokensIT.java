package org.openauthz.authz.api;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openauthz.authz.testing.PostgresFixture;
import org.openauthz.authz.testing.TestServer;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openauthz.authz.api.ApiFixtures.accessToken;
import static org.openauthz.authz.api.ApiFixtures.assertJsonError;
import static org.openauthz.authz.api.ApiFixtures.createClientCredentialsClient;
import static org.openauthz.authz.api.ApiFixtures.introspect;
import static org.openauthz.authz.api.ApiFixtures.uniqueId;

/**
 * Admin {@code POST /oauth2/flush} and {@code DELETE /oauth2/tokens?client_id=} (docs/operations.md). Two servers
 * share one PostgreSQL database: one issues 1-second tokens, the other the default 1-hour ones, so that expired and
 * live tokens sit side by side in {@code hydra_oauth2_access}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FlushAndTokensIT {
    private PostgresFixture.Database database;
    private TestServer server;
    private TestServer shortLived;

    @BeforeAll
    void start() {
        database = PostgresFixture.newDatabase().migrated();
        server = TestServer.onPostgres(database, Map.of());
        shortLived = TestServer.onPostgres(database, Map.of("ttl.access_token", "1s"));
    }

    @AfterAll
    void stop() {
        if (shortLived != null) {
            shortLived.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<String> flush(String body) {
        return server.json("POST", server.adminUrl("/oauth2/flush"), body);
    }

    /** Stored access-token signatures of a client: the part after the dot, the HMAC. */
    private List<String> storedSignatures(String clientId) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT signature FROM hydra_oauth2_access "
                + "WHERE client_id = :client").bind("client", clientId).mapTo(String.class).list());
    }

    private static String signature(String token) {
        return token.substring(token.indexOf('.') + 1);
    }

    @Test
    void whenFlushingUpToAnHourAheadThenOnlyExpiredTokensAreDeleted() throws InterruptedException {
        String id = createClientCredentialsClient(server, uniqueId("flush"), "flush-secret", null);
        String expired = accessToken(shortLived, id, "flush-secret");
        String live = accessToken(server, id, "flush-secret");
        Thread.sleep(2_000);
        assertThat(storedSignatures(id)).containsExactlyInAnyOrder(signature(expired), signature(live));

        // A notAfter in the past keeps a token that expired after it (Hydra v1.10 flushes what is older than its TTL
        // *and* notAfter).
        HttpResponse<String> early = flush("{\"notAfter\":\"" + Instant.now().minus(Duration.ofHours(1)) + "\"}");
        assertThat(early.statusCode()).as(early.body()).isEqualTo(204);
        assertThat(storedSignatures(id)).hasSize(2);

        HttpResponse<String> flushed = flush("{\"notAfter\":\"" + Instant.now().plus(Duration.ofHours(1)) + "\"}");

        assertThat(flushed.statusCode()).as(flushed.body()).isEqualTo(204);
        assertThat(flushed.body()).isEmpty();
        // A notAfter in the future never deletes a token that is still valid.
        assertThat(storedSignatures(id)).containsExactly(signature(live));
        assertThat(introspect(server, live).path("active").asBoolean()).isTrue();
        assertThat(introspect(server, expired).path("active").asBoolean()).isFalse();
    }

    @Test
    void whenFlushHasNoBodyThenItFlushesUpToNow() {
        // notAfter defaults to now, as in Hydra v1.10.
        HttpResponse<String> response = server.json("POST", server.adminUrl("/oauth2/flush"), null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"notAfter\":", "not json", "{\"notAfter\":\"yesterday\"}", "[]"})
    void whenFlushBodyIsMalformedThen400(String body) {
        assertJsonError(flush(body), 400, "invalid_request");
    }

    @Test
    void whenFlushBodyHasAnUnknownFieldThen400() {
        // A typo such as "not_after" must not silently flush up to now.
        assertJsonError(flush("{\"not_after\":\"2020-01-01T00:00:00Z\"}"), 400, "invalid_request");
    }

    @Test
    void whenAClientsTokensAreDeletedThen204AndOnlyThatClientsTokensAreInactive() {
        String id = createClientCredentialsClient(server, uniqueId("delete-tokens"), "delete-secret", null);
        String bystander = createClientCredentialsClient(server, uniqueId("bystander"), "bystander-secret", null);
        String first = accessToken(server, id, "delete-secret");
        String second = accessToken(server, id, "delete-secret");
        String untouched = accessToken(server, bystander, "bystander-secret");

        HttpResponse<String> response = server.json("DELETE", server.adminUrl("/oauth2/tokens?client_id=" + id), null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
        assertThat(introspect(server, first).path("active").asBoolean()).isFalse();
        assertThat(introspect(server, second).path("active").asBoolean()).isFalse();
        assertThat(storedSignatures(id)).isEmpty();
        assertThat(introspect(server, untouched).path("active").asBoolean()).isTrue();
        // The client itself stays and can get new tokens.
        assertThat(introspect(server, accessToken(server, id, "delete-secret")).path("active").asBoolean()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/oauth2/tokens", "/oauth2/tokens?client_id="})
    void whenClientIdIsMissingThen400(String path) {
        assertJsonError(server.json("DELETE", server.adminUrl(path), null), 400, "invalid_request");
    }
}
