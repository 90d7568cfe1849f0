package org.openauthz.authz.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.AuthenticationSuccessResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.validators.AccessTokenValidator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openauthz.admin.client.model.OAuth2Client;
import org.openauthz.authz.api.ApiFixtures;
import org.openauthz.authz.config.InvalidConfigurationException;
import org.openauthz.authz.testing.PostgresFixture;
import org.openauthz.authz.testing.TestServer;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openauthz.authz.api.ApiFixtures.form;
import static org.openauthz.authz.api.ApiFixtures.introspect;
import static org.openauthz.authz.flow.FlowHarness.acceptConsent;
import static org.openauthz.authz.flow.FlowHarness.acceptLogin;
import static org.openauthz.authz.flow.FlowHarness.unique;

/**
 * JWT access tokens ({@code strategies.access_token: jwt}, as Hydra v1.10 issues them) on PostgreSQL, seen by a
 * resource server that validates them offline with Nimbus' {@link DefaultJWTProcessor} against our published JWKS
 * (<a href="https://www.rfc-editor.org/rfc/rfc7517#section-5">RFC 7517 §5</a>), and by introspection
 * (<a href="https://www.rfc-editor.org/rfc/rfc7662">RFC 7662</a>), revocation
 * (<a href="https://www.rfc-editor.org/rfc/rfc7009">RFC 7009</a>) and userinfo, which still know every token.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JwtAccessTokensIT {
    private static final String SCOPE = "openid offline email";
    private static final String API = "https://api.example/";

    private FlowHarness harness;
    private OAuth2Client client;
    private RelyingParty rp;
    private DefaultJWTProcessor<SecurityContext> resourceServer;

    @BeforeAll
    void start() throws Exception {
        // The implicit case takes an access token from the authorization endpoint (RFC 9700 §2.1.2, decision 0023).
        harness = FlowHarness.start(Map.of("strategies.access_token", "jwt",
                "oauth2.allowed_top_level_claims", "department",
                "oauth2.implicit_access_tokens.allowed_for_new_clients", "true"));
        client = harness.admin.createOAuth2Client(new OAuth2Client().clientId(unique("jwt-rp"))
                .clientSecret(FlowHarness.SECRET)
                .grantTypes(List.of("authorization_code", "refresh_token", "implicit"))
                .responseTypes(List.of("code", "token id_token"))
                .scope(SCOPE)
                .audience(List.of(API))
                .redirectUris(List.of(RelyingParty.REDIRECT_URI.toString())));
        rp = harness.relyingParty(client);
        resourceServer = resourceServer(rp.provider().getJWKSetURI().toURL(), harness.server.issuer());
    }

    @AfterAll
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    /**
     * What a resource server does with no call to us but the JWKS: RS256 signature by a key found by {@code kid},
     * issuer, and the claims it relies on, with {@code exp} and {@code nbf} checked by Nimbus.
     */
    private static DefaultJWTProcessor<SecurityContext> resourceServer(URL jwks, String issuer) {
        JWKSource<SecurityContext> keys = JWKSourceBuilder.create(jwks).retrying(false).build();
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                new JWTClaimsSet.Builder().issuer(issuer).build(),
                Set.of("sub", "aud", "exp", "iat", "nbf", "jti", "client_id", "scp", "ext")));
        return processor;
    }

    private JWTClaimsSet validatedOffline(String accessToken) throws Exception {
        return resourceServer.process(accessToken, null);
    }

    private String clientCredentialsToken(String clientId, String... extraForm) {
        return ApiFixtures.accessToken(harness.server, clientId, "service-secret", extraForm);
    }

    private String createServiceClient() {
        return createServiceClient(harness.server);
    }

    private static String createServiceClient(TestServer server) {
        ObjectNode body = ApiFixtures.object().put("client_id", unique("service")).put("client_secret",
                "service-secret").put("scope", "read write");
        body.putArray("grant_types").add("client_credentials");
        body.putArray("audience").add(API);
        return ApiFixtures.createClient(server, body.toString()).path("client_id").asText();
    }

    @Test
    void whenTheTokenRequestCarriesADpopProofThenTheJwtNamesTheKeyInCnf() throws Exception {
        // RFC 9449 §6.1: a DPoP-bound JWT access token carries cnf.jkt, the JWK SHA-256 thumbprint of the key.
        String service = createServiceClient();
        DpopKeys key = DpopKeys.generate(JWSAlgorithm.ES256);
        URI tokenEndpoint = rp.provider().getTokenEndpointURI();

        HttpResponse<String> response = harness.server.send(java.net.http.HttpRequest.newBuilder(tokenEndpoint)
                .header("Authorization", TestServer.basic(service, "service-secret"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("DPoP", key.proof("POST", tokenEndpoint, null))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(ApiFixtures.json(response).path("token_type").asText()).isEqualTo("DPoP");
        JWTClaimsSet claims = validatedOffline(ApiFixtures.json(response).path("access_token").asText());
        assertThat(claims.getJSONObjectClaim("cnf")).isEqualTo(Map.of("jkt", key.thumbprint()));
    }

    @Test
    void whenClientCredentialsAreGrantedThenAResourceServerValidatesTheJwtOfflineWithHydrasClaims() throws Exception {
        String service = createServiceClient();

        HttpResponse<String> response = ApiFixtures.tokenRequest(harness.server, service, "service-secret",
                "scope", "read", "audience", API);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = ApiFixtures.json(response);
        assertThat(body.path("token_type").asText()).isEqualTo("bearer");
        assertThat(body.path("expires_in").asLong()).isBetween(3590L, 3600L);
        String token = body.path("access_token").asText();
        JWTClaimsSet claims = validatedOffline(token);
        assertThat(claims.getSubject()).as("client credentials: the subject is the client").isEqualTo(service);
        assertThat(claims.getStringClaim("client_id")).isEqualTo(service);
        assertThat(claims.getAudience()).containsExactly(API);
        assertThat(claims.getStringListClaim("scp")).containsExactly("read");
        assertThat(claims.getJSONObjectClaim("ext")).isEmpty();
        assertThat(claims.getNotBeforeTime()).isEqualTo(claims.getIssueTime());
        assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(3_600_000L);
        assertThat(claims.getJWTID()).isNotBlank();
        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.getHeader().getType().getType()).as("Hydra's typ").isEqualTo("JWT");
        // The access-token key is published beside the ID-token key (RFC 7517 §5), under the kid of the header.
        JWKSet published = JWKSet.load(rp.provider().getJWKSetURI().toURL());
        assertThat(published.getKeyByKeyId(jwt.getHeader().getKeyID())).isNotNull();
        assertThat(published.getKeys()).hasSize(2).allSatisfy(key -> assertThat(key.isPrivate()).isFalse());
    }

    @Test
    void whenAJwtIsIntrospectedThenItIsActiveUntilRevokedAndThenInactiveThoughStillValidOffline() throws Exception {
        String service = createServiceClient();
        String token = clientCredentialsToken(service, "scope", "read write");

        JsonNode active = introspect(harness.server, token);
        assertThat(active.path("active").asBoolean()).isTrue();
        assertThat(active.path("client_id").asText()).isEqualTo(service);
        assertThat(active.path("sub").asText()).isEqualTo(service);
        assertThat(active.path("scope").asText()).isEqualTo("read write");
        assertThat(active.path("token_use").asText()).isEqualTo("access_token");
        assertThat(active.path("exp").asLong()).isEqualTo(validatedOffline(token).getExpirationTime().getTime() / 1000);
        assertThat(introspect(harness.server, token, "token_type_hint", "refresh_token").path("active").asBoolean())
                .as("the hint only orders the lookups").isTrue();
        assertThat(introspect(harness.server, token, "scope", "admin").path("active").asBoolean()).isFalse();

        HttpResponse<String> revoked = harness.server.postForm(harness.server.publicUrl("/oauth2/revoke"),
                form("token", token), service, "service-secret");

        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThat(introspect(harness.server, token).path("active").asBoolean()).isFalse();
        // Offline validation cannot know about revocation: that is what introspection is for (docs/configuration.md).
        assertThat(validatedOffline(token).getSubject()).isEqualTo(service);
    }

    @Test
    void whenAJwtIsAlteredOrRevokedByAnotherClientThenIntrospectionAndTheResourceServerRefuseOrKeepIt()
            throws Exception {
        String service = createServiceClient();
        String other = createServiceClient();
        String token = clientCredentialsToken(service);
        String[] parts = token.split("\\.");
        String altered = parts[0] + "." + Base64URL.encode(
                "{\"sub\":\"mallory\",\"iss\":\"" + harness.server.issuer() + "\"}") + "." + parts[2];

        assertThat(introspect(harness.server, altered).path("active").asBoolean()).isFalse();
        assertThatThrownBy(() -> validatedOffline(altered)).isInstanceOf(BadJOSEException.class);
        HttpResponse<String> foreign = harness.server.postForm(harness.server.publicUrl("/oauth2/revoke"),
                form("token", token), other, "service-secret");
        ApiFixtures.assertJsonError(foreign, 400, "unauthorized_client");
        assertThat(introspect(harness.server, token).path("active").asBoolean()).isTrue();
    }

    @Test
    void whenTheCodeFlowCompletesThenTheAccessTokenIsAJwtWithTheConsentClaimsAndWorksAtUserinfo() throws Exception {
        String subject = unique("alice");
        RelyingParty.Attempt attempt = RelyingParty.Attempt.fresh();
        URI request = rp.request("code", SCOPE, attempt).customParameter("audience", API).build().toURI();

        FlowHarness.Run run = harness.run(new Browser(), request, acceptLogin(subject), acceptConsent());
        AuthenticationSuccessResponse callback = AuthenticationResponseParser.parse(run.callback())
                .toSuccessResponse();
        OIDCTokenResponse tokens = RelyingParty.success(rp.redeem(callback.getAuthorizationCode(),
                attempt.verifier()));
        rp.validate(tokens.getOIDCTokens().getIDToken(), attempt.nonce());
        String accessToken = tokens.getOIDCTokens().getAccessToken().getValue();

        JWTClaimsSet claims = validatedOffline(accessToken);
        assertThat(claims.getSubject()).isEqualTo(subject);
        assertThat(claims.getStringClaim("client_id")).isEqualTo(client.getClientId());
        assertThat(claims.getAudience()).containsExactly(API);
        assertThat(claims.getStringListClaim("scp")).containsExactly("openid", "offline", "email");
        assertThat(claims.getJSONObjectClaim("ext")).isEqualTo(Map.of("department", "research"));
        assertThat(claims.getStringClaim("department")).as("oauth2.allowed_top_level_claims").isEqualTo("research");
        assertThat(tokens.getOIDCTokens().getRefreshToken().getValue()).as("refresh tokens stay opaque")
                .matches(ApiFixtures.OPAQUE_TOKEN);
        UserInfoResponse userinfo = rp.userinfo(new BearerAccessToken(accessToken), HTTPRequest.Method.GET);
        assertThat(userinfo.indicatesSuccess()).isTrue();
        assertThat(userinfo.toSuccessResponse().getUserInfo().getSubject().getValue()).isEqualTo(subject);
        assertThat(harness.admin.introspectOAuth2Token(accessToken, null).getExt())
                .isEqualTo(Map.of("department", "research"));

        // RFC 6749 §6: the refreshed access token is a new JWT of the same grant; rotation retires the old one.
        OIDCTokenResponse refreshed = RelyingParty.success(rp.refresh(tokens.getOIDCTokens().getRefreshToken()));
        String newAccessToken = refreshed.getOIDCTokens().getAccessToken().getValue();
        JWTClaimsSet newClaims = validatedOffline(newAccessToken);
        assertThat(newClaims.getSubject()).isEqualTo(subject);
        assertThat(newClaims.getJWTID()).isNotEqualTo(claims.getJWTID());
        assertThat(newClaims.getJSONObjectClaim("ext")).isEqualTo(Map.of("department", "research"));
        assertThat(harness.active(newAccessToken)).isTrue();
        assertThat(harness.active(accessToken)).isFalse();
    }

    @Test
    void whenTheImplicitFlowReturnsATokenThenItIsAJwtBoundToTheIdTokenByAtHash() throws Exception {
        String subject = unique("ivy");
        RelyingParty.Attempt attempt = RelyingParty.Attempt.fresh();
        URI request = rp.request("token id_token", SCOPE, attempt).codeChallenge((CodeVerifier) null, null)
                .build().toURI();

        FlowHarness.Run run = harness.run(new Browser(), request, acceptLogin(subject), acceptConsent());
        AuthenticationSuccessResponse callback = AuthenticationResponseParser.parse(run.callback())
                .toSuccessResponse();

        String accessToken = callback.getAccessToken().getValue();
        assertThat(validatedOffline(accessToken).getSubject()).isEqualTo(subject);
        // OIDC Core §3.2.2.9: at_hash over the JWT as sent.
        AccessTokenValidator.validate(callback.getAccessToken(), JWSAlgorithm.RS256,
                rp.validate(callback.getIDToken(), attempt.nonce()).getAccessTokenHash());
        assertThat(harness.active(accessToken)).isTrue();
    }

    @Test
    void whenRestartedWithTypAtJwtThenTheSameKeySignsAndAnRfc9068ResourceServerAcceptsTheToken() throws Exception {
        PostgresFixture.Database database = PostgresFixture.newDatabase().migrated();
        String firstKid;
        try (TestServer first = TestServer.onPostgres(database, Map.of("strategies.access_token", "jwt"))) {
            String service = createServiceClient(first);
            firstKid = SignedJWT.parse(ApiFixtures.accessToken(first, service, "service-secret")).getHeader()
                    .getKeyID();
        }

        // Only the ID-token set is listed: the access-token set is published all the same, since it signs.
        try (TestServer second = TestServer.onPostgres(database, Map.of("strategies.access_token", "jwt",
                "strategies.jwt.access_token_typ", "at+jwt", "oauth2.exclude_not_before_claim", "true",
                "webfinger.jwks.broadcast_keys", "hydra.openid.id-token"))) {
            String token = ApiFixtures.accessToken(second, createServiceClient(second), "service-secret");
            URL jwks = URI.create(second.publicUrl("/.well-known/jwks.json")).toURL();
            DefaultJWTProcessor<SecurityContext> rfc9068 = new DefaultJWTProcessor<>();
            rfc9068.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
            rfc9068.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                    JWKSourceBuilder.create(jwks).retrying(false).<SecurityContext>build()));

            JWTClaimsSet claims = rfc9068.process(token, null);

            assertThat(SignedJWT.parse(token).getHeader().getKeyID()).as("the stored key, not a new one")
                    .isEqualTo(firstKid);
            assertThat(claims.getNotBeforeTime()).as("oauth2.exclude_not_before_claim").isNull();
            assertThat(claims.getIssuer()).isEqualTo(second.issuer());
            assertThatThrownBy(() -> resourceServer(jwks, second.issuer()).process(token, null))
                    .as("a verifier expecting Hydra's typ JWT refuses at+jwt").isInstanceOf(BadJOSEException.class);
        }
    }

    @Test
    void whenJwtAccessTokensAreCombinedWithPairwiseSubjectsThenTheServerRefusesToStart() {
        PostgresFixture.Database database = PostgresFixture.newDatabase().migrated();

        assertThatThrownBy(() -> TestServer.onPostgres(database, Map.of("strategies.access_token", "jwt",
                "oidc.subject_identifiers.supported_types", "public,pairwise",
                "oidc.subject_identifiers.pairwise.salt", "a-pairwise-salt")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("pairwise").hasMessageContaining("STRATEGIES_ACCESS_TOKEN=opaque");
    }
}
