package org.openauthz.authz.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openauthz.authz.testing.PostgresFixture;
import org.openauthz.authz.testing.TestServer;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openauthz.authz.api.ApiFixtures.assertJsonError;
import static org.openauthz.authz.api.ApiFixtures.json;
import static org.openauthz.authz.api.ApiFixtures.object;
import static org.openauthz.authz.api.ApiFixtures.uniqueId;

/**
 * RFC 9700 §2.1.2 (<a href="https://www.rfc-editor.org/rfc/rfc9700#section-2.1.2">link</a>): with
 * {@code oauth2.implicit_access_tokens.allowed_for_new_clients} false (the default) no client may be created or
 * changed, through the admin API or dynamic registration, to receive access tokens from the authorization endpoint;
 * a client that already could keeps working (decision 0023). Two servers share one PostgreSQL database: one that
 * allows it stands for the clients made before, the strict one is under test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImplicitAccessTokensForNewClientsIT {
    private static final String SETTING = "OAUTH2_IMPLICIT_ACCESS_TOKENS_ALLOWED_FOR_NEW_CLIENTS";
    private static final String REDIRECT = "https://app.example/cb";

    private TestServer strict;
    private TestServer lenient;

    @BeforeAll
    void start() {
        PostgresFixture.Database database = PostgresFixture.newDatabase().migrated();
        strict = TestServer.onPostgres(database, Map.of(
                "oidc.dynamic_client_registration.enabled", "true",
                "oidc.dynamic_client_registration.allowed_grant_types", "authorization_code,implicit"));
        lenient = TestServer.onPostgres(database, Map.of("oauth2.implicit_access_tokens.allowed_for_new_clients",
                "true"));
    }

    @AfterAll
    void stop() {
        for (TestServer server : new TestServer[] {strict, lenient}) {
            if (server != null) {
                server.close();
            }
        }
    }

    private static ObjectNode client(String id, String grantTypes, String... responseTypes) {
        ObjectNode body = object().put("client_id", id).put("client_secret", "a-client-secret")
                .put("scope", "openid");
        for (String grant : grantTypes.split(",")) {
            body.withArray("grant_types").add(grant);
        }
        for (String type : responseTypes) {
            body.withArray("response_types").add(type);
        }
        body.putArray("redirect_uris").add(REDIRECT);
        return body;
    }

    private static HttpResponse<String> create(TestServer server, ObjectNode body) {
        return server.json("POST", server.adminUrl("/clients"), body.toString());
    }

    private static void assertRefusedNamingTheSetting(HttpResponse<String> response, String responseType) {
        JsonNode error = assertJsonError(response, 400, "invalid_client_metadata");
        assertThat(error.path("error_description").asText()).contains("'" + responseType + "'").contains(SETTING);
    }

    private int status(String id) {
        return strict.get(strict.adminUrl("/clients/" + id)).statusCode();
    }

    @Test
    void whenANewClientAsksForAnAccessTokenFromTheAuthorizationEndpointThenRefusedAndNothingIsStored() {
        for (String type : new String[] {"token", "id_token token", "code token", "code id_token token"}) {
            String id = uniqueId("implicit");

            assertRefusedNamingTheSetting(create(strict, client(id, "authorization_code,implicit", "code", type)),
                    type);
            assertThat(status(id)).as(type).isEqualTo(404);
        }
    }

    @Test
    void whenANewClientGetsNoAccessTokenFromTheAuthorizationEndpointThenCreated() {
        // Hydra's 5-minute guide: --grant-types client_credentials --response-types token,code. Without the implicit
        // grant the authorization endpoint never answers 'token', so this client is not affected.
        assertThat(create(strict, client(uniqueId("guide"), "client_credentials", "token", "code")).statusCode())
                .isEqualTo(201);
        assertThat(create(strict, client(uniqueId("id-token"), "authorization_code,implicit", "code", "id_token",
                "code id_token")).statusCode()).isEqualTo(201);
    }

    @Test
    void whenAnExistingImplicitClientIsUpdatedThenItKeepsItsResponseTypesButGainsNoNewOne() {
        String id = uniqueId("existing");
        assertThat(create(lenient, client(id, "authorization_code,implicit", "code", "token id_token"))
                .statusCode()).isEqualTo(201);

        HttpResponse<String> kept = strict.json("PUT", strict.adminUrl("/clients/" + id),
                client(id, "authorization_code,implicit", "code", "id_token token").put("client_name", "renamed")
                        .toString());
        assertThat(kept.statusCode()).as(kept.body()).isEqualTo(200);
        assertThat(json(kept).path("client_name").asText()).isEqualTo("renamed");

        HttpResponse<String> gained = strict.json("PATCH", strict.adminUrl("/clients/" + id),
                "[{\"op\":\"add\",\"path\":\"/response_types/-\",\"value\":\"code token\"}]");
        assertRefusedNamingTheSetting(gained, "code token");
        assertThat(json(strict.get(strict.adminUrl("/clients/" + id))).path("response_types").toString())
                .doesNotContain("code token");

        // The authorization endpoint still answers the client's implicit request (to the login page).
        HttpResponse<String> authorize = strict.get(strict.publicUrl("/oauth2/auth?client_id=" + id
                + "&response_type=id_token%20token&scope=openid&state=state-12345&nonce=nonce-12345&redirect_uri="
                + REDIRECT));
        assertThat(authorize.statusCode()).isEqualTo(302);
        assertThat(URI.create(authorize.headers().firstValue("Location").orElseThrow()).getPath())
                .isEqualTo("/oauth2/fallbacks/login");
    }

    @Test
    void whenAClientWithATokenResponseTypeGainsTheImplicitGrantThenRefused() {
        String id = uniqueId("guide");
        assertThat(create(strict, client(id, "client_credentials", "token", "code")).statusCode()).isEqualTo(201);

        HttpResponse<String> gained = strict.json("PUT", strict.adminUrl("/clients/" + id),
                client(id, "client_credentials,implicit", "token", "code").toString());

        assertRefusedNamingTheSetting(gained, "token");
    }

    @Test
    void whenAClientRegistersItselfForAnAccessTokenFromTheAuthorizationEndpointThenRefusedAndNothingIsStored() {
        String name = uniqueId("dcr");
        ObjectNode metadata = object().put("client_name", name);
        metadata.putArray("grant_types").add("implicit");
        metadata.putArray("response_types").add("token");
        metadata.putArray("redirect_uris").add(REDIRECT);

        HttpResponse<String> response = strict.json("POST", strict.publicUrl("/oauth2/register"),
                metadata.toString());

        assertRefusedNamingTheSetting(response, "token");
        assertThat(json(strict.get(strict.adminUrl("/clients?client_name=" + name))).size()).isZero();
    }
}
