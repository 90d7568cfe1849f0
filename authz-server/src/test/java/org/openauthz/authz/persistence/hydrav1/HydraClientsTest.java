package org.openauthz.authz.persistence.hydrav1;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dropwizard.jackson.Jackson;
import org.junit.jupiter.api.Test;
import org.openauthz.authz.client.OAuth2Client;
import org.openauthz.authz.client.StoredClient;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every column of Hydra v1.10's {@code hydra_client} lands in the field of the client model with its JSON name. */
class HydraClientsTest {
    private static final Instant CREATED = Instant.parse("2021-03-01T10:00:00Z");
    private static final Instant UPDATED = Instant.parse("2021-04-01T10:00:00Z");

    private final ObjectMapper json = Jackson.newObjectMapper().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final HydraClients clients = new HydraClients(json);

    @Test
    void whenEveryColumnIsSetThenEveryFieldIsCopiedAndListsAreSplitOnPipes() {
        Map<String, Object> row = new HashMap<>(Map.ofEntries(
                Map.entry("client_name", "Shop"), Map.entry("client_secret", "$2a$10$hash"),
                Map.entry("redirect_uris", "https://a.example/cb|https://b.example/cb"),
                Map.entry("grant_types", "authorization_code|refresh_token"), Map.entry("response_types", "code|id_token"),
                Map.entry("scope", "openid offline"), Map.entry("owner", "team"),
                Map.entry("policy_uri", "https://a.example/policy"), Map.entry("tos_uri", "https://a.example/tos"),
                Map.entry("client_uri", "https://a.example"), Map.entry("logo_uri", "https://a.example/logo.png"),
                Map.entry("contacts", "a@example.com|b@example.com"), Map.entry("client_secret_expires_at", 0),
                Map.entry("sector_identifier_uri", "https://a.example/sector.json"),
                Map.entry("jwks", "{\"keys\":[{\"kty\":\"oct\",\"k\":\"AAAA\",\"kid\":\"k1\"}]}"),
                Map.entry("request_uris", "https://a.example/request"),
                Map.entry("token_endpoint_auth_method", "client_secret_post"),
                Map.entry("token_endpoint_auth_signing_alg", "RS256"),
                Map.entry("request_object_signing_alg", "RS256"), Map.entry("userinfo_signed_response_alg", "RS256"),
                Map.entry("subject_type", "pairwise"), Map.entry("allowed_cors_origins", "https://a.example"),
                Map.entry("audience", "https://api.example|https://other.example"), Map.entry("created_at", CREATED),
                Map.entry("updated_at", UPDATED), Map.entry("frontchannel_logout_uri", "https://a.example/fc"),
                Map.entry("frontchannel_logout_session_required", true),
                Map.entry("post_logout_redirect_uris", "https://a.example/bye"),
                Map.entry("backchannel_logout_uri", "https://a.example/bc"),
                Map.entry("backchannel_logout_session_required", true),
                Map.entry("metadata", "{\"tier\":3}")));

        StoredClient stored = clients.toStored(new HydraV1Source.ClientRow("shop", row));

        OAuth2Client c = stored.client();
        assertThat(stored.secretHash()).isEqualTo("$2a$10$hash");
        assertThat(c.clientSecret()).isNull();
        assertThat(c.clientId()).isEqualTo("shop");
        assertThat(c.clientName()).isEqualTo("Shop");
        assertThat(c.redirectUris()).containsExactly("https://a.example/cb", "https://b.example/cb");
        assertThat(c.grantTypes()).containsExactly("authorization_code", "refresh_token");
        assertThat(c.responseTypes()).containsExactly("code", "id_token");
        assertThat(c.scope()).isEqualTo("openid offline");
        assertThat(c.audience()).containsExactly("https://api.example", "https://other.example");
        assertThat(c.owner()).isEqualTo("team");
        assertThat(List.of(c.policyUri(), c.tosUri(), c.clientUri(), c.logoUri())).containsExactly(
                "https://a.example/policy", "https://a.example/tos", "https://a.example", "https://a.example/logo.png");
        assertThat(c.allowedCorsOrigins()).containsExactly("https://a.example");
        assertThat(c.contacts()).containsExactly("a@example.com", "b@example.com");
        assertThat(c.clientSecretExpiresAt()).isZero();
        assertThat(c.subjectType()).isEqualTo("pairwise");
        assertThat(c.sectorIdentifierUri()).isEqualTo("https://a.example/sector.json");
        assertThat(c.jwksUri()).isNull();
        assertThat(c.jwks().path("keys").get(0).path("kid").asText()).isEqualTo("k1");
        assertThat(c.tokenEndpointAuthMethod()).isEqualTo("client_secret_post");
        assertThat(c.tokenEndpointAuthSigningAlg()).isEqualTo("RS256");
        assertThat(c.requestUris()).containsExactly("https://a.example/request");
        assertThat(c.requestObjectSigningAlg()).isEqualTo("RS256");
        assertThat(c.userinfoSignedResponseAlg()).isEqualTo("RS256");
        assertThat(c.createdAt()).isEqualTo(CREATED);
        assertThat(c.updatedAt()).isEqualTo(UPDATED);
        assertThat(c.frontchannelLogoutUri()).isEqualTo("https://a.example/fc");
        assertThat(c.frontchannelLogoutSessionRequired()).isTrue();
        assertThat(c.postLogoutRedirectUris()).containsExactly("https://a.example/bye");
        assertThat(c.backchannelLogoutUri()).isEqualTo("https://a.example/bc");
        assertThat(c.backchannelLogoutSessionRequired()).isTrue();
        assertThat(c.metadata().path("tier").asInt()).isEqualTo(3);
    }

    @Test
    void whenColumnsAreEmptyThenHydraDefaultsApplyAndAPublicClientHasNoHash() {
        Map<String, Object> row = Map.of("token_endpoint_auth_method", "none", "client_secret", "", "metadata", "",
                "jwks", "{}", "created_at", CREATED);

        StoredClient stored = clients.toStored(new HydraV1Source.ClientRow("spa", row));

        assertThat(stored.secretHash()).isNull();
        assertThat(stored.client().isPublic()).isTrue();
        assertThat(stored.client().redirectUris()).isEmpty();
        assertThat(stored.client().subjectType()).isEqualTo("public");
        assertThat(stored.client().jwks()).isNull();
        assertThat(stored.client().metadata().isEmpty()).isTrue();
        assertThat(stored.client().updatedAt()).isEqualTo(CREATED);
    }

    @Test
    void whenAJsonColumnIsBrokenThenTheErrorNamesIt() {
        Map<String, Object> row = Map.of("metadata", "{not json", "created_at", CREATED);

        assertThatThrownBy(() -> clients.toStored(new HydraV1Source.ClientRow("broken", row)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("column metadata is not JSON");
    }
}
