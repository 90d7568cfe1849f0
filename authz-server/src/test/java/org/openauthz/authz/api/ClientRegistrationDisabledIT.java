package org.openauthz.authz.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openauthz.authz.testing.PostgresFixture;
import org.openauthz.authz.testing.TestServer;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openauthz.authz.api.ApiFixtures.assertJsonError;
import static org.openauthz.authz.api.ApiFixtures.json;

/**
 * Dynamic client registration is off by default: every registration path answers 404 and stores nothing, while a
 * {@code webfinger.oidc_discovery.client_registration_url} override is still advertised as it is (another service may
 * register clients, as in Hydra).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientRegistrationDisabledIT {
    private static final String ELSEWHERE = "https://registration.example/register";

    private TestServer server;

    @BeforeAll
    void start() {
        server = TestServer.onPostgres(PostgresFixture.newDatabase().migrated(), Map.of(
                "webfinger.oidc_discovery.client_registration_url", ELSEWHERE));
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void whenRegistrationIsOffThenEveryPathIsNotFoundAndNothingIsStored() {
        String register = server.publicUrl("/oauth2/register");
        JsonNode error = assertJsonError(server.json("POST", register,
                "{\"client_name\":\"off\",\"grant_types\":[\"client_credentials\"]}"), 404, "not_found");

        assertThat(error.path("error_description").asText()).contains("not enabled");
        assertThat(json(server.get(server.adminUrl("/clients?client_name=off")))).isEmpty();
        assertJsonError(server.send(HttpRequest.newBuilder(URI.create(register + "/some-client"))
                .header("Authorization", "Bearer token").GET().build()), 404, "not_found");
        assertJsonError(server.send(HttpRequest.newBuilder(URI.create(register + "/some-client"))
                .header("Authorization", "Bearer token").DELETE().build()), 404, "not_found");
    }

    @Test
    void whenRegistrationIsOffThenDiscoveryAdvertisesOnlyTheOverride() {
        JsonNode discovery = json(server.get(server.publicUrl("/.well-known/openid-configuration")));

        assertThat(discovery.path("registration_endpoint").asText()).isEqualTo(ELSEWHERE);
    }
}
