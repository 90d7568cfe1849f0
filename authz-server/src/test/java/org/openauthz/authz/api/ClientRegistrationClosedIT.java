package org.openauthz.authz.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.client.ClientMetadata;
import com.nimbusds.oauth2.sdk.client.ClientRegistrationErrorResponse;
import com.nimbusds.oauth2.sdk.client.ClientRegistrationRequest;
import com.nimbusds.oauth2.sdk.client.ClientRegistrationResponse;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openauthz.authz.testing.PostgresFixture;
import org.openauthz.authz.testing.TestServer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openauthz.authz.api.ApiFixtures.assertJsonError;
import static org.openauthz.authz.api.ApiFixtures.json;

/**
 * Closed registration on PostgreSQL (RFC 7591 §3): registering needs an initial access token that the administrator
 * issues on the admin API; a single-use one works for exactly one registration, and a refused request does not
 * spend it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientRegistrationClosedIT {
    private TestServer server;
    private URI endpoint;

    @BeforeAll
    void start() {
        server = TestServer.onPostgres(PostgresFixture.newDatabase().migrated(), Map.of(
                "oidc.dynamic_client_registration.enabled", "true",
                "oidc.dynamic_client_registration.initial_access_token_required", "true",
                "oidc.dynamic_client_registration.allowed_scope", "photos.read"));
        endpoint = URI.create(server.publicUrl("/oauth2/register"));
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private JsonNode issue(String body) {
        HttpResponse<String> issued = server.json("POST", server.adminUrl("/oauth2/register/initial-access-tokens"),
                body);
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        return json(issued);
    }

    private static ClientMetadata metadata(String name) {
        ClientMetadata metadata = new ClientMetadata();
        metadata.setName(name);
        metadata.setGrantTypes(Set.of(GrantType.CLIENT_CREDENTIALS));
        metadata.setScope(new Scope("photos.read"));
        return metadata;
    }

    private ClientRegistrationResponse register(ClientMetadata metadata, String initialToken) throws Exception {
        try {
            return ClientRegistrationResponse.parse(new ClientRegistrationRequest(endpoint, metadata,
                    initialToken == null ? null : new BearerAccessToken(initialToken)).toHTTPRequest().send());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String errorCode(ClientRegistrationResponse response) {
        assertThat(response.indicatesSuccess()).isFalse();
        return ((ClientRegistrationErrorResponse) response).getErrorObject().getCode();
    }

    private int storedWithName(String name) {
        return json(server.get(server.adminUrl("/clients?client_name=" + name))).size();
    }

    @Test
    void whenNoOrAnUnknownInitialTokenIsPresentedThenInvalidTokenAndNothingIsStored() throws Exception {
        String name = "closed-" + UUID.randomUUID();

        assertThat(errorCode(register(metadata(name), null))).isEqualTo("invalid_token");
        assertThat(errorCode(register(metadata(name), "made-up-token"))).isEqualTo("invalid_token");
        assertThat(storedWithName(name)).isZero();
    }

    @Test
    void whenASingleUseTokenIsIssuedThenItRegistersExactlyOneClient() throws Exception {
        JsonNode issued = issue("{\"single_use\":true,\"expires_in\":600}");
        String token = issued.path("initial_access_token").asText();
        assertThat(issued.path("single_use").asBoolean()).isTrue();
        assertThat(Instant.parse(issued.path("expires_at").asText())).isAfter(Instant.now().plusSeconds(590));

        assertThat(register(metadata("closed-" + UUID.randomUUID()), token).indicatesSuccess()).isTrue();
        assertThat(errorCode(register(metadata("closed-" + UUID.randomUUID()), token))).isEqualTo("invalid_token");
    }

    @Test
    void whenTheMetadataIsRefusedThenTheSingleUseTokenIsNotSpent() throws Exception {
        String token = issue("{\"single_use\":true}").path("initial_access_token").asText();
        ClientMetadata refused = metadata("closed-" + UUID.randomUUID());
        refused.setScope(new Scope("admin"));

        assertThat(errorCode(register(refused, token))).isEqualTo("invalid_client_metadata");
        assertThat(register(metadata("closed-" + UUID.randomUUID()), token).indicatesSuccess()).isTrue();
    }

    @Test
    void whenAReusableTokenIsIssuedWithoutABodyThenItLastsADayForManyRegistrations() throws Exception {
        HttpResponse<String> issued = server.send(HttpRequest.newBuilder(
                URI.create(server.adminUrl("/oauth2/register/initial-access-tokens")))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        String token = json(issued).path("initial_access_token").asText();
        assertThat(json(issued).path("single_use").asBoolean()).isFalse();

        assertThat(register(metadata("closed-" + UUID.randomUUID()), token).indicatesSuccess()).isTrue();
        assertThat(register(metadata("closed-" + UUID.randomUUID()), token).indicatesSuccess()).isTrue();
    }

    @Test
    void whenTheTokenHasExpiredThenInvalidToken() throws Exception {
        String token = issue("{\"expires_in\":1}").path("initial_access_token").asText();
        Thread.sleep(1100);

        assertThat(errorCode(register(metadata("closed-" + UUID.randomUUID()), token))).isEqualTo("invalid_token");
    }

    @Test
    void whenTheIssueRequestIsBadThenInvalidRequest() {
        String url = server.adminUrl("/oauth2/register/initial-access-tokens");
        assertJsonError(server.json("POST", url, "{\"expires_in\":0}"), 400, "invalid_request");
        assertJsonError(server.json("POST", url, "{\"expires_in\":\"soon\"}"), 400, "invalid_request");
        assertJsonError(server.json("POST", url, "{\"lifetime\":60}"), 400, "invalid_request");
        assertJsonError(server.json("POST", url, "not json"), 400, "invalid_request");
    }
}
