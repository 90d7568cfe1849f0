package org.openauthz.authz.oauth2.token;

import org.openauthz.authz.oauth2.hook.TokenHooks;
import org.openauthz.authz.oauth2.pkce.Pkce;
import io.dropwizard.jackson.Jackson;
import org.openauthz.authz.client.OAuth2Client;
import org.openauthz.authz.client.StoredClient;
import org.openauthz.authz.consent.MutableClock;
import org.openauthz.authz.crypto.AeadCipher;
import org.openauthz.authz.crypto.OpaqueTokens;
import org.openauthz.authz.crypto.SystemSecrets;
import org.openauthz.authz.jwk.KeyGenerator;
import org.openauthz.authz.jwk.KeyService;
import org.openauthz.authz.oauth2.FormParameters;
import org.openauthz.authz.oauth2.OAuth2Error;
import org.openauthz.authz.oauth2.OAuth2Exception;
import org.openauthz.authz.oauth2.ClientScopes;
import org.openauthz.authz.oauth2.ScopeStrategy;
import org.openauthz.authz.oauth2.TokenRequest;
import org.openauthz.authz.oauth2.authorize.AuthorizationRequest;
import org.openauthz.authz.oauth2.authorize.ResponseTypeIssuer;
import org.openauthz.authz.oauth2.authorize.AuthorizedGrant;
import org.openauthz.authz.oauth2.authorize.ResponseMode;
import org.openauthz.authz.oauth2.authorize.ValidatedAuthorization;
import org.openauthz.authz.oauth2.grant.AuthorizationCodeGrantHandler;
import org.openauthz.authz.oauth2.grant.GrantTokenFactory;
import org.openauthz.authz.oauth2.grant.RefreshTokenGrantHandler;
import org.openauthz.authz.oauth2.oidc.IdTokens;
import org.openauthz.authz.oauth2.oidc.SubjectIdentifiers;
import org.openauthz.authz.persistence.memory.InMemoryClientStore;
import org.openauthz.authz.persistence.memory.InMemoryDatabase;
import org.openauthz.authz.persistence.memory.InMemoryKeyStore;
import org.openauthz.authz.persistence.memory.InMemoryTokenStore;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The code and refresh grants wired as ServerContext wires them, over the in-memory stores and a clock the test
 * moves. Codes are minted by the real {@link ResponseTypeIssuer}, as the authorization endpoint does after
 * login and consent.
 */
final class CodeGrantFixture {
    static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    static final String ISSUER = "https://auth.example/";
    static final Duration CODE_TTL = Duration.ofMinutes(10);
    static final Duration ACCESS_TTL = Duration.ofHours(1);
    static final Duration REFRESH_TTL = Duration.ofHours(720);
    static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    /** One RSA key per JVM: generating it per test would dominate the run time. */
    static final KeyService KEYS = keys();

    final MutableClock clock = new MutableClock(T0);
    final InMemoryDatabase db = new InMemoryDatabase();
    final InMemoryClientStore clients = new InMemoryClientStore(db);
    final InMemoryTokenStore store = new InMemoryTokenStore(db);
    final SystemSecrets secrets = new SystemSecrets(List.of("a-system-secret-0123456789"));
    final OpaqueTokens opaque = new OpaqueTokens(secrets, new SecureRandom());
    final SessionCodec sessions = new SessionCodec(Jackson.newObjectMapper(),
            new AeadCipher(secrets, new SecureRandom()), true);
    final IdTokens idTokens = new IdTokens(KEYS, ISSUER, Duration.ofHours(1), clock);
    final TokenMinter minter = new TokenMinter(opaque, AccessTokenFormat.opaque(opaque), sessions, CODE_TTL,
            ACCESS_TTL, REFRESH_TTL, clock);
    final GrantTokenFactory factory = new GrantTokenFactory(minter, idTokens, TokenHooks.NONE);
    final ResponseTypeIssuer authorize = new ResponseTypeIssuer(minter, store,
            new AccessTokenIssuer(minter, store), idTokens, new SubjectIdentifiers("salt-0123"),
            new ClientScopes(ScopeStrategy.WILDCARD));
    final TokenLookup lookup = new TokenLookup(opaque, token -> java.util.Optional.empty(), store, clock);
    final AuthorizationCodeGrantHandler codeGrant = new AuthorizationCodeGrantHandler(lookup, store, sessions,
            factory, new Pkce(false, true));
    final RefreshTokenGrantHandler refreshGrant = new RefreshTokenGrantHandler(lookup, store, sessions, factory,
            new ClientScopes(ScopeStrategy.WILDCARD));

