package org.openauthz.authz.flow;

import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.PushedAuthorizationRequest;
import com.nimbusds.oauth2.sdk.PushedAuthorizationResponse;
import com.nimbusds.oauth2.sdk.PushedAuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
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
import static org.openauthz.authz.flow.FlowHarness.errorPageError;
import static org.openauthz.authz.flow.FlowHarness.never;
import static org.openauthz.authz.flow.FlowHarness.unique;

/**
 * Pushed authorization requests (<a href="https://www.rfc-editor.org/rfc/rfc9126">RFC 9126</a>) and issuer
 * identification in authorization responses (<a href="https://www.rfc-editor.org/rfc/rfc9207">RFC 9207</a>) on
 * PostgreSQL, with Nimbus {@code oauth2-oidc-sdk} as the client: it pushes, builds the {@code request_uri} request and
 * parses the callbacks, including their {@code iss}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PushedAuthorizationRequestIT {
    private FlowHarness harness;
    private OAuth2Client client;
    private RelyingParty rp;

    @BeforeAll
    void start() throws Exception {
        harness = FlowHarness.start(Map.of());
        client = harness.createCodeClient();
        rp = harness.relyingParty(client);
    }

    @AfterAll
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    private ClientSecretBasic credentials(OAuth2Client c) {
        return new ClientSecretBasic(new ClientID(c.getClientId()), new Secret(FlowHarness.SECRET));
    }

    private HTTPResponse push(AuthorizationRequest request, ClientSecretBasic auth) throws Exception {
        URI endpoint = rp.provider().getPushedAuthorizationRequestEndpointURI();
        HTTPRequest http = auth == null ? new PushedAuthorizationRequest(endpoint, request).toHTTPRequest()
                : new PushedAuthorizationRequest(endpoint, auth, request).toHTTPRequest();
        return http.send();
    }

    private URI pushed(AuthorizationRequest request) throws Exception {
        PushedAuthorizationResponse response = PushedAuthorizationResponse.parse(push(request, credentials(client)));
        assertThat(response.indicatesSuccess()).as("PAR failed: %s", response.indicatesSuccess() ? ""
                : response.toErrorResponse().getErrorObject().toJSONObject()).isTrue();
        PushedAuthorizationSuccessResponse success = response.toSuccessResponse();
        assertThat(success.getLifetime()).isEqualTo(60);
        return success.getRequestURI();
    }

    private URI byReference(URI requestUri, ClientID clientId) {
        return new AuthorizationRequest.Builder(requestUri, clientId)
                .endpointURI(rp.provider().getAuthorizationEndpointURI()).build().toURI();
    }

    private long storedRequests() {
        return harness.database.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM openauthz_pushed_requests")
                .mapTo(Long.class).one());
    }

    @Test
    void whenDiscoveryIsReadThenItNamesTheParEndpointAndTheIssParameter() {
        assertThat(rp.provider().getPushedAuthorizationRequestEndpointURI().toString())
                .isEqualTo(harness.server.publicUrl("/oauth2/par"));
        assertThat(rp.provider().requiresPushedAuthorizationRequests()).isFalse();
        assertThat(rp.provider().supportsAuthorizationResponseIssuerParam()).isTrue();
    }

    @Test
    void whenTheRequestIsPushedThenTheRequestUriSignsTheUserInAndTheResponseNamesTheIssuer() throws Exception {
        RelyingParty.Attempt attempt = RelyingParty.Attempt.fresh();
        URI requestUri = pushed(rp.request("code", "openid offline", attempt).build());

        assertThat(requestUri.toString()).startsWith("urn:ietf:params:oauth:request_uri:");
        FlowHarness.Run run = harness.run(new Browser(), byReference(requestUri, rp.clientId()),
                acceptLogin(unique("user")), acceptConsent());

        AuthorizationResponse response = AuthorizationResponse.parse(run.callback());
        assertThat(response.indicatesSuccess()).isTrue();
        assertThat(response.getState()).isEqualTo(attempt.state());
        // RFC 9207 §2.4: the client compares iss with the issuer it sent the request to.
        assertThat(response.getIssuer()).isEqualTo(new Issuer(harness.server.issuer()));
        RelyingParty.success(rp.redeem(response.toSuccessResponse().getAuthorizationCode(), attempt.verifier()));
        assertThat(storedRequests()).isZero();
    }

    @Test
    void whenARequestUriIsUsedTwiceThenTheSecondUseIsRefused() throws Exception {
        URI requestUri = pushed(rp.request("code", "openid", RelyingParty.Attempt.fresh()).build());
        Browser browser = new Browser();
        URI first = Browser.location(browser.get(byReference(requestUri, rp.clientId())));
        assertThat(first.toString()).startsWith(FlowHarness.LOGIN_URL);

        FlowHarness.Run again = harness.run(new Browser(), byReference(requestUri, rp.clientId()),
                (a, r) -> never("login"), (a, r) -> never("consent"));

        assertThat(errorPageError(again)).isEqualTo("invalid_request_uri");
    }

    @Test
    void whenTheRequestUriHasExpiredThenItIsRefused() throws Exception {
        URI requestUri = pushed(rp.request("code", "openid", RelyingParty.Attempt.fresh()).build());
        harness.database.jdbi().useHandle(h -> h.execute("UPDATE openauthz_pushed_requests "
                + "SET expires_at = now() - interval '1 second'"));

        FlowHarness.Run run = harness.run(new Browser(), byReference(requestUri, rp.clientId()),
                (a, r) -> never("login"), (a, r) -> never("consent"));

        assertThat(errorPageError(run)).isEqualTo("invalid_request_uri");
        assertThat(storedRequests()).as("an expired request is not consumed, the janitor's job").isEqualTo(1);
        harness.database.jdbi().useHandle(h -> h.execute("DELETE FROM openauthz_pushed_requests"));
    }

    @Test
    void whenAnotherClientPresentsTheRequestUriThenItIsRefusedAndTheOwnerCanStillUseIt() throws Exception {
        OAuth2Client other = harness.createCodeClient();
        URI requestUri = pushed(rp.request("code", "openid", RelyingParty.Attempt.fresh()).build());

        FlowHarness.Run stolen = harness.run(new Browser(), byReference(requestUri, new ClientID(other.getClientId())),
                (a, r) -> never("login"), (a, r) -> never("consent"));

        assertThat(errorPageError(stolen)).isEqualTo("invalid_request_uri");
        assertThat(storedRequests()).isEqualTo(1);
        URI owner = Browser.location(new Browser().get(byReference(requestUri, rp.clientId())));
        assertThat(owner.toString()).startsWith(FlowHarness.LOGIN_URL);
    }

    @Test
    void whenThePushHasNoClientAuthenticationThenItIsRefusedAndNothingIsStored() throws Exception {
        AuthorizationRequest request = rp.request("code", "openid", RelyingParty.Attempt.fresh()).build();

        PushedAuthorizationResponse response = PushedAuthorizationResponse.parse(push(request, null));

        assertThat(response.indicatesSuccess()).isFalse();
        ErrorObject error = response.toErrorResponse().getErrorObject();
        assertThat(error.getCode()).isEqualTo("invalid_client");
        assertThat(error.getHTTPStatusCode()).isEqualTo(401);
        assertThat(storedRequests()).isZero();
    }

    @Test
    void whenThePushedRequestIsInvalidThenTheAuthorizationEndpointsErrorComesBackAsJsonAndNothingIsStored()
            throws Exception {
        AuthorizationRequest request = rp.request("code", "openid", RelyingParty.Attempt.fresh(),
                URI.create("https://elsewhere.example/cb")).build();

        PushedAuthorizationResponse response = PushedAuthorizationResponse.parse(push(request, credentials(client)));

        assertThat(response.indicatesSuccess()).isFalse();
        assertThat(response.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_request");
        assertThat(response.toErrorResponse().getErrorObject().getHTTPStatusCode()).isEqualTo(400);
        assertThat(storedRequests()).isZero();
    }

    @Test
    void whenARequestUriPointsElsewhereThenItIsNotSupported() throws Exception {
        URI request = byReference(URI.create("https://attacker.example/request.jwt"), rp.clientId());

        FlowHarness.Run run = harness.run(new Browser(), request, (a, r) -> never("login"),
                (a, r) -> never("consent"));

        assertThat(errorPageError(run)).isEqualTo("request_uri_not_supported");
    }

    @Test
    void whenTheClientMustPushThenAPlainRequestGetsAnErrorWithIssAtItsRedirectUri() throws Exception {
        OAuth2Client mustPush = harness.admin.createOAuth2Client(new OAuth2Client().clientId(unique("par-only"))
                .clientSecret(FlowHarness.SECRET).grantTypes(List.of("authorization_code"))
                .responseTypes(List.of("code")).scope("openid")
                .redirectUris(List.of(RelyingParty.REDIRECT_URI.toString()))
                .requirePushedAuthorizationRequests(true));
        assertThat(harness.admin.getOAuth2Client(mustPush.getClientId()).getRequirePushedAuthorizationRequests())
                .isTrue();
        RelyingParty party = harness.relyingParty(mustPush);
        RelyingParty.Attempt attempt = RelyingParty.Attempt.fresh();

        FlowHarness.Run plain = harness.run(new Browser(), party.request("code", "openid", attempt).build().toURI(),
                (a, r) -> never("login"), (a, r) -> never("consent"));

        AuthorizationResponse response = AuthorizationResponse.parse(plain.callback());
        assertThat(response.indicatesSuccess()).isFalse();
        assertThat(response.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_request");
        assertThat(response.getIssuer()).isEqualTo(new Issuer(harness.server.issuer()));
        assertThat(response.getState()).isEqualTo(attempt.state());

        RelyingParty.Attempt pushedAttempt = RelyingParty.Attempt.fresh();
        PushedAuthorizationResponse push = PushedAuthorizationResponse.parse(push(
                party.request("code", "openid", pushedAttempt).build(), credentials(mustPush)));
        FlowHarness.Run run = harness.run(new Browser(), byReference(push.toSuccessResponse().getRequestURI(),
                party.clientId()), acceptLogin(unique("user")), acceptConsent());
        assertThat(AuthorizationResponse.parse(run.callback()).indicatesSuccess()).isTrue();
    }

    @Test
    void whenAnAuthorizationErrorGoesToTheRedirectUriThenItCarriesIss() throws Exception {
        URI request = new AuthenticationRequest.Builder(ResponseType.CODE, Scope.parse("openid"), rp.clientId(),
                RelyingParty.REDIRECT_URI).endpointURI(rp.provider().getAuthorizationEndpointURI())
                .state(new State("short")).build().toURI();

        FlowHarness.Run run = harness.run(new Browser(), request, (a, r) -> never("login"),
                (a, r) -> never("consent"));

        AuthorizationResponse response = AuthorizationResponse.parse(run.callback());
        assertThat(response.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_state");
        assertThat(response.getIssuer()).isEqualTo(new Issuer(harness.server.issuer()));
    }
}
