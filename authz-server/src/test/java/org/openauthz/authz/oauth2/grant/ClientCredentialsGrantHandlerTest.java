package org.openauthz.authz.oauth2.grant;

import io.dropwizard.jackson.Jackson;
import org.junit.jupiter.api.Test;
import org.openauthz.authz.client.OAuth2Client;
import org.openauthz.authz.client.StoredClient;
import org.openauthz.authz.crypto.AeadCipher;
import org.openauthz.authz.crypto.OpaqueTokens;
import org.openauthz.authz.crypto.SystemSecrets;
import org.openauthz.authz.oauth2.hook.TokenHooks;
import org.openauthz.authz.oauth2.FormParameters;
import org.openauthz.authz.oauth2.OAuth2Exception;
import org.openauthz.authz.oauth2.ClientScopes;
import org.openauthz.authz.oauth2.ScopeStrategy;
import org.openauthz.authz.oauth2.TokenRequest;
import org.openauthz.authz.oauth2.TokenResponse;
import org.openauthz.authz.oauth2.token.AccessTokenFormat;
import org.openauthz.authz.oauth2.token.AccessTokenIssuer;
import org.openauthz.authz.oauth2.token.TokenMinter;
import org.openauthz.authz.oauth2.token.SessionCodec;
import org.openauthz.authz.oauth2.token.TokenKind;
import org.openauthz.authz.oauth2.token.TokenRecord;
import org.openauthz.authz.persistence.memory.InMemoryClientStore;
import org.openauthz.authz.persistence.memory.InMemoryDatabase;
import org.openauthz.authz.persistence.memory.InMemoryTokenStore;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The client credentials grant (RFC 6749 §4.4) over the in-memory stores. */
class ClientCredentialsGrantHandlerTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private final InMemoryDatabase db = new InMemoryDatabase();
    private final InMemoryClientStore clients = new InMemoryClientStore(db);
    private final InMemoryTokenStore tokens = new InMemoryTokenStore(db);
    private final SystemSecrets secrets = new SystemSecrets(List.of("a-system-secret-0123456789"));
    private final OpaqueTokens opaque = new OpaqueTokens(secrets, new SecureRandom());
    private final AccessTokenIssuer issuer = new AccessTokenIssuer(new TokenMinter(opaque, AccessTokenFormat.opaque(opaque),
            new SessionCodec(Jackson.newObjectMapper(), new AeadCipher(secrets, new SecureRandom()), true),
            Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofHours(720), Clock.fixed(NOW, ZoneOffset.UTC)),
            tokens);
    private final OAuth2Client service = register(new OAuth2Client.Builder().clientId("service")
            .tokenEndpointAuthMethod("client_secret_basic").grantTypes(List.of("client_credentials"))
            .scope("read write photos.*").audience(List.of("https://api.example/v1")));

    private OAuth2Client register(OAuth2Client.Builder builder) {
        OAuth2Client client = builder.createdAt(NOW).updatedAt(NOW).build();
        clients.create(new StoredClient(client, client.isPublic() ? null : "$pbkdf2-sha256$unused"));
        return client;
    }

    private ClientCredentialsGrantHandler handler(boolean grantAllScopesByDefault) {
        return new ClientCredentialsGrantHandler(issuer, new ClientScopes(ScopeStrategy.WILDCARD),
                grantAllScopesByDefault, TokenHooks.NONE);
    }

    private static TokenRequest request(String... pairs) {
        Map<String, List<String>> values = new HashMap<>();
        values.put("grant_type", List.of("client_credentials"));
        for (int i = 0; i < pairs.length; i += 2) {
            values.put(pairs[i], List.of(pairs[i + 1]));
        }
        return TokenRequest.parse(new FormParameters(values));
    }

    private TokenRecord stored(TokenResponse response) {
        String signature = opaque.verifiedSignature(response.accessToken()).orElseThrow();
        return tokens.find(TokenKind.ACCESS_TOKEN, signature).orElseThrow();
    }

    @Test
    void whenScopesAreAllowedThenTheyAreGrantedAndTheTokenIsStoredForTheClientItself() {
        TokenResponse response = handler(false).handle(request("scope", "read photos.upload",
                "audience", "https://api.example/v1/users"), service);

        assertThat(response.tokenType()).isEqualTo("bearer");
        assertThat(response.expiresIn()).isEqualTo(1800);
        assertThat(response.scope()).isEqualTo("read photos.upload");
        // RFC 6749 §4.4.3: "A refresh token SHOULD NOT be included"; no ID token either, there is no user.
        assertThat(response.refreshToken()).isNull();
        assertThat(response.idToken()).isNull();
        TokenRecord token = stored(response);
        assertThat(token.clientId()).isEqualTo("service");
        assertThat(token.subject()).isEqualTo("service");
        assertThat(token.grantedScopes()).containsExactly("read", "photos.upload");
        assertThat(token.requestedScopes()).containsExactly("read", "photos.upload");
        assertThat(token.grantedAudience()).containsExactly("https://api.example/v1/users");
        assertThat(token.requestedAt()).isEqualTo(NOW);
        assertThat(token.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(30)));
        assertThat(token.active()).isTrue();
        assertThat(token.challengeId()).isNull();
    }

    @Test
    void whenScopeIsNotAllowedThenInvalidScopeNamesIt() {
        OAuth2Exception e = catchThrowableOfType(OAuth2Exception.class,
                () -> handler(false).handle(request("scope", "read admin"), service));

        assertThat(e.error().error()).isEqualTo("invalid_scope");
        assertThat(e.error().hint()).contains("'admin'");
    }

    @Test
    void whenWildcardParentIsRequestedThenInvalidScope() {
        // "photos.*" covers photos.x but not photos itself (Hydra v1.10's wildcard strategy).
        OAuth2Exception e = catchThrowableOfType(OAuth2Exception.class,
                () -> handler(false).handle(request("scope", "photos"), service));

        assertThat(e.error().error()).isEqualTo("invalid_scope");
    }

    @Test
    void whenAudienceIsNotWhitelistedThenInvalidRequest() {
        OAuth2Exception e = catchThrowableOfType(OAuth2Exception.class,
                () -> handler(false).handle(request("audience", "https://api.example/v2"), service));

        assertThat(e.error().error()).isEqualTo("invalid_request");
        assertThat(e.error().hint()).contains("has not been whitelisted");
    }

    @Test
    void whenClientHasNoAudienceThenRequestingOneIsRefused() {
        OAuth2Client noAudience = register(new OAuth2Client.Builder().clientId("no-audience")
                .tokenEndpointAuthMethod("client_secret_basic").scope("read"));

        OAuth2Exception e = catchThrowableOfType(OAuth2Exception.class,
                () -> handler(false).handle(request("audience", "https://api.example/v1"), noAudience));

        assertThat(e.error().error()).isEqualTo("invalid_request");
    }

    @Test
    void whenClientIsPublicThenRefused() {
        // RFC 6749 §4.4: "The client credentials grant type MUST only be used by confidential clients."
        OAuth2Client spa = register(new OAuth2Client.Builder().clientId("spa").tokenEndpointAuthMethod("none")
                .scope("read"));

        OAuth2Exception e = catchThrowableOfType(OAuth2Exception.class,
                () -> handler(false).handle(request("scope", "read"), spa));

        assertThat(e.error().error()).isEqualTo("invalid_client");
        assertThat(e.error().hint()).contains("public");
    }

    @Test
    void whenNoScopeIsRequestedThenNothingIsGrantedByDefault() {
        TokenResponse response = handler(false).handle(request(), service);

        assertThat(response.scope()).isEmpty();
        assertThat(stored(response).grantedScopes()).isEmpty();
    }

    @Test
    void whenNoScopeIsRequestedAndDefaultGrantAllowedScopeIsOnThenEveryClientScopeIsGranted() {
        // oauth2.client_credentials.default_grant_allowed_scope (docs/configuration.md).
        TokenResponse response = handler(true).handle(request(), service);

        assertThat(response.scope()).isEqualTo("read write photos.*");
        assertThat(stored(response).grantedScopes()).containsExactly("read", "write", "photos.*");
        assertThat(stored(response).requestedScopes()).isEmpty();
    }

    @Test
    void whenScopeIsRequestedAndDefaultGrantAllowedScopeIsOnThenOnlyTheRequestedScopeIsGranted() {
        TokenResponse response = handler(true).handle(request("scope", "write"), service);

        assertThat(response.scope()).isEqualTo("write");
    }

    @Test
    void whenIssuedTwiceThenEachTokenHasItsOwnGrant() {
        TokenRecord first = stored(handler(false).handle(request(), service));
        TokenRecord second = stored(handler(false).handle(request(), service));

        assertThat(first.requestId()).isNotEqualTo(second.requestId());
        assertThat(first.signature()).isNotEqualTo(second.signature());
    }
}
