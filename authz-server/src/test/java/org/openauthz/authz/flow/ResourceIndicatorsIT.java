package org.openauthz.authz.flow;

import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.PushedAuthorizationRequest;
import com.nimbusds.oauth2.sdk.PushedAuthorizationResponse;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.token.Tokens;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openauthz.admin.client.model.OAuth2Client;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openauthz.authz.flow.FlowHarness.acceptConsent;
import static org.openauthz.authz.flow.FlowHarness.acceptLogin;
import static org.openauthz.authz.flow.FlowHarness.never;
import static org.openauthz.authz.flow.FlowHarness.unique;

/**
 * Resource indicators (<a href="https://www.rfc-editor.org/rfc/rfc8707">RFC 8707</a>) on PostgreSQL, with Nimbus
 * {@code oauth2-oidc-sdk} sending {@code resource} at the authorization endpoint, at PAR and at the token endpoint:
 * allowed resources become the token's {@code aud}, others are {@code invalid_target}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResourceIndicatorsIT {
    private static final URI ORDERS = URI.create("https://api.example/orders");
    private static final URI BILLING = URI.create("https://api.example/billing");
    private static final URI ELSEWHERE = URI.create("https://elsewhere.example/api");

    private FlowHarness harness;
    private OAuth2Client client;
    private RelyingParty rp;
    private ClientSecretBasic credentials;

    @BeforeAll
    void start() throws Exception {
        harness = FlowHarness.start(Map.of());
        client = harness.admin.createOAuth2Client(new OAuth2Client().clientId(unique("rs"))
                .clientSecret(FlowHarness.SECRET)
                .grantTypes(List.of("authorization_code", "refresh_token", "client_credentials"))
                .responseTypes(List.of("code")).scope("openid offline").audience(List.of("https://api.example"))
                .redirectUris(List.of(RelyingParty.REDIRECT_URI.toString())));
        rp = harness.relyingParty(client);
        credentials = new ClientSecretBasic(new ClientID(client.getClientId()), new Secret(FlowHarness.SECRET));
    }

    @AfterAll
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    private List<String> aud(Tokens tokens) throws Exception {
        return harness.admin.introspectOAuth2Token(tokens.getAccessToken().getValue(), null).getAud();
    }

    private TokenResponse token(TokenRequest.Builder request) throws Exception {
        return OIDCTokenResponseParser.parse(request.build().toHTTPRequest().send());
    }

    private TokenRequest.Builder tokenRequest(com.nimbusds.oauth2.sdk.AuthorizationGrant grant) {
        return new TokenRequest.Builder(rp.provider().getTokenEndpointURI(), credentials, grant);
    }

    private AuthorizationResponse authorize(URI request) throws Exception {
        FlowHarness.Run run = harness.run(new Browser(), request, acceptLogin(unique("user")), acceptConsent());
        return AuthorizationResponse.parse(run.callback());
    }

    @Test
    void whenResourcesAreGrantedThenTheCodeCanBeRedeemedForOneAndTheRefreshTokenKeepsBoth() throws Exception {
        RelyingParty.Attempt attempt = RelyingParty.Attempt.fresh();
        AuthorizationResponse callback = authorize(rp.request("code", "openid offline", attempt)
                .resources(ORDERS, BILLING).build().toURI());
        assertThat(callback.indicatesSuccess()).isTrue();

        Tokens narrowed = RelyingParty.success(token(tokenRequest(new AuthorizationCodeGrant(
                callback.toSuccessResponse().getAuthorizationCode(), RelyingParty.REDIRECT_URI, attempt.verifier()))
                .resources(ORDERS))).getTokens();
        assertThat(aud(narrowed)).containsExactly(ORDERS.toString());

        Tokens refreshed = RelyingParty.success(token(tokenRequest(new RefreshTokenGrant(
                narrowed.getRefreshToken())))).getTokens();
        assertThat(aud(refreshed)).containsExactlyInAnyOrder(ORDERS.toString(), BILLING.toString());

        TokenResponse notGranted = token(tokenRequest(new RefreshTokenGrant(refreshed.getRefreshToken()))
                .resources(ELSEWHERE));
        assertThat(RelyingParty.errorCode(notGranted)).isEqualTo("invalid_target");
        assertThat(notGranted.toErrorResponse().getErrorObject().getHTTPStatusCode()).isEqualTo(400);
        Tokens stillWorks = RelyingParty.success(token(tokenRequest(new RefreshTokenGrant(
                refreshed.getRefreshToken())).resources(BILLING))).getTokens();
        assertThat(aud(stillWorks)).containsExactly(BILLING.toString());
    }

    @Test
    void whenAResourceIsNotAllowedForTheClientThenTheAuthorizationEndpointAnswersInvalidTargetWithIss()
            throws Exception {
        FlowHarness.Run run = harness.run(new Browser(), rp.request("code", "openid", RelyingParty.Attempt.fresh())
                .resources(ELSEWHERE).build().toURI(), (a, r) -> never("login"), (a, r) -> never("consent"));

        AuthorizationResponse response = AuthorizationResponse.parse(run.callback());
        assertThat(response.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_target");
        assertThat(response.getIssuer()).isEqualTo(new Issuer(harness.server.issuer()));
    }

    @Test
    void whenAResourceHasAFragmentOrIsRelativeThenItIsInvalidTarget() throws Exception {
        for (String bad : List.of("https://api.example/orders#x", "/orders")) {
            FlowHarness.Run run = harness.run(new Browser(), URI.create(rp.request("code", "openid",
                            RelyingParty.Attempt.fresh()).build().toURI() + "&resource="
                            + java.net.URLEncoder.encode(bad, java.nio.charset.StandardCharsets.UTF_8)),
                    (a, r) -> never("login"), (a, r) -> never("consent"));

            assertThat(Params.query(run.callback()).get("error")).as(bad).isEqualTo("invalid_target");
        }
    }

    @Test
    void whenAPushedRequestNamesAResourceNotAllowedThenParAnswersInvalidTarget() throws Exception {
        PushedAuthorizationResponse response = PushedAuthorizationResponse.parse(new PushedAuthorizationRequest(
                rp.provider().getPushedAuthorizationRequestEndpointURI(), credentials,
                rp.request("code", "openid", RelyingParty.Attempt.fresh()).resources(ELSEWHERE).build())
                .toHTTPRequest().send());

        assertThat(response.indicatesSuccess()).isFalse();
        assertThat(response.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_target");
    }

    @Test
    void whenClientCredentialsNameAResourceThenItIsTheAudienceOrInvalidTarget() throws Exception {
        Tokens tokens = token(tokenRequest(new ClientCredentialsGrant()).resources(ORDERS)).toSuccessResponse()
                .getTokens();
        assertThat(aud(tokens)).containsExactly(ORDERS.toString());

        assertThat(RelyingParty.errorCode(token(tokenRequest(new ClientCredentialsGrant()).resources(ELSEWHERE))))
                .isEqualTo("invalid_target");
    }
}