    final OAuth2Client app = register(new OAuth2Client.Builder().clientId("app")
            .grantTypes(List.of("authorization_code", "refresh_token")));
    final OAuth2Client other = register(new OAuth2Client.Builder().clientId("other")
            .grantTypes(List.of("authorization_code", "refresh_token")));
    final OAuth2Client noRefresh = register(new OAuth2Client.Builder().clientId("no-refresh")
            .grantTypes(List.of("authorization_code")));

    private static KeyService keys() {
        KeyService keys = new KeyService(new InMemoryKeyStore(new InMemoryDatabase()),
                new AeadCipher(new SystemSecrets(List.of("a-system-secret-0123456789")), new SecureRandom()),
                new KeyGenerator(2048), new MutableClock(T0));
        keys.ensureSigningKey(KeyService.ID_TOKEN_SET, "RS256");
        return keys;
    }

    private OAuth2Client register(OAuth2Client.Builder builder) {
        OAuth2Client client = builder.tokenEndpointAuthMethod("client_secret_basic")
                .redirectUris(List.of("https://app.example/cb")).scope("openid offline photos.*")
                .createdAt(T0).updatedAt(T0).build();
        clients.create(new StoredClient(client, "hash"));
        return client;
    }

    /** What the authorization request asked for; {@code pairs} override (null removes). */
    static AuthorizationRequest authorizationRequest(String... pairs) {
        Map<String, String> p = new HashMap<>();
        p.put("response_type", "code");
        p.put("client_id", "app");
        p.put("redirect_uri", "https://app.example/cb");
        p.put("scope", "openid offline");
        p.put("state", "state-0123456789");
        p.put("nonce", "nonce-0123456789");
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] == null) {
                p.remove(pairs[i]);
            } else {
                p.put(pairs[i], pairs[i + 1]);
            }
        }
        Map<String, List<String>> form = new HashMap<>();
        p.forEach((k, v) -> form.put(k, List.of(v)));
        return AuthorizationRequest.parse(new FormParameters(form));
    }

    /** What login and consent decided (docs/custom-idp.md §2). */
    static AuthorizedGrant grant(List<String> scopes) {
        return new AuthorizedGrant("alice", null, scopes, List.of("https://api.example/"), Map.of("role", "admin"),
                Map.of("email", "alice@example.com"), T0.minusSeconds(30), T0.minusSeconds(40), "urn:acr:pwd",
                List.of("pwd"), "session-1", "consent-1");
    }

    /** A code issued at the authorization endpoint to {@code client}. */
    String code(OAuth2Client client, AuthorizationRequest request, List<String> granted) {
        ValidatedAuthorization auth = new ValidatedAuthorization(client, request, "https://app.example/cb",
                ResponseMode.QUERY);
        return authorize.issue(auth, grant(granted)).get("code");
    }

    String code(List<String> granted) {
        return code(app, authorizationRequest(), granted);
    }

    static TokenRequest tokenRequest(String grantType, String... pairs) {
        Map<String, List<String>> form = new HashMap<>();
        form.put("grant_type", List.of(grantType));
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                form.put(pairs[i], List.of(pairs[i + 1]));
            }
        }
        return TokenRequest.parse(new FormParameters(form));
    }

    static TokenRequest exchange(String code, String redirectUri) {
        return tokenRequest("authorization_code", "code", code, "redirect_uri", redirectUri);
    }

    static TokenRequest exchange(String code) {
        return exchange(code, "https://app.example/cb");
    }

    static TokenRequest refresh(String token) {
        return tokenRequest("refresh_token", "refresh_token", token);
    }

    TokenRecord stored(TokenKind kind, String token) {
        return store.find(kind, opaque.verifiedSignature(token).orElseThrow()).orElse(null);
    }

    static OAuth2Error failure(Runnable call) {
        OAuth2Exception e = catchThrowableOfType(OAuth2Exception.class, call::run);
        assertThat(e).as("an OAuth2Exception").isNotNull();
        return e.error();
    }
}
