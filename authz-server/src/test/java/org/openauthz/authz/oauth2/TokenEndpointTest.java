package org.openauthz.authz.oauth2;

import org.junit.jupiter.api.Test;
import org.openauthz.authz.client.OAuth2Client;
import org.openauthz.authz.client.SecretHasher;
import org.openauthz.authz.client.SecretVerifier;
import org.openauthz.authz.client.StoredClient;
import org.openauthz.authz.persistence.memory.InMemoryClientStore;
import org.openauthz.authz.persistence.memory.InMemoryDatabase;
import org.openauthz.authz.persistence.memory.InMemoryJtiStore;
import org.openauthz.authz.oauth2.dpop.DpopVerifier;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.openauthz.authz.oauth2.ClientAuthenticatorTest.basic;
import static org.openauthz.authz.oauth2.ClientAuthenticatorTest.form;

/**
 * The token endpoint's dispatch (<a href="https://www.rfc-editor.org/rfc/rfc6749#section-3.2">RFC 6749 §3.2</a>,
 * <a href="https://www.rfc-editor.org/rfc/rfc6749#section-5.2">RFC 6749 §5.2</a>; one handler per grant type).
 */
class TokenEndpointTest {
    private final SecretHasher hasher = new SecretHasher(1000, new SecureRandom());
    private final InMemoryClientStore store = new InMemoryClientStore(new InMemoryDatabase());
    private final ClientAuthenticator authenticator = new ClientAuthenticator(store::find,
            new org.openauthz.authz.client.ClientSecretCheck(new SecretVerifier(hasher, new SecureRandom()),
                    java.time.Clock.systemUTC()), (assertion, form) -> {
                throw OAuth2Error.INVALID_CLIENT.toException();
            });
    private final RecordingHandler clientCredentials = new RecordingHandler("client_credentials");
    private final RecordingHandler authorizationCode = new RecordingHandler("authorization_code");
    private final TokenEndpoint endpoint = endpoint(List.of(clientCredentials, authorizationCode));

    private TokenEndpoint endpoint(List<? extends GrantHandler> handlers) {
        return new TokenEndpoint(authenticator, List.copyOf(handlers), new DpopVerifier(
                new InMemoryJtiStore(java.time.Clock.systemUTC()), Duration.ofSeconds(60), Duration.ofSeconds(5),
                java.time.Clock.systemUTC()), "https://auth.example/oauth2/token");
    }

    TokenEndpointTest() {
        store.create(new StoredClient(client("cc-client", List.of("client_credentials")), hasher.hash("cc-secret")));
        store.create(new StoredClient(client("default-client", List.of()), hasher.hash("default-secret")));
    }

    /** A real handler that answers with a fixed token and remembers what it was given. */
    private static final class RecordingHandler implements GrantHandler {
        private final String grantType;
        private final List<TokenRequest> requests = new ArrayList<>();
        private final List<OAuth2Client> clients = new ArrayList<>();

        RecordingHandler(String grantType) {
            this.grantType = grantType;
        }

        @Override
        public String grantType() {
            return grantType;
        }

        @Override
        public TokenResponse handle(TokenRequest request, OAuth2Client client) {
            requests.add(request);
            clients.add(client);
            return new TokenResponse("token-for-" + grantType, 3600, null, null, "", "bearer");
        }
    }

    private static OAuth2Client client(String id, List<String> grantTypes) {
        return new OAuth2Client.Builder().clientId(id).tokenEndpointAuthMethod("client_secret_basic")
                .grantTypes(grantTypes).createdAt(Instant.EPOCH).updatedAt(Instant.EPOCH).build();
    }

