package org.openauthz.authz.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.PushedAuthorizationRequest;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.JWTID;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.AccessTokenType;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openauthz.admin.client.model.OAuth2Client;
import org.openauthz.authz.api.ApiFixtures;

import java.net.URI;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openauthz.authz.flow.FlowHarness.acceptConsent;
import static org.openauthz.authz.flow.FlowHarness.acceptLogin;
import static org.openauthz.authz.flow.FlowHarness.unique;

/**
 * DPoP (<a href="https://www.rfc-editor.org/rfc/rfc9449">RFC 9449</a>) on PostgreSQL, with Nimbus
 * {@code oauth2-oidc-sdk} as the client: proofs at the token endpoint (§4.3, §5), tokens bound to the key (§6) for
 * client credentials, the code flow with {@code dpop_jkt} (§10) and a public client's refresh tokens, and the
 * userinfo endpoint as a protected resource (§7), and a proof sent with a pushed authorization request (§10.1). Every rule of §4.3 has a negative test, and a refused request
 * stores no token.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DpopIT {
    private static final String SERVICE_SECRET = "service-secret";

    private FlowHarness harness;
    private URI tokenEndpoint;
    private URI userinfoEndpoint;
    private String service;

    @BeforeAll
    void start() throws Exception {
        harness = FlowHarness.start(Map.of("oauth2.dpop.proof_max_age", "60s",
                "oauth2.dpop.proof_max_clock_skew", "5s"));
        RelyingParty discovered = harness.relyingParty(harness.createCodeClient());
        tokenEndpoint = discovered.provider().getTokenEndpointURI();
        userinfoEndpoint = discovered.provider().getUserInfoEndpointURI();
        service = serviceClient(false);
    }

    @AfterAll
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    private String serviceClient(boolean dpopBound) {
        ObjectNode body = ApiFixtures.object().put("client_id", unique("service")).put("client_secret", SERVICE_SECRET)
                .put("scope", "read");
        body.putArray("grant_types").add("client_credentials");
        if (dpopBound) {
            body.put("dpop_bound_access_tokens", true);
        }
        return ApiFixtures.createClient(harness.server, body.toString()).path("client_id").asText();
    }

    private HTTPResponse clientCredentials(String clientId, String... proofs) throws Exception {
        return send(new TokenRequest.Builder(tokenEndpoint, new ClientSecretBasic(new ClientID(clientId),
                new Secret(SERVICE_SECRET)), new ClientCredentialsGrant()).build().toHTTPRequest(), proofs);
    }

    private static HTTPResponse send(HTTPRequest request, String... proofs) throws Exception {
        // Set as raw header values: broken proofs (unsigned, private jwk) could not be parsed into a SignedJWT.
        if (proofs.length > 0) {
            request.setHeader("DPoP", proofs);
        }
        return request.send();
    }

    private static JsonNode body(HTTPResponse response) {
        return ApiFixtures.parse(response.getBody());
    }

    private static void assertInvalidProof(HTTPResponse response, String hintPart) {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(400);
        assertThat(body(response).path("error").asText()).isEqualTo("invalid_dpop_proof");
        assertThat(body(response).path("error_description").asText()).contains(hintPart);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ES256", "RS256", "PS256", "EdDSA"})
    void whenClientCredentialsComeWithAProofThenTheTokenIsDpopBoundToTheKey(String alg) throws Exception {
        DpopKeys key = DpopKeys.generate(JWSAlgorithm.parse(alg));

        HTTPResponse response = clientCredentials(service, key.proof("POST", tokenEndpoint, null));

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        AccessToken token = OIDCTokenResponseParser.parse(response).toSuccessResponse().getTokens().getAccessToken();
        assertThat(token.getType()).isEqualTo(AccessTokenType.DPOP);
        assertThat(body(response).path("token_type").asText()).isEqualTo("DPoP");
        JsonNode introspection = ApiFixtures.introspect(harness.server, token.getValue());
        assertThat(introspection.path("active").asBoolean()).isTrue();
        assertThat(introspection.path("cnf").path("jkt").asText()).isEqualTo(key.thumbprint());
        assertThat(introspection.path("token_type").asText()).isEqualTo("DPoP");
    }

    @Test
    void whenClientCredentialsComeWithoutAProofThenTheTokenIsAPlainBearerToken() throws Exception {
        HTTPResponse response = clientCredentials(service);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        assertThat(body(response).path("token_type").asText()).isEqualTo("bearer");
        JsonNode introspection = ApiFixtures.introspect(harness.server, body(response).path("access_token").asText());
        assertThat(introspection.has("cnf")).isFalse();
        assertThat(introspection.path("token_type").asText()).isEqualTo("Bearer");
    }

    @Test
    void whenTheClientRegisteredDpopBoundAccessTokensThenAProofIsRequired() throws Exception {
        String bound = serviceClient(true);
        int before = harness.rows("hydra_oauth2_access");

        assertInvalidProof(clientCredentials(bound), "dpop_bound_access_tokens");
        assertThat(harness.rows("hydra_oauth2_access")).isEqualTo(before);
        DpopKeys key = DpopKeys.generate(JWSAlgorithm.ES256);
        assertThat(clientCredentials(bound, key.proof("POST", tokenEndpoint, null)).getStatusCode()).isEqualTo(200);
    }

    @Test
    void whenDiscoveredThenTheProofAlgorithmsAreListed() throws Exception {
        JsonNode discovery = ApiFixtures.json(harness.server.get(harness.server.publicUrl(
                "/.well-known/openid-configuration")));
        assertThat(discovery.path("dpop_signing_alg_values_supported").toString())
                .isEqualTo("[\"ES256\",\"RS256\",\"PS256\",\"EdDSA\"]");
    }

    // ---- RFC 9449 §4.3: every check, each refused with invalid_dpop_proof and nothing stored ----

    private void assertRefused(String hintPart, String... proofs) throws Exception {
        int before = harness.rows("hydra_oauth2_access");
        assertInvalidProof(clientCredentials(service, proofs), hintPart);
        assertThat(harness.rows("hydra_oauth2_access")).as("no token stored").isEqualTo(before);
    }

    @Test
    void whenHtuNamesAnotherUriThenRefused() throws Exception {
        DpopKeys key = DpopKeys.generate(JWSAlgorithm.ES256);
        assertRefused("'htu'", key.proof("POST", URI.create(tokenEndpoint + "-elsewhere"), null));
        assertRefused("'htu'", key.proof("POST", userinfoEndpoint, null));
    }

    @Test
    void whenHtuDiffersOnlyInQueryOrFragmentOrCaseOfTheHostThenAccepted() throws Exception {
        // §4.3 item 9: query and fragment are ignored; RFC 3986 §6.2.2.1: scheme and host are case-insensitive.
        DpopKeys key = DpopKeys.generate(JWSAlgorithm.ES256);
        URI withQuery = URI.create(tokenEndpoint + "?x=1#frag");
        URI upperHost = URI.create(tokenEndpoint.toString().replace(tokenEndpoint.getHost(),
                tokenEndpoint.getHost().toUpperCase(java.util.Locale.ROOT)));
        // Built by hand: Nimbus' factory refuses an htu with a query, as a client should send none.
        assertThat(clientCredentials(service, key.custom(key.header().build(),
                DpopKeys.claims("POST", withQuery, new Date()).build())).getStatusCode()).isEqualTo(200);
        assertThat(clientCredentials(service, key.proof("POST", upperHost, null)).getStatusCode()).isEqualTo(200);
    }

    @Test
    void whenHtmNamesAnotherMethodThenRefused() throws Exception {
        DpopKeys key = DpopKeys.generate(JWSAlgorithm.ES256);
        assertRefused("'htm'", key.proof("GET", tokenEndpoint, null));
    }

    @Test
    void whenIatIsOlderThanTheWindowThenRefused() throws Exception {
        DpopKeys key = DpopKeys.generate(JWSAlgorithm.ES256);
        assertRefused("too old", key.proof(new JWTID(), "POST", tokenEndpoint,
                new Date(System.currentTimeMillis() - 61_000)));
    }

    @Test
    void whenIatIsInTheFutureBeyondTheSkewThenRefused() throws Exception {
        DpopKeys key = DpopKeys.generate(JWSAlgorithm.ES256);
        assertRefused("future", key.proof(new JWTID(), "POST", tokenEndpoint,
                new Date(System.currentTimeMillis() + 30_000)));
    }

    @Test
    void whenAProofIsReplayedThenTheSecondUseIsRefused() throws Exception {
        DpopKeys key = DpopKeys.generate(JWSAlgorithm.ES256);
        String proof = key.proof("POST", tokenEndpoint, null);
        assertThat(clientCredentials(service, proof).getStatusCode()).isEqualTo(200);

        assertRefused("already used", proof);
        // Same jti, new signature and time: still the same proof id of the same key.
        JWTID jti = new JWTID();
        assertThat(clientCredentials(service, key.proof(jti, "POST", tokenEndpoint, new Date())).getStatusCode())
                .isEqualTo(200);
        assertRefused("already used", key.proof(jti, "POST", tokenEndpoint, new Date()));
    }

    @Test
    void whenTheHeaderJwkHoldsThePrivateKeyThenRefused() throws Exception {
        ECKey privateKey = new ECKeyGenerator(Curve.P_256).generate();
        // Built by hand: Nimbus refuses to serialise a header with a private jwk, as a careful client library should.
        String header = Base64URL.encode("{\"typ\":\"dpop+jwt\",\"alg\":\"ES256\",\"jwk\":"
                + privateKey.toJSONString() + "}").toString();
        String claims = Base64URL.encode("{\"jti\":\"" + new JWTID().getValue() + "\",\"htm\":\"POST\",\"htu\":\""
                + tokenEndpoint + "\",\"iat\":" + System.currentTimeMillis() / 1000 + "}").toString();
        com.nimbusds.jose.crypto.ECDSASigner signer = new com.nimbusds.jose.crypto.ECDSASigner(privateKey);
        Base64URL signature = signer.sign(new JWSHeader(JWSAlgorithm.ES256),
                (header + "." + claims).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertRefused("", header + "." + claims + "." + signature);
    }

    @Test
    void whenTypIsNotDpopJwtThenRefused() throws Exception {
        DpopKeys key = DpopKeys.generate(JWSAlgorithm.ES256);
        assertRefused("dpop+jwt", key.custom(key.header().type(JOSEObjectType.JWT).build(),
                DpopKeys.claims("POST", tokenEndpoint, new Date()).build()));
    }

    @Test
    void whenAlgIsNoneThenRefused() throws Exception {
        String unsigned = new com.nimbusds.jwt.PlainJWT(new com.nimbusds.jose.PlainHeader.Builder()
                .type(new JOSEObjectType("dpop+jwt")).build(),
                DpopKeys.claims("POST", tokenEndpoint, new Date()).build()).serialize();
        assertRefused("signed JWT", unsigned);
    }

    @Test
    void whenAlgIsNotSupportedThenRefused() throws Exception {
        // ES384 is asymmetric but not offered in dpop_signing_alg_values_supported.
        ECKey p384 = new ECKeyGenerator(Curve.P_384).generate();
        com.nimbusds.jwt.SignedJWT jwt = new com.nimbusds.jwt.SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES384)
                .type(new JOSEObjectType("dpop+jwt")).jwk(p384.toPublicJWK()).build(),
                DpopKeys.claims("POST", tokenEndpoint, new Date()).build());
        jwt.sign(new com.nimbusds.jose.crypto.ECDSASigner(p384));
        assertRefused("must be signed with one of", jwt.serialize());
    }

    @Test
    void whenTheSignatureDoesNotVerifyWithTheHeaderKeyThenRefused() throws Exception {
        DpopKeys key = DpopKeys.generate(JWSAlgorithm.ES256);
        DpopKeys other = DpopKeys.generate(JWSAlgorithm.ES256);
        assertRefused("signature", other.custom(key.header().build(),
                DpopKeys.claims("POST", tokenEndpoint, new Date()).build()));
    }

    @Test
    void whenAClaimIsMissingOrTwoProofsAreSentThenRefused() throws Exception {
        DpopKeys key = DpopKeys.generate(JWSAlgorithm.ES256);
        assertRefused("'jti'", key.custom(key.header().build(), new com.nimbusds.jwt.JWTClaimsSet.Builder()
                .claim("htm", "POST").claim("htu", tokenEndpoint.toString()).issueTime(new Date()).build()));
        assertRefused("more than one", key.proof("POST", tokenEndpoint, null), key.proof("POST", tokenEndpoint, null));
    }

    // ---- the code flow with dpop_jkt (§10) and a public client's refresh tokens (§5) ----

    @Test
    void whenAPublicClientBindsTheCodeWithDpopJktThenOnlyThatKeyRedeemsItAndRefreshesTheTokens() throws Exception {
        RelyingParty rp = harness.relyingParty(publicClient());
        DpopKeys key = DpopKeys.generate(JWSAlgorithm.ES256);
        DpopKeys otherKey = DpopKeys.generate(JWSAlgorithm.ES256);
        RelyingParty.Attempt attempt = RelyingParty.Attempt.fresh();
        URI request = rp.request("code", "openid offline", attempt)
                .customParameter("dpop_jkt", key.thumbprint()).build().toURI();
        FlowHarness.Run run = harness.run(new Browser(), request, acceptLogin(unique("dana")), acceptConsent());
        AuthorizationCode code = AuthenticationResponseParser.parse(run.callback()).toSuccessResponse()
                .getAuthorizationCode();
        AuthorizationGrant codeGrant = new AuthorizationCodeGrant(code, RelyingParty.REDIRECT_URI, attempt.verifier());
        int accessRows = harness.rows("hydra_oauth2_access");

        // §10: the code is bound to the key; without a proof, or with another key's, it stays unredeemed.
        assertInvalidProof(token(rp, codeGrant), "bound to a DPoP key");
        HTTPResponse wrongKey = token(rp, codeGrant, otherKey.proof("POST", tokenEndpoint, null));
        assertThat(wrongKey.getStatusCode()).isEqualTo(400);
        assertThat(body(wrongKey).path("error").asText()).isEqualTo("invalid_grant");
        assertThat(harness.rows("hydra_oauth2_access")).isEqualTo(accessRows);

        HTTPResponse redeemed = token(rp, codeGrant, key.proof("POST", tokenEndpoint, null));
        assertThat(redeemed.getStatusCode()).as(redeemed.getBody()).isEqualTo(200);
        OIDCTokenResponse tokens = OIDCTokenResponseParser.parse(redeemed).toSuccessResponse() instanceof
                OIDCTokenResponse t ? t : null;
        assertThat(tokens).isNotNull();
        DPoPAccessToken access = tokens.getOIDCTokens().getDPoPAccessToken();
        assertThat(access).as("token_type DPoP").isNotNull();
        RefreshToken refresh = tokens.getOIDCTokens().getRefreshToken();
        assertThat(ApiFixtures.introspect(harness.server, refresh.getValue()).path("cnf").path("jkt").asText())
                .as("a public client's refresh token is bound too (§5)").isEqualTo(key.thumbprint());

        // §5: the refresh token needs a proof of the same key; a failure spends nothing.
        int refreshRows = harness.rows("hydra_oauth2_refresh");
        assertInvalidProof(token(rp, new RefreshTokenGrant(refresh)), "bound to a DPoP key");
        HTTPResponse refreshedWithOtherKey = token(rp, new RefreshTokenGrant(refresh),
                otherKey.proof("POST", tokenEndpoint, null));
        assertThat(body(refreshedWithOtherKey).path("error").asText()).isEqualTo("invalid_grant");
        assertThat(harness.rows("hydra_oauth2_refresh")).isEqualTo(refreshRows);
        HTTPResponse refreshed = token(rp, new RefreshTokenGrant(refresh), key.proof("POST", tokenEndpoint, null));
        assertThat(refreshed.getStatusCode()).as(refreshed.getBody()).isEqualTo(200);
        assertThat(body(refreshed).path("token_type").asText()).isEqualTo("DPoP");

        // §7: the resource side.
        DPoPAccessToken newAccess = new DPoPAccessToken(body(refreshed).path("access_token").asText());
        assertUserinfo(newAccess, key);
    }

    @Test
    void whenAConfidentialClientRedeemsWithAProofThenTheAccessTokenIsBoundButNotTheRefreshToken() throws Exception {
        RelyingParty rp = harness.relyingParty(harness.createCodeClient());
        RelyingParty.Attempt attempt = RelyingParty.Attempt.fresh();
        AuthorizationCode code = harness.authorize(rp, attempt, unique("carl"));
        DpopKeys key = DpopKeys.generate(JWSAlgorithm.RS256);

        HTTPResponse redeemed = send(new TokenRequest.Builder(tokenEndpoint, new ClientSecretBasic(rp.clientId(),
                new Secret(FlowHarness.SECRET)), new AuthorizationCodeGrant(code, RelyingParty.REDIRECT_URI,
                attempt.verifier())).build().toHTTPRequest(), key.proof("POST", tokenEndpoint, null));

        assertThat(redeemed.getStatusCode()).as(redeemed.getBody()).isEqualTo(200);
        JsonNode body = body(redeemed);
        assertThat(ApiFixtures.introspect(harness.server, body.path("access_token").asText()).path("cnf").path("jkt")
                .asText()).isEqualTo(key.thumbprint());
        assertThat(ApiFixtures.introspect(harness.server, body.path("refresh_token").asText()).has("cnf"))
                .as("§5: a confidential client's refresh token is bound to its credentials already").isFalse();
    }

    private OAuth2Client publicClient() throws Exception {
        return harness.admin.createOAuth2Client(new OAuth2Client().clientId(unique("spa"))
                .grantTypes(List.of("authorization_code", "refresh_token")).responseTypes(List.of("code"))
                .scope("openid offline").redirectUris(List.of(RelyingParty.REDIRECT_URI.toString()))
                .tokenEndpointAuthMethod("none"));
    }

    // ---- §10.1: a proof sent with a pushed authorization request binds the code like dpop_jkt ----

    /** A public client that pushes its requests, with its DPoP key and a key of someone else. */
    private record Pusher(RelyingParty rp, URI parEndpoint, DpopKeys key, DpopKeys otherKey) {
        HTTPResponse push(AuthorizationRequest request, String... proofs) throws Exception {
            return send(new PushedAuthorizationRequest(parEndpoint, request).toHTTPRequest(), proofs);
        }
    }

    private Pusher pusher() throws Exception {
        RelyingParty rp = harness.relyingParty(publicClient());
        return new Pusher(rp, rp.provider().getPushedAuthorizationRequestEndpointURI(),
                DpopKeys.generate(JWSAlgorithm.ES256), DpopKeys.generate(JWSAlgorithm.ES256));
    }

    @Test
    void whenAPushCarriesAProofThenTheCodeIsBoundToItsKey() throws Exception {
        Pusher pusher = pusher();
        RelyingParty rp = pusher.rp();
        DpopKeys key = pusher.key();
        RelyingParty.Attempt attempt = RelyingParty.Attempt.fresh();

        HTTPResponse pushed = pusher.push(rp.request("code", "openid offline", attempt).build(),
                key.proof("POST", pusher.parEndpoint(), null));

        assertThat(pushed.getStatusCode()).as(pushed.getBody()).isEqualTo(201);
        URI authorize = new AuthorizationRequest.Builder(URI.create(body(pushed).path("request_uri").asText()),
                rp.clientId()).endpointURI(rp.provider().getAuthorizationEndpointURI()).build().toURI();
        FlowHarness.Run run = harness.run(new Browser(), authorize, acceptLogin(unique("erin")), acceptConsent());
        AuthorizationGrant codeGrant = new AuthorizationCodeGrant(AuthenticationResponseParser.parse(run.callback())
                .toSuccessResponse().getAuthorizationCode(), RelyingParty.REDIRECT_URI, attempt.verifier());
        assertInvalidProof(token(rp, codeGrant), "bound to a DPoP key");
        HTTPResponse wrongKey = token(rp, codeGrant, pusher.otherKey().proof("POST", tokenEndpoint, null));
        assertThat(body(wrongKey).path("error").asText()).as(wrongKey.getBody()).isEqualTo("invalid_grant");
        HTTPResponse redeemed = token(rp, codeGrant, key.proof("POST", tokenEndpoint, null));
        assertThat(redeemed.getStatusCode()).as(redeemed.getBody()).isEqualTo(200);
        assertThat(ApiFixtures.introspect(harness.server, body(redeemed).path("access_token").asText()).path("cnf")
                .path("jkt").asText()).isEqualTo(key.thumbprint());
    }

    @Test
    void whenAPushedProofIsBadOrNamesAnotherKeyThanDpopJktThenThePushIsRefusedAndNothingIsStored() throws Exception {
        Pusher pusher = pusher();
        RelyingParty rp = pusher.rp();
        int stored = harness.rows("openauthz_pushed_requests");

        assertInvalidProof(pusher.push(rp.request("code", "openid", RelyingParty.Attempt.fresh())
                .customParameter("dpop_jkt", pusher.key().thumbprint()).build(),
                pusher.otherKey().proof("POST", pusher.parEndpoint(), null)),
                "does not match the key of the DPoP proof");
        assertInvalidProof(pusher.push(rp.request("code", "openid", RelyingParty.Attempt.fresh()).build(),
                pusher.key().proof("POST", tokenEndpoint, null)), "'htu'");

        assertThat(harness.rows("openauthz_pushed_requests")).isEqualTo(stored);
    }

    private HTTPResponse token(RelyingParty rp, AuthorizationGrant grant, String... proofs) throws Exception {
        return send(new TokenRequest.Builder(tokenEndpoint, rp.clientId(), grant).build().toHTTPRequest(), proofs);
    }

    // ---- §7: userinfo as a protected resource ----

    private HTTPResponse userinfo(AccessToken token, String... proofs) throws Exception {
        return send(new UserInfoRequest(userinfoEndpoint, token).toHTTPRequest(), proofs);
    }

    private static void assertDpopChallenge(HTTPResponse response, String error) {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(401);
        String challenge = response.getHeaderValue("WWW-Authenticate");
        assertThat(challenge).startsWith("DPoP ").contains("algs=\"ES256 RS256 PS256 EdDSA\"")
                .contains("error=\"" + error + "\"");
    }

    private void assertUserinfo(DPoPAccessToken token, DpopKeys key) throws Exception {
        HTTPResponse ok = userinfo(token, key.proof("GET", userinfoEndpoint, token));
        assertThat(ok.getStatusCode()).as(ok.getBody()).isEqualTo(200);
        assertThat(body(ok).path("sub").asText()).isNotEmpty();

        // A bound token as Bearer, without a proof, with a proof of another key, with a proof for another token.
        assertDpopChallenge(userinfo(new BearerAccessToken(token.getValue())), "invalid_dpop_proof");
        assertDpopChallenge(userinfo(token), "invalid_dpop_proof");
        DpopKeys other = DpopKeys.generate(JWSAlgorithm.ES256);
        assertDpopChallenge(userinfo(token, other.proof("GET", userinfoEndpoint, token)), "invalid_dpop_proof");
        assertDpopChallenge(userinfo(token, key.proof("GET", userinfoEndpoint, new DPoPAccessToken("another"))),
                "invalid_dpop_proof");
        assertDpopChallenge(userinfo(token, key.proof("GET", userinfoEndpoint, null)), "invalid_dpop_proof");
        assertDpopChallenge(userinfo(token, key.proof("POST", userinfoEndpoint, token)), "invalid_dpop_proof");
    }

    @Test
    void whenAnUnboundTokenIsPresentedAsDpopThenRefused() throws Exception {
        String bearer = body(clientCredentials(service)).path("access_token").asText();
        DpopKeys key = DpopKeys.generate(JWSAlgorithm.ES256);
        DPoPAccessToken asDpop = new DPoPAccessToken(bearer);

        assertDpopChallenge(userinfo(asDpop, key.proof("GET", userinfoEndpoint, asDpop)), "invalid_token");
    }
}
