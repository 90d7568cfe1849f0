package org.openauthz.authz.api.contract;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openauthz.admin.client.ApiClient;
import org.openauthz.admin.client.ApiException;
import org.openauthz.admin.client.api.AdminApi;
import org.openauthz.admin.client.model.FlushInactiveOAuth2TokensRequest;
import org.openauthz.admin.client.model.HealthStatus;
import org.openauthz.admin.client.model.InitialAccessToken;
import org.openauthz.admin.client.model.InitialAccessTokenRequest;
import org.openauthz.admin.client.model.JSONWebKey;
import org.openauthz.admin.client.model.JSONWebKeySet;
import org.openauthz.admin.client.model.JsonWebKeySetGeneratorRequest;
import org.openauthz.admin.client.model.OAuth2ApiError;
import org.openauthz.admin.client.model.OAuth2Client;
import org.openauthz.admin.client.model.OAuth2TokenIntrospection;
import org.openauthz.admin.client.model.PatchDocument;
import org.openauthz.admin.client.model.Version;
import org.openauthz.authz.api.ApiFixtures;
import org.openauthz.authz.testing.PostgresFixture;
import org.openauthz.authz.testing.TestServer;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.openauthz.authz.api.ApiFixtures.accessToken;
import static org.openauthz.authz.api.ApiFixtures.uniqueId;

