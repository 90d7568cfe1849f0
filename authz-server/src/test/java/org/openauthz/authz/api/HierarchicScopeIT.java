package org.openauthz.authz.api;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openauthz.authz.testing.PostgresFixture;
import org.openauthz.authz.testing.TestServer;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openauthz.authz.api.ApiFixtures.assertJsonError;
import static org.openauthz.authz.api.ApiFixtures.createClientCredentialsClient;
import static org.openauthz.authz.api.ApiFixtures.introspect;
import static org.openauthz.authz.api.ApiFixtures.json;
import static org.openauthz.authz.api.ApiFixtures.tokenRequest;
import static org.openauthz.authz.api.ApiFixtures.uniqueId;

/**
 * {@code strategies.scope: DEPRECATED_HIERARCHICAL_SCOPE_STRATEGY}, Hydra v1.10's hierarchical scopes: a client
 * allowed {@code photos} may be granted {@code photos.read} (RFC 6749 §3.3 leaves scope semantics to the server), on
 * PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HierarchicScopeIT {
    private TestServer server;

    @BeforeAll
    void start() {
        server = TestServer.onPostgres(PostgresFixture.newDatabase().migrated(),
                Map.of("strategies.scope", "DEPRECATED_HIERARCHICAL_SCOPE_STRATEGY"));
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void whenTheClientMayHaveAParentScopeThenItIsGrantedAScopeBelowIt() {
        String id = createClientCredentialsClient(server, uniqueId("tree"), "tree-secret", "photos openid");

        HttpResponse<String> response = tokenRequest(server, id, "tree-secret", "scope", "photos.read photos.albums.list");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).path("scope").asText()).isEqualTo("photos.read photos.albums.list");
        String token = json(response).path("access_token").asText();
        // Introspection's scope check uses the same strategy.
        assertThat(introspect(server, token, "scope", "photos.read").path("active").asBoolean()).isTrue();
    }

    @Test
    void whenTheRequestedScopeIsAboveOrBesideTheAllowedOneThenInvalidScope() {
        String id = createClientCredentialsClient(server, uniqueId("leaf"), "leaf-secret", "photos.read");

        // RFC 6749 §5.2: invalid_scope. A child does not cover its parent, and "photos" does not cover "photosx".
        assertJsonError(tokenRequest(server, id, "leaf-secret", "scope", "photos"), 400, "invalid_scope");
        assertJsonError(tokenRequest(server, id, "leaf-secret", "scope", "photos.readx"), 400, "invalid_scope");
    }
}
