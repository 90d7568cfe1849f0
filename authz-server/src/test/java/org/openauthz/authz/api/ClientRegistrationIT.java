package org.openauthz.authz.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.client.ClientDeleteRequest;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import com.nimbusds.oauth2.sdk.client.ClientInformationResponse;
import com.nimbusds.oauth2.sdk.client.ClientMetadata;
import com.nimbusds.oauth2.sdk.client.ClientReadRequest;
import com.nimbusds.oauth2.sdk.client.ClientRegistrationErrorResponse;
import com.nimbusds.oauth2.sdk.client.ClientRegistrationRequest;
import com.nimbusds.oauth2.sdk.client.ClientRegistrationResponse;
import com.nimbusds.oauth2.sdk.client.ClientUpdateRequest;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.SubjectType;
import com.nimbusds.openid.connect.sdk.rp.OIDCClientInformation;
import com.nimbusds.openid.connect.sdk.rp.OIDCClientInformationResponse;
import com.nimbusds.openid.connect.sdk.rp.OIDCClientMetadata;
import com.nimbusds.openid.connect.sdk.rp.OIDCClientRegistrationRequest;
import com.nimbusds.openid.connect.sdk.rp.OIDCClientRegistrationResponseParser;
import com.nimbusds.openid.connect.sdk.rp.OIDCClientUpdateRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openauthz.authz.testing.PostgresFixture;
import org.openauthz.authz.testing.StubHttpServer;
import org.openauthz.authz.testing.TestServer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openauthz.authz.api.ApiFixtures.assertJsonError;
import static org.openauthz.authz.api.ApiFixtures.json;

