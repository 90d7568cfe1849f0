package org.openauthz.authz.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.PushedAuthorizationRequest;
import com.nimbusds.oauth2.sdk.PushedAuthorizationResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openauthz.admin.client.model.OAuth2Client;
import org.openauthz.authz.api.ApiFixtures;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openauthz.authz.flow.FlowHarness.acceptConsent;
import static org.openauthz.authz.flow.FlowHarness.acceptLogin;
import static org.openauthz.authz.flow.FlowHarness.never;
import static org.openauthz.authz.flow.FlowHarness.unique;

/**
 * DPoP at the front of the code flow (<a href="https://www.rfc-editor.org/rfc/rfc9449">RFC 9449</a>) on PostgreSQL,
 * with Nimbus {@code oauth2-oidc-sdk} as the client: a proof sent with a pushed authorization request binds the code
 * to its key (§10.1), and a client that requires DPoP-bound tokens (§5.2) gets no access token from the authorization
 * endpoint, where none can be bound (§5). Refused pushes store nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DpopAuthorizationEndpointIT {
    private FlowHarness harness;
    private RelyingParty rp;
    private URI parEndpoint;
    private URI tokenEndpoint;

    @BeforeAll
    void start() throws Exception {
        // The DPoP-bound client below registers a token response type, to show it is refused at the endpoint.
        harness = FlowHarness.start(Map.of("oauth2.implicit_access_tokens.allowed_for_new_clients", "true"));
        rp = harness.relyingParty(harness.createCodeClient());
        parEndpoint = rp.provider().getPushedAuthorizationRequestEndpointURI();
        tokenEndpoint = rp.provider().getTokenEndpointURI();
    }

    @AfterAll
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    private HTTPResponse push(AuthorizationRequest request, String... proofs) throws Exception {
        HTTPRequest http = new PushedAuthorizationRequest(parEndpoint, new ClientSecretBasic(rp.clientId(),
                new Secret(FlowHarness.SECRET)), request).toHTTPRequest();
        if (proofs.length > 0) {
            http.setHeader("DPoP", proofs);
        }
        return http.send();
    }

    private long storedRequests() {
        return harness.database.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM openauthz_pushed_requests")
                .mapTo(Long.class).one());
    }

    private HTTPResponse redeem(AuthorizationCode code, CodeVerifier verifier, String... proofs) throws Exception {
        HTTPRequest http = new TokenRequest.Builder(tokenEndpoint, new ClientSecretBasic(rp.clientId(),
                new Secret(FlowHarness.SECRET)), new AuthorizationCodeGrant(code, RelyingParty.REDIRECT_URI, verifier))
                .build().toHTTPRequest();
        if (proofs.length > 0) {
            http.setHeader("DPoP", proofs);
        }
        return http.send();
    }

    private static JsonNode body(HTTPResponse response) {
        return ApiFixtures.parse(response.getBody());
    }

    private static void assertRefused(HTTPResponse response, String error) throws Exception {
        PushedAuthorizationResponse parsed = PushedAuthorizationResponse.parse(response);
        assertThat(parsed.indicatesSuccess()).as(response.getBody()).isFalse();
        ErrorObject object = parsed.toErrorResponse().getErrorObject();
        assertThat(object.getHTTPStatusCode()).isEqualTo(400);
        assertThat(object.getCode()).isEqualTo(error);
    }

    /** Pushes with {@code proofs}, signs in through the request_uri and returns the code. */
    private AuthorizationCode pushAndSignIn(RelyingParty.Attempt attempt, AuthorizationRequest request,
                                            String... proofs) throws Exception {
        PushedAuthorizationResponse pushed = PushedAuthorizationResponse.parse(push(request, proofs));
        assertThat(pushed.indicatesSuccess()).as(() -> pushed.toErrorResponse().getErrorObject().toString())
                .isTrue();
        URI byReference = new AuthorizationRequest.Builder(pushed.toSuccessResponse().getRequestURI(), rp.clientId())
                .endpointURI(rp.provider().getAuthorizationEndpointURI()).build().toURI();
        FlowHarness.Run run = harness.run(new Browser(), byReference, acceptLogin(unique("dora")), acceptConsent());
        AuthorizationResponse response = AuthorizationResponse.parse(run.callback());
        assertThat(response.getState()).isEqualTo(attempt.state());
        return response.toSuccessResponse().getAuthorizationCode();
    }

    @Test
    void whenAProofIsSentWithThePushThenTheCodeIsBoundToItsKey() throws Exception {
        DpopKeys key = DpopKeys.generate(JWSAlgorithm.ES256);
        DpopKeys otherKey = DpopKeys.generate(JWSAlgorithm.ES256);
        RelyingParty.Attempt attempt = RelyingParty.Attempt.fresh();
        AuthorizationCode code = pushAndSignIn(attempt, rp.request("code", "openid offline", attempt).build(),
                key.proof("POST", parEndpoint, null));
        int accessRows = harness.rows("hydra_oauth2_access");

        // §10: without a proof, or with another key's, the code stays unredeemed.
        HTTPResponse withoutProof = redeem(code, attempt.verifier());
        assertThat(body(withoutProof).path("error").asText()).isEqualTo("invalid_dpop_proof");
        HTTPResponse otherProof = redeem(code, attempt.verifier(), otherKey.proof("POST", tokenEndpoint, null));
        assertThat(body(otherProof).path("error").asText()).isEqualTo("invalid_grant");
        assertThat(harness.rows("hydra_oauth2_access")).isEqualTo(accessRows);

        HTTPResponse redeemed = redeem(code, attempt.verifier(), key.proof("POST", tokenEndpoint, null));
        assertThat(redeemed.getStatusCode()).as(redeemed.getBody()).isEqualTo(200);
        assertThat(body(redeemed).path("token_type").asText()).isEqualTo("DPoP");
        assertThat(ApiFixtures.introspect(harness.server, body(redeemed).path("access_token").asText())
                .path("cnf").path("jkt").asText()).isEqualTo(key.thumbprint());
    }

    @Test
    void whenTheProofAndDpopJktNameTheSameKeyThenThePushIsAccepted() throws Exception {
        DpopKeys key = DpopKeys.generate(JWSAlgorithm.RS256);
        RelyingParty.Attempt attempt = RelyingParty.Attempt.fresh();
        AuthorizationCode code = pushAndSignIn(attempt, rp.request("code", "openid", attempt)
                .customParameter("dpop_jkt", key.thumbprint()).build(), key.proof("POST", parEndpoint, null));

        HTTPResponse redeemed = redeem(code, attempt.verifier(), key.proof("POST", tokenEndpoint, null));
        assertThat(redeemed.getStatusCode()).as(redeemed.getBody()).isEqualTo(200);
    }

    @Test
    void whenDpopJktNamesAnotherKeyThanTheProofThenInvalidDpopProofAndNothingIsStored() throws Exception {
        DpopKeys key = DpopKeys.generate(JWSAlgorithm.ES256);
        DpopKeys otherKey = DpopKeys.generate(JWSAlgorithm.ES256);
        long before = storedRequests();

        // §10.1: "MUST reject the request if the JWK Thumbprint in dpop_jkt does not match the public key".
        HTTPResponse response = push(rp.request("code", "openid", RelyingParty.Attempt.fresh())
                .customParameter("dpop_jkt", otherKey.thumbprint()).build(), key.proof("POST", parEndpoint, null));

        assertRefused(response, "invalid_dpop_proof");
        assertThat(body(response).path("error_description").asText()).contains("dpop_jkt");
        assertThat(storedRequests()).isEqualTo(before);
    }

    @Test
    void whenTheProofIsNotForThisPushThenInvalidDpopProofAndNothingIsStored() throws Exception {
        DpopKeys key = DpopKeys.generate(JWSAlgorithm.ES256);
        AuthorizationRequest request = rp.request("code", "openid", RelyingParty.Attempt.fresh()).build();
        long before = storedRequests();

        assertRefused(push(request, key.proof("POST", tokenEndpoint, null)), "invalid_dpop_proof");
        assertRefused(push(request, key.proof("GET", parEndpoint, null)), "invalid_dpop_proof");
        String replayed = key.proof("POST", parEndpoint, null);
        assertThat(PushedAuthorizationResponse.parse(push(request, replayed)).indicatesSuccess()).isTrue();
        assertRefused(push(request, replayed), "invalid_dpop_proof");
        assertRefused(push(request, "not-a-jwt"), "invalid_dpop_proof");

        assertThat(storedRequests()).isEqualTo(before + 1);
    }

    @Test
    void whenADpopBoundClientAsksForAnAccessTokenFromTheAuthorizationEndpointThenUnsupportedResponseType()
            throws Exception {
        OAuth2Client bound = harness.admin.createOAuth2Client(new OAuth2Client().clientId(unique("bound"))
                .clientSecret(FlowHarness.SECRET).grantTypes(List.of("authorization_code", "implicit"))
                .responseTypes(List.of("code", "code id_token", "token id_token", "code token"))
                .scope("openid").redirectUris(List.of(RelyingParty.REDIRECT_URI.toString()))
                .dpopBoundAccessTokens(true));
        RelyingParty party = harness.relyingParty(bound);

        for (String responseType : List.of("token id_token", "code token")) {
            RelyingParty.Attempt attempt = RelyingParty.Attempt.fresh();
            FlowHarness.Run run = harness.run(new Browser(), party.request(responseType, "openid", attempt).build()
                    .toURI(), (a, r) -> never("login app"), (a, r) -> never("consent app"));

            AuthenticationResponse response = AuthenticationResponseParser.parse(run.callback());
            assertThat(response.indicatesSuccess()).as(responseType).isFalse();
            assertThat(response.toErrorResponse().getErrorObject().getCode()).isEqualTo("unsupported_response_type");
            assertThat(response.getState()).isEqualTo(attempt.state());
        }
        // A response type without an access token still works (RFC 9449 §10 binds its code instead).
        URI idTokenOnly = party.request("code id_token", "openid", RelyingParty.Attempt.fresh()).build().toURI();
        assertThat(Browser.location(new Browser().get(idTokenOnly)).toString()).startsWith(FlowHarness.LOGIN_URL);
    }
}