/**
 * Drives every admin operation the server implements through the client generated from
 * {@code admin-client/src/main/openapi/admin-api.yaml}: if a generated model cannot read a real response, the spec
 * and the server disagree. The login, consent and logout request endpoints and the consent/login session endpoints
 * ({@code getLoginRequest}, {@code acceptLoginRequest}, {@code rejectLoginRequest}, {@code getConsentRequest},
 * {@code acceptConsentRequest}, {@code rejectConsentRequest}, {@code getLogoutRequest}, {@code acceptLogoutRequest},
 * {@code rejectLogoutRequest}, {@code listSubjectConsentSessions}, {@code revokeConsentSessions},
 * {@code revokeAuthenticationSession}) need a browser flow first; the flow ITs drive them through the same generated
 * client ({@code AuthorizationCodeFlowIT}, {@code LogoutIT}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminClientContractIT {
    private TestServer server;
    private ApiClient apiClient;
    private AdminApi admin;

    @BeforeAll
    void start() {
        server = TestServer.onPostgres(PostgresFixture.newDatabase().migrated(), Map.of());
        apiClient = new ApiClient().setBasePath(server.adminUrl(""));
        admin = new AdminApi(apiClient);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private OAuth2Client newClient(String id, String secret) {
        return new OAuth2Client().clientId(id).clientSecret(secret).grantTypes(List.of("client_credentials"))
                .scope("read write");
    }

    /** The error body of a failed call, read with the generated error model. */
    private OAuth2ApiError error(ApiException e) {
        try {
            return apiClient.getObjectMapper().readValue(e.getResponseBody(), OAuth2ApiError.class);
        } catch (Exception parse) {
            throw new AssertionError("error body does not fit OAuth2ApiError: " + e.getResponseBody(), parse);
        }
    }

    private String header(String name) {
        return apiClient.getResponseHeaders().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(e -> e.getValue().get(0)).findFirst().orElse(null);
    }

    @Test
    void whenClientsAreManagedThroughTheGeneratedClientThenEveryResponseParses() throws ApiException {
        String owner = uniqueId("contract-owner");
        String id = owner + "-a";

        OAuth2Client created = admin.createOAuth2Client(newClient(id, "contract-secret").owner(owner)
                .redirectUris(List.of("https://app.example.test/cb")).putMetadataItem("team", "payments"));

        assertThat(apiClient.getStatusCode()).isEqualTo(201);
        assertThat(header("Location")).endsWith("/clients/" + id);
        assertThat(created.getClientId()).isEqualTo(id);
        assertThat(created.getClientSecret()).isEqualTo("contract-secret");
        assertThat(created.getClientSecretExpiresAt()).isZero();
        assertThat(created.getMetadata()).containsEntry("team", "payments");
        assertThat(created.getCreatedAt()).isCloseTo(OffsetDateTime.now(),
                org.assertj.core.api.Assertions.within(Duration.ofMinutes(1)));
        assertThat(created.getAudience()).isEmpty();

        OAuth2Client fetched = admin.getOAuth2Client(id);
        assertThat(fetched.getClientSecret()).isNull();
        assertThat(fetched.getRedirectUris()).containsExactly("https://app.example.test/cb");
        assertThat(fetched.getCreatedAt()).isEqualTo(created.getCreatedAt());

        admin.createOAuth2Client(newClient(owner + "-b", null).owner(owner));
        List<OAuth2Client> page = admin.listOAuth2Clients(1L, 1L, null, owner);
        assertThat(page).extracting(OAuth2Client::getClientId).containsExactly(owner + "-b");
        assertThat(header("X-Total-Count")).isEqualTo("2");
        assertThat(header("Link")).contains("rel=\"first\"").contains("rel=\"prev\"").contains("rel=\"last\"");

        OAuth2Client updated = admin.updateOAuth2Client(id, fetched.clientName("updated").clientSecret(""));
        assertThat(updated.getClientName()).isEqualTo("updated");
        assertThat(updated.getClientSecret()).isNullOrEmpty();

        OAuth2Client patched = admin.patchOAuth2Client(id, List.of(
                new PatchDocument().op("replace").path("/client_name").value("patched"),
                new PatchDocument().op("add").path("/redirect_uris/-").value("https://two.example.test/cb")));
        assertThat(patched.getClientName()).isEqualTo("patched");
        assertThat(patched.getRedirectUris()).hasSize(2);
        // The secret survived PUT without a secret and PATCH (ory/hydra#2869 fixed).
        assertThat(accessToken(server, id, "contract-secret")).matches(ApiFixtures.OPAQUE_TOKEN);

        admin.deleteOAuth2Client(id);
        assertThat(apiClient.getStatusCode()).isEqualTo(204);
        ApiException gone = catchThrowableOfType(ApiException.class, () -> admin.getOAuth2Client(id));
        assertThat(gone.getCode()).isEqualTo(404);
        assertThat(error(gone).getError()).isNotEmpty();
    }

    @Test
    void whenCreatingADuplicateOrInvalidClientThenTheErrorBodyFitsTheErrorModel() throws ApiException {
        String id = uniqueId("contract-dup");
        admin.createOAuth2Client(newClient(id, "dup-secret"));

        ApiException conflict = catchThrowableOfType(ApiException.class,
                () -> admin.createOAuth2Client(newClient(id, "dup-secret")));
        ApiException invalid = catchThrowableOfType(ApiException.class,
                () -> admin.createOAuth2Client(new OAuth2Client().grantTypes(List.of("password"))));

        assertThat(conflict.getCode()).isEqualTo(409);
        assertThat(error(conflict).getError()).isNotEmpty();
        assertThat(invalid.getCode()).isEqualTo(400);
        assertThat(error(invalid).getError()).isEqualTo("invalid_client_metadata");
        assertThat(error(invalid).getErrorDescription()).isNotEmpty();
    }

    @Test
    void whenKeysAreManagedThroughTheGeneratedClientThenEveryResponseParses() throws ApiException {
        String set = uniqueId("contract-keys");

        JSONWebKeySet generated = admin.createJsonWebKeySet(set, new JsonWebKeySetGeneratorRequest().alg("ES256")
                .kid("contract-kid").use("sig"));
        assertThat(apiClient.getStatusCode()).isEqualTo(201);
        assertThat(generated.getKeys()).extracting(JSONWebKey::getKid).contains("contract-kid");
        JSONWebKey key = generated.getKeys().get(0);
        assertThat(key.getKty()).isEqualTo("EC");
        assertThat(key.getD()).isNotEmpty();
        admin.createJsonWebKeySet(set, new JsonWebKeySetGeneratorRequest().alg("RS256").kid("contract-rsa"));

        JSONWebKeySet whole = admin.getJsonWebKeySet(set);
        assertThat(whole.getKeys()).extracting(JSONWebKey::getKid)
                .containsExactlyInAnyOrder("contract-kid", "contract-rsa");
        JSONWebKeySet single = admin.getJsonWebKey(set, "contract-rsa");
        assertThat(single.getKeys()).singleElement().satisfies(k -> {
            assertThat(k.getKty()).isEqualTo("RSA");
            assertThat(k.getN()).isNotEmpty();
            assertThat(k.getD()).isNotEmpty();
        });

        JSONWebKey replacedKey = admin.updateJsonWebKey(set, "contract-kid", key.use("enc"));
        assertThat(replacedKey.getKid()).isEqualTo("contract-kid");
        assertThat(replacedKey.getUse()).isEqualTo("enc");
        assertThat(admin.getJsonWebKey(set, "contract-kid").getKeys().get(0).getUse()).isEqualTo("enc");

        JSONWebKeySet replacedSet = admin.updateJsonWebKeySet(set, new JSONWebKeySet().keys(List.of(key)));
        assertThat(replacedSet.getKeys()).extracting(JSONWebKey::getKid).containsExactly("contract-kid");
        assertThat(admin.getJsonWebKeySet(set).getKeys()).extracting(JSONWebKey::getKid)
                .containsExactly("contract-kid");

        admin.deleteJsonWebKey(set, "contract-kid");
        assertThat(apiClient.getStatusCode()).isEqualTo(204);
        assertThat(catchThrowableOfType(ApiException.class, () -> admin.getJsonWebKey(set, "contract-kid"))
                .getCode()).isEqualTo(404);
        admin.createJsonWebKeySet(set, new JsonWebKeySetGeneratorRequest().alg("HS256"));
        admin.deleteJsonWebKeySet(set);
        assertThat(apiClient.getStatusCode()).isEqualTo(204);
        ApiException missing = catchThrowableOfType(ApiException.class, () -> admin.getJsonWebKeySet(set));
        assertThat(missing.getCode()).isEqualTo(404);
        assertThat(error(missing).getError()).isNotEmpty();

        ApiException unknownAlg = catchThrowableOfType(ApiException.class,
                () -> admin.createJsonWebKeySet(set, new JsonWebKeySetGeneratorRequest().alg("RS1024")));
        assertThat(unknownAlg.getCode()).isEqualTo(400);
        assertThat(error(unknownAlg).getError()).isEqualTo("invalid_request");
    }

    @Test
    void whenTokensAreIntrospectedFlushedAndDeletedThroughTheGeneratedClientThenEveryResponseParses()
            throws ApiException {
        String id = uniqueId("contract-tokens");
        admin.createOAuth2Client(newClient(id, "tokens-secret"));
        String token = accessToken(server, id, "tokens-secret", "scope", "read");

        OAuth2TokenIntrospection active = admin.introspectOAuth2Token(token, null);
        assertThat(active.getActive()).isTrue();
        assertThat(active.getClientId()).isEqualTo(id);
        assertThat(active.getSub()).isEqualTo(id);
        assertThat(active.getScope()).isEqualTo("read");
        assertThat(active.getExp()).isGreaterThan(active.getIat());
        assertThat(active.getIss()).isEqualTo(server.issuer());
        assertThat(active.getTokenType()).isEqualTo("Bearer");
        assertThat(active.getTokenUse()).isEqualTo("access_token");
        assertThat(active.getAud()).isEmpty();
        assertThat(admin.introspectOAuth2Token(token, "write").getActive()).isFalse();
        assertThat(admin.introspectOAuth2Token("not-a-token", null).getActive()).isFalse();

        admin.flushInactiveOAuth2Tokens(new FlushInactiveOAuth2TokensRequest().notAfter(OffsetDateTime.now()));
        assertThat(apiClient.getStatusCode()).isEqualTo(204);
        admin.flushInactiveOAuth2Tokens(null);
        assertThat(apiClient.getStatusCode()).isEqualTo(204);
        assertThat(admin.introspectOAuth2Token(token, null).getActive()).isTrue();

        admin.deleteOAuth2Token(id);
        assertThat(apiClient.getStatusCode()).isEqualTo(204);
        assertThat(admin.introspectOAuth2Token(token, null).getActive()).isFalse();
    }

    @Test
    void whenHealthVersionAndMetricsAreFetchedThroughTheGeneratedClientThenEveryResponseParses()
            throws ApiException {
        HealthStatus alive = admin.isInstanceAlive();
        HealthStatus ready = admin.isInstanceReady();
        Version version = admin.getVersion();
        String metrics = admin.prometheus();

        assertThat(alive.getStatus()).isEqualTo("ok");
        assertThat(ready.getStatus()).isEqualTo("ok");
        assertThat(version.getVersion()).isNotBlank();
        assertThat(metrics).contains("# TYPE ");
    }

    @Test
    void whenAnInitialAccessTokenIsIssuedThroughTheGeneratedClientThenItsResponseParses() throws ApiException {
        InitialAccessToken issued = admin.createInitialAccessToken(
                new InitialAccessTokenRequest().expiresIn(600L).singleUse(true));

        assertThat(apiClient.getStatusCode()).isEqualTo(201);
        assertThat(issued.getInitialAccessToken()).matches("[A-Za-z0-9_-]{43}");
        assertThat(issued.getSingleUse()).isTrue();
        assertThat(issued.getExpiresAt()).isCloseTo(OffsetDateTime.now().plusMinutes(10),
                org.assertj.core.api.Assertions.within(Duration.ofMinutes(1)));
    }
}