/**
 * Dynamic client registration on PostgreSQL, driven by Nimbus oauth2-oidc-sdk's registration client: RFC 7591
 * registration, RFC 7592 read, update and delete with the registration access token, the OpenID Connect variants,
 * and the errors of RFC 7591 §3.2.2 for every bad input, each leaving nothing stored.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientRegistrationIT {
    private static final String SECTOR_REDIRECT = "https://rp.example/cb";

    private TestServer server;
    private StubHttpServer documents;
    private URI endpoint;

    @BeforeAll
    void start() {
        documents = StubHttpServer.start();
        documents.answer("/sector.json", StubHttpServer.Answer.of(200, "[\"" + SECTOR_REDIRECT + "\"]"));
        server = TestServer.onPostgres(PostgresFixture.newDatabase().migrated(), Map.of(
                "oidc.dynamic_client_registration.enabled", "true",
                "oidc.dynamic_client_registration.default_scope", "openid",
                "oidc.dynamic_client_registration.allowed_scope", "openid offline photos.read",
                "oidc.dynamic_client_registration.allowed_token_endpoint_auth_methods",
                "client_secret_basic,client_secret_post",
                "oidc.dynamic_client_registration.max_metadata_bytes", "4096",
                "oidc.subject_identifiers.supported_types", "public,pairwise",
                "oidc.subject_identifiers.pairwise.salt", "a-pairwise-salt"));
        endpoint = URI.create(server.publicUrl("/oauth2/register"));
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

    private static String name() {
        return "dcr-" + UUID.randomUUID();
    }

    private static ClientMetadata serviceMetadata(String name) {
        ClientMetadata metadata = new ClientMetadata();
        metadata.setName(name);
        metadata.setGrantTypes(Set.of(GrantType.CLIENT_CREDENTIALS));
        metadata.setScope(new Scope("photos.read"));
        return metadata;
    }

    private static HTTPResponse send(HTTPRequest request) {
        try {
            return request.send();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private ClientInformation register(ClientMetadata metadata) throws ParseException {
        ClientRegistrationResponse response = ClientRegistrationResponse.parse(
                send(new ClientRegistrationRequest(endpoint, metadata, null).toHTTPRequest()));
        assertThat(response.indicatesSuccess()).as(() -> response.toErrorResponse().getErrorObject().toString())
                .isTrue();
        return ((ClientInformationResponse) response).getClientInformation();
    }

    private static ErrorObject error(HTTPResponse response) throws ParseException {
        ClientRegistrationResponse parsed = ClientRegistrationResponse.parse(response);
        assertThat(parsed.indicatesSuccess()).isFalse();
        return ((ClientRegistrationErrorResponse) parsed).getErrorObject();
    }

    /** The admin API's view: how many clients carry this name (0 when a refused request stored nothing). */
    private int storedWithName(String name) {
        return json(server.get(server.adminUrl("/clients?client_name=" + name))).size();
    }

    private HttpResponse<String> post(String body) {
        return server.json("POST", endpoint.toString(), body);
    }

    @Test
    void whenAClientRegistersThenItGetsServerChosenCredentialsAndCanUseThem() throws Exception {
        ClientInformation info = register(serviceMetadata(name()));

        assertThat(info.getID().getValue()).isNotBlank();
        assertThat(info.getSecret().getValue()).hasSizeGreaterThanOrEqualTo(26);
        assertThat(info.getSecret().getExpirationDate()).as("client_secret_expires_at 0: never").isNull();
        assertThat(info.getIDIssueDate()).isNotNull();
        assertThat(info.getRegistrationAccessToken().getValue()).hasSize(43);
        assertThat(info.getRegistrationURI()).isEqualTo(URI.create(endpoint + "/" + info.getID().getValue()));
        assertThat(info.getMetadata().getTokenEndpointAuthMethod())
                .isEqualTo(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);

        TokenResponse token = TokenResponse.parse(send(new TokenRequest(URI.create(server.publicUrl("/oauth2/token")),
                new ClientSecretBasic(info.getID(), info.getSecret()), new ClientCredentialsGrant(),
                new Scope("photos.read")).toHTTPRequest()));
        assertThat(token.indicatesSuccess()).as(() -> token.toErrorResponse().getErrorObject().toString()).isTrue();
        assertThat(token.toSuccessResponse().getTokens().getAccessToken().getScope())
                .isEqualTo(new Scope("photos.read"));
    }

    @Test
    void whenTheClientReadsUpdatesAndDeletesItselfThenEachUpdateReplacesTheToken() throws Exception {
        ClientInformation info = register(serviceMetadata(name()));
        URI self = info.getRegistrationURI();
        BearerAccessToken first = info.getRegistrationAccessToken();

        ClientInformation read = ((ClientInformationResponse) ClientRegistrationResponse.parse(
                send(new ClientReadRequest(self, first).toHTTPRequest()))).getClientInformation();
        assertThat(read.getID()).isEqualTo(info.getID());
        assertThat(read.getSecret()).as("only the hash is stored").isNull();
        assertThat(read.getMetadata().getScope()).isEqualTo(new Scope("photos.read"));

        ClientMetadata changed = serviceMetadata("renamed-" + UUID.randomUUID());
        ClientInformation updated = ((ClientInformationResponse) ClientRegistrationResponse.parse(send(
                new ClientUpdateRequest(self, info.getID(), first, changed, info.getSecret()).toHTTPRequest())))
                .getClientInformation();
        assertThat(updated.getMetadata().getName()).isEqualTo(changed.getName());
        BearerAccessToken second = updated.getRegistrationAccessToken();
        assertThat(second).isNotEqualTo(first);
        assertThat(error(send(new ClientReadRequest(self, first).toHTTPRequest())).getCode())
                .as("the replaced token is spent").isEqualTo("invalid_token");
        assertThat(error(send(new ClientUpdateRequest(self, info.getID(), first, changed, null).toHTTPRequest()))
                .getCode()).isEqualTo("invalid_token");

        HTTPResponse deleted = send(new ClientDeleteRequest(self, second).toHTTPRequest());
        assertThat(deleted.getStatusCode()).isEqualTo(204);
        assertThat(error(send(new ClientReadRequest(self, second).toHTTPRequest())).getCode())
                .isEqualTo("invalid_token");
        assertThat(server.get(server.adminUrl("/clients/" + info.getID().getValue())).statusCode()).isEqualTo(404);
    }

    @Test
    void whenAnOpenIdClientRegistersAndUpdatesThenTheOidcMetadataIsKept() throws Exception {
        OIDCClientMetadata metadata = new OIDCClientMetadata();
        metadata.setName(name());
        metadata.setRedirectionURIs(Set.of(URI.create(SECTOR_REDIRECT)));
        metadata.setGrantTypes(Set.of(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN));
        metadata.setScope(new Scope("openid", "offline"));
        metadata.setSubjectType(SubjectType.PAIRWISE);
        metadata.setTokenEndpointAuthMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST);

        OIDCClientInformationResponse registered = (OIDCClientInformationResponse) OIDCClientRegistrationResponseParser
                .parse(send(new OIDCClientRegistrationRequest(endpoint, metadata, null).toHTTPRequest()));
        OIDCClientInformation info = registered.getOIDCClientInformation();
        assertThat(registered.isForNewClient()).as("201 Created").isTrue();
        assertThat(info.getOIDCMetadata().getSubjectType()).isEqualTo(SubjectType.PAIRWISE);
        assertThat(info.getOIDCMetadata().getRedirectionURIs()).containsExactly(URI.create(SECTOR_REDIRECT));

        metadata.setPostLogoutRedirectionURIs(Set.of(URI.create("https://rp.example/bye")));
        OIDCClientInformationResponse updated = (OIDCClientInformationResponse) OIDCClientRegistrationResponseParser
                .parse(send(new OIDCClientUpdateRequest(info.getRegistrationURI(), info.getID(),
                        info.getRegistrationAccessToken(), metadata, null).toHTTPRequest()));
        assertThat(updated.getOIDCClientInformation().getOIDCMetadata().getPostLogoutRedirectionURIs())
                .containsExactly(URI.create("https://rp.example/bye"));
        assertThat(updated.getOIDCClientInformation().getOIDCMetadata().getSubjectType())
                .isEqualTo(SubjectType.PAIRWISE);
    }

    @Test
    void whenAnotherClientsTokenOrNoTokenIsUsedThenInvalidTokenAndNothingChanges() throws Exception {
        ClientInformation victim = register(serviceMetadata(name()));
        ClientInformation other = register(serviceMetadata(name()));
        URI victimUri = victim.getRegistrationURI();
        BearerAccessToken foreign = other.getRegistrationAccessToken();

        assertThat(error(send(new ClientReadRequest(victimUri, foreign).toHTTPRequest())).getCode())
                .isEqualTo("invalid_token");
        assertThat(error(send(new ClientUpdateRequest(victimUri, victim.getID(), foreign, serviceMetadata("taken"),
                null).toHTTPRequest())).getCode()).isEqualTo("invalid_token");
        HTTPResponse delete = send(new ClientDeleteRequest(victimUri, foreign).toHTTPRequest());
        assertThat(delete.getStatusCode()).isEqualTo(401);
        assertThat(delete.getWWWAuthenticate()).isEqualTo("Bearer error=\"invalid_token\"");

        HttpResponse<String> noToken = server.get(victimUri.toString());
        JsonNode unknownClient = assertJsonError(server.send(HttpRequest.newBuilder(
                URI.create(endpoint + "/no-such-client")).header("Authorization", "Bearer " + foreign.getValue())
                .GET().build()), 401, "invalid_token");
        assertThat(json(noToken)).as("an unknown client and a wrong token look alike").isEqualTo(unknownClient);
        assertThat(json(server.get(server.adminUrl("/clients/" + victim.getID().getValue()))).path("client_name")
                .asText()).isEqualTo(victim.getMetadata().getName());
    }

    @Test
    void whenARedirectUriIsPlainHttpToAWebHostThenInvalidRedirectUriAndNothingIsStored() throws Exception {
        String name = name();
        ClientMetadata metadata = serviceMetadata(name);
        metadata.setGrantTypes(Set.of(GrantType.AUTHORIZATION_CODE));
        metadata.setScope(new Scope("openid"));
        metadata.setRedirectionURI(URI.create("http://app.example/cb"));

        ErrorObject error = error(send(new ClientRegistrationRequest(endpoint, metadata, null).toHTTPRequest()));

        assertThat(error.getCode()).isEqualTo("invalid_redirect_uri");
        assertThat(error.getHTTPStatusCode()).isEqualTo(400);
        assertThat(error.getDescription()).contains("http://app.example/cb");
        assertThat(storedWithName(name)).isZero();
    }

    @Test
    void whenARedirectUriIsHttpToLoopbackThenANativeClientMayRegister() throws Exception {
        ClientMetadata metadata = serviceMetadata(name());
        metadata.setGrantTypes(Set.of(GrantType.AUTHORIZATION_CODE));
        metadata.setScope(new Scope("openid"));
        metadata.setRedirectionURI(URI.create("http://127.0.0.1:8123/callback"));

        assertThat(register(metadata).getMetadata().getRedirectionURIs())
                .containsExactly(URI.create("http://127.0.0.1:8123/callback"));
    }

    @Test
    void whenACodeClientHasNoRedirectUriThenInvalidRedirectUri() {
        String name = name();
        assertJsonError(post("{\"client_name\":\"" + name + "\",\"grant_types\":[\"authorization_code\"]}"), 400,
                "invalid_redirect_uri");
        assertThat(storedWithName(name)).isZero();
    }

    @Test
    void whenUnknownFieldsAreSentThenTheyAreIgnoredAndNotStored() {
        String name = name();
        HttpResponse<String> created = post("{\"client_name\":\"" + name + "\",\"grant_types\":[\"client_credentials\"],"
                + "\"scope\":\"photos.read\",\"software_flavour\":\"vanilla\",\"x\":{\"nested\":[1,2]}}");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(json(created).has("software_flavour")).isFalse();
        JsonNode stored = json(server.get(server.adminUrl("/clients/" + json(created).path("client_id").asText())));
        assertThat(stored.has("software_flavour")).isFalse();
        assertThat(stored.has("x")).isFalse();
    }

    @Test
    void whenAdminFieldsAreSentThenTheyAreIgnored() {
        String name = name();
        HttpResponse<String> created = post("{\"client_name\":\"" + name + "\",\"grant_types\":[\"client_credentials\"],"
                + "\"scope\":\"photos.read\",\"owner\":\"admin\",\"audience\":[\"https://payments.example\"],"
                + "\"metadata\":{\"trusted\":true},\"client_id\":\"chosen-id\"}");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode stored = json(server.get(server.adminUrl("/clients/" + json(created).path("client_id").asText())));
        assertThat(stored.path("client_id").asText()).isNotEqualTo("chosen-id");
        assertThat(stored.path("owner").asText()).isEmpty();
        assertThat(stored.path("audience")).isEmpty();
        assertThat(stored.path("metadata")).isEmpty();
    }

    @Test
    void whenTheAdministratorSetAdminFieldsThenASelfUpdateKeepsThem() throws Exception {
        ClientInformation info = register(serviceMetadata(name()));
        String adminUrl = server.adminUrl("/clients/" + info.getID().getValue());
        String current = server.get(adminUrl).body();
        JsonNode withOwner = json(server.json("PUT", adminUrl, ((com.fasterxml.jackson.databind.node.ObjectNode)
                ApiFixtures.parse(current)).put("owner", "team-photos").toString()));
        assertThat(withOwner.path("owner").asText()).isEqualTo("team-photos");

        ClientInformationResponse updated = (ClientInformationResponse) ClientRegistrationResponse.parse(send(
                new ClientUpdateRequest(info.getRegistrationURI(), info.getID(), info.getRegistrationAccessToken(),
                        serviceMetadata("renamed"), null).toHTTPRequest()));

        assertThat(updated.getClientInformation().getMetadata().getName()).isEqualTo("renamed");
        assertThat(json(server.get(adminUrl)).path("owner").asText()).isEqualTo("team-photos");
    }

    @Test
    void whenTheCallerChoosesASecretThenInvalidClientMetadataAndNothingIsStored() {
        String name = name();
        JsonNode error = assertJsonError(post("{\"client_name\":\"" + name + "\",\"client_secret\":\"my-own-secret\","
                + "\"grant_types\":[\"client_credentials\"],\"scope\":\"photos.read\"}"), 400, "invalid_client_metadata");

        assertThat(error.path("error_description").asText()).contains("client_secret");
        assertThat(storedWithName(name)).isZero();
    }

    @Test
    void whenAnUpdateNamesAnotherIdOrAWrongSecretThenInvalidClientMetadataAndTheTokenStaysValid() throws Exception {
        ClientInformation info = register(serviceMetadata(name()));

        ErrorObject otherId = error(send(new ClientUpdateRequest(info.getRegistrationURI(),
                new com.nimbusds.oauth2.sdk.id.ClientID("someone-else"), info.getRegistrationAccessToken(),
                serviceMetadata("x"), null).toHTTPRequest()));
        ErrorObject wrongSecret = error(send(new ClientUpdateRequest(info.getRegistrationURI(), info.getID(),
                info.getRegistrationAccessToken(), serviceMetadata("x"),
                new com.nimbusds.oauth2.sdk.auth.Secret("not-the-secret")).toHTTPRequest()));

        assertThat(otherId.getCode()).isEqualTo("invalid_client_metadata");
        assertThat(wrongSecret.getCode()).isEqualTo("invalid_client_metadata");
        assertThat(ClientRegistrationResponse.parse(send(new ClientReadRequest(info.getRegistrationURI(),
                info.getRegistrationAccessToken()).toHTTPRequest())).indicatesSuccess()).isTrue();
    }

    @Test
    void whenTheMetadataIsOversizedThenInvalidClientMetadataAndNothingIsStored() {
        String name = name();
        JsonNode error = assertJsonError(post("{\"client_name\":\"" + name + "\",\"contacts\":[\""
                + "a".repeat(5000) + "@example.com\"]}"), 400, "invalid_client_metadata");

        assertThat(error.path("error_description").asText()).contains("larger than 4096 bytes");
        assertThat(storedWithName(name)).isZero();
    }

    @Test
    void whenTheBodyIsNotAJsonObjectThenInvalidClientMetadata() {
        assertJsonError(post("{\"client_name\":"), 400, "invalid_client_metadata");
        assertJsonError(post("[\"a\"]"), 400, "invalid_client_metadata");
        assertJsonError(post(""), 400, "invalid_client_metadata");
        JsonNode wrongType = assertJsonError(post("{\"redirect_uris\":\"https://app.example/cb\"}"), 400,
                "invalid_client_metadata");
        assertThat(wrongType.path("error_description").asText()).contains("redirect_uris");
    }

    @Test
    void whenAScopeGrantOrAuthMethodIsNotAllowedThenInvalidClientMetadataAndNothingIsStored() {
        for (String refused : List.of("\"scope\":\"photos.read admin\",\"grant_types\":[\"client_credentials\"]",
                "\"grant_types\":[\"implicit\"],\"redirect_uris\":[\"https://app.example/cb\"]",
                "\"token_endpoint_auth_method\":\"none\",\"redirect_uris\":[\"https://app.example/cb\"]")) {
            String name = name();
            assertJsonError(post("{\"client_name\":\"" + name + "\"," + refused + "}"), 400,
                    "invalid_client_metadata");
            assertThat(storedWithName(name)).as(refused).isZero();
        }
    }

    @Test
    void whenTheSectorDocumentDoesNotListTheRedirectUriThenInvalidClientMetadataAndNothingIsStored() {
        String name = name();
        assertJsonError(post("{\"client_name\":\"" + name + "\",\"subject_type\":\"pairwise\",\"sector_identifier_uri\":\""
                + documents.url("/sector.json") + "\",\"redirect_uris\":[\"https://elsewhere.example/cb\"]}"), 400,
                "invalid_client_metadata");
        assertThat(storedWithName(name)).isZero();
    }

    @Test
    void whenRegistrationIsEnabledThenDiscoveryNamesTheEndpoint() {
        JsonNode discovery = json(server.get(server.publicUrl("/.well-known/openid-configuration")));

        assertThat(discovery.path("registration_endpoint").asText()).isEqualTo(endpoint.toString());
    }
}
