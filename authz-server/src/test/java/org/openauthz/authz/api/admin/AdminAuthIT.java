package org.openauthz.authz.api.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openauthz.authz.api.ApiFixtures;
import org.openauthz.authz.testing.PostgresFixture;
import org.openauthz.authz.testing.TestServer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openauthz.authz.api.ApiFixtures.accessToken;
import static org.openauthz.authz.api.ApiFixtures.createClientCredentialsClient;
import static org.openauthz.authz.api.ApiFixtures.form;
import static org.openauthz.authz.api.ApiFixtures.uniqueId;

/**
 * Admin-API authentication ({@code serve.admin.auth.enabled}, decision 0022) on PostgreSQL, with two replicas on one
 * database: one with the admin port open, as an operator has while creating the admin client, and one with
 * authentication on. Every operation of the committed spec (admin-api.yaml), at its v1 path and its {@code /admin}
 * alias, refuses a request without a token, and none refuses one with an admin token.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminAuthIT {
    private static final Path SPEC = Path.of("../admin-client/src/main/openapi/admin-api.yaml");
    private static final Set<String> OPEN = Set.of("/health/alive", "/health/ready");

    private TestServer open;
    private TestServer guarded;
    private String adminToken;
    private String introspectToken;

    @BeforeAll
    void start() {
        PostgresFixture.Database database = PostgresFixture.newDatabase().migrated();
        open = TestServer.onPostgres(database, Map.of());
        guarded = TestServer.onPostgres(database, Map.of("serve.admin.auth.enabled", "true"));
        String admin = createClientCredentialsClient(open, uniqueId("admin"), "admin-secret", "admin introspect");
        adminToken = accessToken(guarded, admin, "admin-secret", "scope", "admin");
        introspectToken = accessToken(guarded, admin, "admin-secret", "scope", "introspect");
    }

    @AfterAll
    void stop() {
        for (TestServer server : new TestServer[] {open, guarded}) {
            if (server != null) {
                server.close();
            }
        }
    }

    @Test
    void whenNoTokenIsSentThenEveryAdminOperationButHealthAnswers401WithABearerChallenge() throws IOException {
        List<String[]> routes = routes();
        assertThat(routes).hasSizeGreaterThan(40);
        for (String[] route : routes) {
            HttpResponse<String> response = call(route[0], route[1], null);
            if (OPEN.contains(route[1].replaceFirst("^/admin", ""))) {
                assertThat(response.statusCode()).as(route[0] + " " + route[1]).isEqualTo(200);
                continue;
            }
            ApiFixtures.assertJsonError(response, 401, "request_unauthorized");
            assertThat(response.headers().firstValue("WWW-Authenticate")).as(route[0] + " " + route[1])
                    .hasValue("Bearer realm=\"admin\"");
        }
    }

    @Test
    void whenAnAdminTokenIsSentThenNoOperationRefusesIt() throws IOException {
        for (String[] route : routes()) {
            int status = call(route[0], route[1], adminToken).statusCode();
            assertThat(status).as(route[0] + " " + route[1]).isNotIn(401, 403);
        }
        assertThat(call("GET", "/clients", adminToken).statusCode()).isEqualTo(200);
    }

    @Test
    void whenATokenHasOnlyTheIntrospectionScopeThenItMayIntrospectAndNothingElse() {
        HttpResponse<String> introspection = guarded.send(HttpRequest.newBuilder(
                        URI.create(guarded.adminUrl("/oauth2/introspect")))
                .header("Authorization", "Bearer " + introspectToken)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form("token", adminToken))).build());
        assertThat(introspection.statusCode()).isEqualTo(200);
        assertThat(ApiFixtures.json(introspection).path("active").asBoolean()).isTrue();

        HttpResponse<String> clients = call("GET", "/clients", introspectToken);
        ApiFixtures.assertJsonError(clients, 403, "insufficient_scope");
        assertThat(clients.headers().firstValue("WWW-Authenticate"))
                .hasValue("Bearer realm=\"admin\", error=\"insufficient_scope\"");
    }

    @Test
    void whenTheTokenIsRevokedOrUnknownThenItIsRefusedAtOnce() {
        String id = createClientCredentialsClient(open, uniqueId("revoked"), "revoked-secret", "admin");
        String token = accessToken(guarded, id, "revoked-secret", "scope", "admin");
        assertThat(call("GET", "/clients", token).statusCode()).isEqualTo(200);

        HttpResponse<String> revoked = guarded.postForm(guarded.publicUrl("/oauth2/revoke"), form("token", token), id,
                "revoked-secret");
        assertThat(revoked.statusCode()).isEqualTo(200);

        HttpResponse<String> refused = call("GET", "/clients", token);
        ApiFixtures.assertJsonError(refused, 401, "invalid_token");
        assertThat(refused.headers().firstValue("WWW-Authenticate"))
                .hasValue("Bearer realm=\"admin\", error=\"invalid_token\"");
        ApiFixtures.assertJsonError(call("GET", "/clients", "not-a-token"), 401, "invalid_token");
    }

    /** Method and path of every operation in the spec, path parameters filled in, also under /admin. */
    private static List<String[]> routes() throws IOException {
        JsonNode paths = new ObjectMapper(new YAMLFactory()).readTree(SPEC.toFile()).path("paths");
        List<String[]> routes = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            String concrete = path.getKey().replaceAll("\\{[^}]+}", "x");
            for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
                String method = methods.next().toUpperCase(java.util.Locale.ROOT);
                if (Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    routes.add(new String[] {method, concrete});
                    routes.add(new String[] {method, "/admin" + concrete});
                }
            }
        }
        return routes;
    }

    private HttpResponse<String> call(String method, String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(guarded.adminUrl(path)))
                .header("Content-Type", path.endsWith("/introspect") ? "application/x-www-form-urlencoded"
                        : "application/json")
                .method(method, "GET".equals(method) || "DELETE".equals(method)
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(path.endsWith("/introspect") ? "token=x" : "{}"));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return guarded.send(request.build());
    }
}
