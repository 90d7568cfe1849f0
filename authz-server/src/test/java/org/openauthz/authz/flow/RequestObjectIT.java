package org.openauthz.authz.flow;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.PushedAuthorizationRequest;
import com.nimbusds.oauth2.sdk.PushedAuthorizationResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openauthz.authz.flow.FlowHarness.acceptConsent;
import static org.openauthz.authz.flow.FlowHarness.acceptLogin;
import static org.openauthz.authz.flow.FlowHarness.never;
import static org.openauthz.authz.flow.FlowHarness.unique;

/**
 * JWT-secured authorization requests (<a href="https://www.rfc-editor.org/rfc/rfc9101">RFC 9101</a>) on PostgreSQL:
 * Nimbus {@code oauth2-oidc-sdk} builds the authentication request, its claims are signed with the client's
 * registered RS256 or ES256 key, and Nimbus sends it by value at {@code /oauth2/auth} or inside a pushed request.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestObjectIT {
    private FlowHarness harness;
    private RelyingParty rp;
    private RSAKey rsa;
    private ECKey ec;
    private String clientId;

    @BeforeAll
    void start() throws Exception {
        harness = FlowHarness.start(Map.of());
        rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        clientId = register("");
        rp = new RelyingParty(RelyingParty.discover(harness.server.issuer()), clientId, FlowHarness.SECRET);
    }

    /** A code-flow client with both keys in its jwks; {@code extra} adds JSON fields. */
    private String register(String extra) {
        String id = unique("jar");
        String body = "{\"client_id\":\"" + id + "\",\"client_secret\":\"" + FlowHarness.SECRET + "\","
                + "\"grant_types\":[\"authorization_code\"],\"response_types\":[\"code\"],\"scope\":\"openid\","
                + "\"redirect_uris\":[\"" + RelyingParty.REDIRECT_URI + "\"]," + extra + "\"jwks\":{\"keys\":["
                + rsa.toPublicJWK().toJSONString() + "," + ec.toPublicJWK().toJSONString() + "]}}";
        assertThat(harness.server.json("POST", harness.server.adminUrl("/clients"), body).statusCode())
                .isEqualTo(201);
        return id;
    }

    @AfterAll
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    /** The request's parameters as claims (RFC 9101 §4) plus iss, aud and exp, ready to sign. */
    private JWTClaimsSet.Builder claims(RelyingParty.Attempt attempt) throws Exception {
        return new JWTClaimsSet.Builder(rp.request("code", "openid", attempt).build().toJWTClaimsSet())
                .issuer(clientId).audience(harness.server.issuer())
                .expirationTime(Date.from(Instant.now().plusSeconds(300)));
    }

    private static SignedJWT rs256(RSAKey key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt;
    }

    private AuthorizationRequest byValue(JWT requestObject) {
        return new AuthorizationRequest.Builder(requestObject, rp.clientId())
                .endpointURI(rp.provider().getAuthorizationEndpointURI()).build();
    }

    private String errorPageError(URI request) throws Exception {
        return FlowHarness.errorPageError(harness.run(new Browser(), request, (a, r) -> never("login"),
                (a, r) -> never("consent")));
    }

    @Test
    void whenDiscoveryIsReadThenItAdvertisesSignedRequestObjects() {
        assertThat(rp.provider().supportsRequestParam()).isTrue();
        assertThat(rp.provider().getRequestObjectJWSAlgs()).contains(JWSAlgorithm.RS256, JWSAlgorithm.ES256,
                JWSAlgorithm.PS256).doesNotContain(new JWSAlgorithm("none"));
    }

    @Test
    void whenASignedRequestObjectIsSentByValueThenOnlyItsParametersAreUsed() throws Exception {
        RelyingParty.Attempt attempt = RelyingParty.Attempt.fresh();
        // RFC 9101 §6.3: a state outside the request object is ignored.
        URI request = URI.create(byValue(rs256(rsa, claims(attempt).build())).toURI() + "&state=outside-0123456");

        FlowHarness.Run run = harness.run(new Browser(), request, acceptLogin(unique("user")), acceptConsent());

        AuthorizationResponse response = AuthorizationResponse.parse(run.callback());
        assertThat(response.indicatesSuccess()).isTrue();
        assertThat(response.getState()).isEqualTo(attempt.state());
        assertThat(response.getIssuer()).isEqualTo(new Issuer(harness.server.issuer()));
        RelyingParty.success(rp.redeem(response.toSuccessResponse().getAuthorizationCode(), attempt.verifier()));
    }

    @Test
    void whenAnEs256RequestObjectIsPushedThenItsRequestUriSignsTheUserIn() throws Exception {
        RelyingParty.Attempt attempt = RelyingParty.Attempt.fresh();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(ec.getKeyID()).build(),
                claims(attempt).build());
        jwt.sign(new ECDSASigner(ec));

        PushedAuthorizationResponse pushed = push(byValue(jwt));

        assertThat(pushed.indicatesSuccess()).isTrue();
        URI request = new AuthorizationRequest.Builder(pushed.toSuccessResponse().getRequestURI(), rp.clientId())
                .endpointURI(rp.provider().getAuthorizationEndpointURI()).build().toURI();
        FlowHarness.Run run = harness.run(new Browser(), request, acceptLogin(unique("user")), acceptConsent());
        AuthorizationResponse response = AuthorizationResponse.parse(run.callback());
        assertThat(response.getState()).isEqualTo(attempt.state());
        RelyingParty.success(rp.redeem(response.toSuccessResponse().getAuthorizationCode(), attempt.verifier()));
    }

    private PushedAuthorizationResponse push(AuthorizationRequest request) throws Exception {
        return PushedAuthorizationResponse.parse(new PushedAuthorizationRequest(
                rp.provider().getPushedAuthorizationRequestEndpointURI(),
                new ClientSecretBasic(rp.clientId(), new Secret(FlowHarness.SECRET)), request).toHTTPRequest().send());
    }

    @Test
    void whenTheSignatureIsNotTheClientsThenTheRequestObjectIsRefusedAtAuthAndAtParAndNothingIsStored()
            throws Exception {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        SignedJWT forged = rs256(stranger, claims(RelyingParty.Attempt.fresh()).build());

        assertThat(errorPageError(byValue(forged).toURI())).isEqualTo("invalid_request_object");
        PushedAuthorizationResponse pushed = push(byValue(forged));
        assertThat(pushed.indicatesSuccess()).isFalse();
        assertThat(pushed.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_request_object");
        long stored = harness.database.jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM openauthz_pushed_requests").mapTo(Long.class).one());
        assertThat(stored).isZero();
    }

    @Test
    void whenTheAudienceIsNotTheIssuerThenTheRequestObjectIsRefused() throws Exception {
        JWTClaimsSet claims = claims(RelyingParty.Attempt.fresh()).audience("https://other-server.example/").build();

        assertThat(errorPageError(byValue(rs256(rsa, claims)).toURI())).isEqualTo("invalid_request_object");
    }

    @Test
    void whenTheRequestObjectHasExpiredThenItIsRefused() throws Exception {
        JWTClaimsSet claims = claims(RelyingParty.Attempt.fresh())
                .expirationTime(Date.from(Instant.now().minusSeconds(300))).build();

        assertThat(errorPageError(byValue(rs256(rsa, claims)).toURI())).isEqualTo("invalid_request_object");
    }

    @Test
    void whenTheIssuerIsNotTheClientThenTheRequestObjectIsRefused() throws Exception {
        JWTClaimsSet claims = claims(RelyingParty.Attempt.fresh()).issuer("someone-else").build();

        assertThat(errorPageError(byValue(rs256(rsa, claims)).toURI())).isEqualTo("invalid_request_object");
    }

    @Test
    void whenTheRequestObjectIsUnsignedThenItIsRefused() throws Exception {
        PlainJWT unsigned = new PlainJWT(claims(RelyingParty.Attempt.fresh()).build());

        assertThat(errorPageError(byValue(unsigned).toURI())).isEqualTo("invalid_request_object");
    }

    @Test
    void whenTheClientRegisteredAnAlgorithmThenOthersAreRefused() throws Exception {
        String esOnly = register("\"request_object_signing_alg\":\"ES256\",");
        JWTClaimsSet claims = claims(RelyingParty.Attempt.fresh()).issuer(esOnly).claim("client_id", esOnly).build();
        URI request = new AuthorizationRequest.Builder(rs256(rsa, claims), new ClientID(esOnly))
                .endpointURI(rp.provider().getAuthorizationEndpointURI()).build().toURI();

        assertThat(errorPageError(request)).isEqualTo("invalid_request_object");
    }
}