    @Test
    void whenGrantTypeIsHandledAndAllowedThenTheHandlerAnswersWithTheParsedRequest() {
        TokenResponse response = endpoint.handle(basic("cc-client", "cc-secret"), form("grant_type",
                "client_credentials", "scope", "read write", "audience", "https://api.example"), List.of());

        assertThat(response.accessToken()).isEqualTo("token-for-client_credentials");
        assertThat(clientCredentials.clients).extracting(OAuth2Client::clientId).containsExactly("cc-client");
        TokenRequest request = clientCredentials.requests.get(0);
        assertThat(request.grantType()).isEqualTo("client_credentials");
        assertThat(request.scopes()).containsExactly("read", "write");
        assertThat(request.audience()).containsExactly("https://api.example");
        assertThat(authorizationCode.requests).isEmpty();
    }

    @Test
    void whenGrantTypeHasNoHandlerThenUnsupportedGrantTypeBeforeClientAuthentication() {
        // RFC 6749 §5.2 unsupported_grant_type; even an unknown client learns nothing more than that.
        for (String header : new String[] {basic("cc-client", "cc-secret"), basic("ghost", "nothing")}) {
            OAuth2Exception e = catchThrowableOfType(OAuth2Exception.class,
                    () -> endpoint.handle(header, form("grant_type", "password"), List.of()));

            assertThat(e.error().error()).isEqualTo("unsupported_grant_type");
            assertThat(e.error().status()).isEqualTo(400);
            assertThat(e.error().hint()).contains("'password'");
        }
    }

    @Test
    void whenGrantTypeIsMissingThenInvalidRequest() {
        OAuth2Exception e = catchThrowableOfType(OAuth2Exception.class,
                () -> endpoint.handle(basic("cc-client", "cc-secret"), form("scope", "read"), List.of()));

        assertThat(e.error().error()).isEqualTo("invalid_request");
        assertThat(e.error().hint()).contains("grant_type");
    }

    @Test
    void whenGrantTypeIsRepeatedThenInvalidRequest() {
        OAuth2Exception e = catchThrowableOfType(OAuth2Exception.class, () -> endpoint.handle(
                basic("cc-client", "cc-secret"), new FormParameters(java.util.Map.of("grant_type",
                        List.of("client_credentials", "client_credentials"))), List.of()));

        assertThat(e.error().error()).isEqualTo("invalid_request");
    }

    @Test
    void whenClientIsNotAllowedTheGrantThenUnauthorizedClient() {
        // RFC 6749 §5.2 unauthorized_client: "not authorized to use this authorization grant type".
        OAuth2Exception e = catchThrowableOfType(OAuth2Exception.class, () -> endpoint.handle(
                basic("cc-client", "cc-secret"), form("grant_type", "authorization_code", "code", "x"), List.of()));

        assertThat(e.error().error()).isEqualTo("unauthorized_client");
        assertThat(e.error().hint()).contains("'authorization_code'");
        assertThat(authorizationCode.requests).isEmpty();
    }

    @Test
    void whenClientHasNoGrantTypesThenOnlyAuthorizationCodeIsAllowed() {
        // As in Hydra v1.10, empty grant_types mean authorization_code.
        assertThat(endpoint.handle(basic("default-client", "default-secret"),
                form("grant_type", "authorization_code"), List.of()).accessToken()).isEqualTo("token-for-authorization_code");

        OAuth2Exception e = catchThrowableOfType(OAuth2Exception.class, () -> endpoint.handle(
                basic("default-client", "default-secret"), form("grant_type", "client_credentials"), List.of()));
        assertThat(e.error().error()).isEqualTo("unauthorized_client");
    }

    @Test
    void whenClientAuthenticationFailsThenInvalidClientAndNoHandlerRuns() {
        OAuth2Exception e = catchThrowableOfType(OAuth2Exception.class, () -> endpoint.handle(
                basic("cc-client", "wrong"), form("grant_type", "client_credentials"), List.of()));

        assertThat(e.error().error()).isEqualTo("invalid_client");
        assertThat(clientCredentials.requests).isEmpty();
    }

    @Test
    void whenTwoHandlersClaimOneGrantTypeThenConstructionFails() {
        assertThatThrownBy(() -> endpoint(
                List.of(new RecordingHandler("client_credentials"), new RecordingHandler("client_credentials"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("client_credentials");
    }
}
