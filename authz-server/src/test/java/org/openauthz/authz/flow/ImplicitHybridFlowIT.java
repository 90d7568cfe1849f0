package org.openauthz.authz.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.ResponseMode;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.AuthenticationSuccessResponse;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.validators.AccessTokenValidator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openauthz.admin.client.model.OAuth2Client;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openauthz.authz.flow.FlowHarness.acceptConsent;
import static org.openauthz.authz.flow.FlowHarness.acceptLogin;
import static org.openauthz.authz.flow.FlowHarness.never;
import static org.openauthz.authz.flow.FlowHarness.unique;

/**
 * Implicit and hybrid flows (<a href="https://openid.net/specs/openid-connect-core-1_0.html#ImplicitFlowAuth">OpenID
 * Connect Core §3.2</a> and <a href="https://openid.net/specs/openid-connect-core-1_0.html#HybridFlowAuth">§3.3</a>)
 * and the form_post response mode (OAuth 2.0 Form Post Response Mode), with Nimbus {@code oauth2-oidc-sdk} as the
 * relying party. The token hashes are recomputed here by hand from OIDC Core §3.3.2.11 rather than trusted to either
 * side's library.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImplicitHybridFlowIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCOPE = "openid offline";
    private static final Pattern HIDDEN_INPUT = Pattern.compile(
            "<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\"\\s*/?>");

    private FlowHarness harness;
    private OAuth2Client client;
    private RelyingParty rp;

    @BeforeAll
    void start() throws Exception {
        // The client receives access tokens from the authorization endpoint, which new clients may do only when
        // allowed (RFC 9700 §2.1.2, decision 0023).
        harness = FlowHarness.start(Map.of("oauth2.implicit_access_tokens.allowed_for_new_clients", "true"));
        client = harness.admin.createOAuth2Client(new OAuth2Client().clientId(unique("hybrid"))
                .clientSecret(FlowHarness.SECRET)
                .grantTypes(List.of("authorization_code", "implicit", "refresh_token"))
                .responseTypes(List.of("code", "id_token", "token id_token", "code id_token"))
                .scope(SCOPE)
                .redirectUris(List.of(RelyingParty.REDIRECT_URI.toString())));
        rp = harness.relyingParty(client);
    }

    @AfterAll
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    /** OIDC Core §3.3.2.11: base64url of the left-most half of the SHA-256 hash of the ASCII octets (RS256). */
    private static String leftHalfHash(String value) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, digest.length / 2));
    }

    private static JsonNode payload(JWT jwt) throws Exception {
        return JSON.readTree(jwt.getParsedParts()[1].decodeToString());
    }

    /** Runs login and consent; the browser must end at the client's redirect URI. */
    private URI callback(URI request) throws Exception {
        FlowHarness.Run run = harness.run(new Browser(), request, acceptLogin(unique("ivy")), acceptConsent());
        assertThat(run.callback()).as("redirect to the client, last answer: %s", run.last().body()).isNotNull();
        assertThat(Params.base(run.callback())).isEqualTo(RelyingParty.REDIRECT_URI.toString());
        return run.callback();
    }

    private static AuthenticationSuccessResponse success(URI callback, State state) throws Exception {
        AuthenticationResponse response = AuthenticationResponseParser.parse(callback);
        assertThat(response.indicatesSuccess()).as("callback %s", callback).isTrue();
        assertThat(response.getState()).isEqualTo(state);
        return response.toSuccessResponse();
    }

    @Test
    void whenResponseTypeIsIdTokenThenTheFragmentCarriesAnIdTokenWithTheNonce() throws Exception {
        RelyingParty.Attempt attempt = RelyingParty.Attempt.fresh();

        // OIDC Core §3.2.2.5: response_type=id_token returns only the ID token, in the fragment (§3.2.2.5, Multiple
        // Response Types §5 default mode).
        URI callback = callback(rp.request("id_token", SCOPE, attempt).codeChallenge((CodeVerifier) null, null)
                .build().toURI());

        assertThat(callback.getRawQuery()).as("nothing in the query").isNull();
        assertThat(Params.fragment(callback)).containsKeys("id_token", "state").doesNotContainKeys("access_token",
                "code");
        AuthenticationSuccessResponse response = success(callback, attempt.state());
        IDTokenClaimsSet claims = rp.validate(response.getIDToken(), attempt.nonce());
        assertThat(claims.getNonce()).isEqualTo(attempt.nonce());
        assertThat(payload(response.getIDToken()).has("at_hash")).isFalse();
        assertThat(payload(response.getIDToken()).has("c_hash")).isFalse();
    }

    @Test
    void whenResponseTypeIsTokenIdTokenThenTheFragmentCarriesABearerTokenAndAtHash() throws Exception {
        RelyingParty.Attempt attempt = RelyingParty.Attempt.fresh();

        URI callback = callback(rp.request("token id_token", SCOPE, attempt).codeChallenge((CodeVerifier) null, null)
                .build().toURI());

        // RFC 6749 §4.2.2: access_token, token_type, expires_in, state in the fragment; Hydra v1.10's lowercase
        // "bearer".
        Map<String, String> fragment = Params.fragment(callback);
        assertThat(fragment).containsEntry("token_type", "bearer").containsEntry("state", attempt.state().getValue())
                .doesNotContainKeys("refresh_token", "code");
        assertThat(Long.parseLong(fragment.get("expires_in"))).isPositive();
        String accessToken = fragment.get("access_token");
        AuthenticationSuccessResponse response = success(callback, attempt.state());
        IDTokenClaimsSet claims = rp.validate(response.getIDToken(), attempt.nonce());
        // OIDC Core §3.2.2.10: at_hash is required when an access token is issued with the ID token.
        assertThat(claims.getAccessTokenHash().getValue()).isEqualTo(leftHalfHash(accessToken));
        AccessTokenValidator.validate(response.getAccessToken(), JWSAlgorithm.RS256, claims.getAccessTokenHash());
        assertThat(harness.active(accessToken)).isTrue();
        assertThat(rp.userinfo(new BearerAccessToken(accessToken), HTTPRequest.Method.GET)
                .indicatesSuccess()).isTrue();
    }

    @Test
    void whenResponseTypeIsCodeIdTokenThenTheIdTokenCarriesCHashAndTheCodeRedeems() throws Exception {
        RelyingParty.Attempt attempt = RelyingParty.Attempt.fresh();

        URI callback = callback(rp.request("code id_token", SCOPE, attempt).build().toURI());

        // OIDC Core §3.3.2.5: code and id_token in the fragment; §3.3.2.11: c_hash of the code.
        assertThat(callback.getRawQuery()).isNull();
        AuthenticationSuccessResponse response = success(callback, attempt.state());
        IDTokenClaimsSet claims = rp.validate(response.getIDToken(), attempt.nonce());
        assertThat(claims.getCodeHash().getValue()).isEqualTo(leftHalfHash(response.getAuthorizationCode()
                .getValue()));
        assertThat(payload(response.getIDToken()).has("at_hash")).as("no access token came with it").isFalse();
        // OIDC Core §3.3.3: the code is redeemed as in the code flow; that ID token has at_hash, as in Hydra v1.10.
        OIDCTokenResponse tokens = RelyingParty.success(rp.redeem(response.getAuthorizationCode(),
                attempt.verifier()));
        IDTokenClaimsSet fromTokenEndpoint = rp.validate(tokens.getOIDCTokens().getIDToken(), attempt.nonce());
        assertThat(fromTokenEndpoint.getSubject()).isEqualTo(claims.getSubject());
        assertThat(fromTokenEndpoint.getAccessTokenHash().getValue())
                .isEqualTo(leftHalfHash(tokens.getOIDCTokens().getAccessToken().getValue()));
    }

    @Test
    void whenAClientWithoutImplicitAsksForATokenThenItGetsUnauthorizedClient() throws Exception {
        OAuth2Client codeOnly = harness.admin.createOAuth2Client(new OAuth2Client().clientId(unique("no-implicit"))
                .clientSecret(FlowHarness.SECRET).grantTypes(List.of("authorization_code"))
                .responseTypes(List.of("code", "token")).scope(SCOPE)
                .redirectUris(List.of(RelyingParty.REDIRECT_URI.toString())));
        State state = new State();
        // A plain OAuth 2.0 implicit grant request (RFC 6749 §4.2.1): OIDC does not allow response_type=token alone.
        URI request = new AuthorizationRequest.Builder(new ResponseType(ResponseType.Value.TOKEN),
                new ClientID(codeOnly.getClientId()))
                .endpointURI(rp.provider().getAuthorizationEndpointURI())
                .redirectionURI(RelyingParty.REDIRECT_URI).scope(Scope.parse(SCOPE)).state(state).build().toURI();

        FlowHarness.Run run = harness.run(new Browser(), request, (a, r) -> never("login app"),
                (a, r) -> never("consent app"));

        // RFC 6749 §4.2.2.1: unauthorized_client, in the fragment. Hydra v1.10 said invalid_grant.
        AuthorizationResponse response = AuthorizationResponse.parse(run.callback());
        assertThat(response.indicatesSuccess()).isFalse();
        assertThat(response.getState()).isEqualTo(state);
        assertThat(response.toErrorResponse().getErrorObject().getCode()).isEqualTo("unauthorized_client");
        assertThat(Params.fragment(run.callback())).containsEntry("error", "unauthorized_client");
    }

    @Test
    void whenNonceIsMissingForAnIdTokenResponseThenClientGetsInvalidRequest() throws Exception {
        String state = new State().getValue();
        // Built by hand: Nimbus, a conforming RP, refuses to build an id_token request without a nonce.
        URI request = URI.create(rp.provider().getAuthorizationEndpointURI() + "?response_type=id_token&client_id="
                + enc(client.getClientId()) + "&redirect_uri=" + enc(RelyingParty.REDIRECT_URI.toString())
                + "&scope=openid&state=" + enc(state));

        FlowHarness.Run run = harness.run(new Browser(), request, (a, r) -> never("login app"),
                (a, r) -> never("consent app"));

        // OIDC Core §3.2.2.1 (https://openid.net/specs/openid-connect-core-1_0.html#ImplicitAuthRequest): nonce is
        // REQUIRED for the implicit flow.
        assertThat(Params.base(run.callback())).isEqualTo(RelyingParty.REDIRECT_URI.toString());
        assertThat(Params.fragment(run.callback())).containsEntry("error", "invalid_request")
                .containsEntry("state", state);
    }

    @Test
    void whenTokensAreRequestedWithQueryResponseModeThenClientGetsInvalidRequest() throws Exception {
        RelyingParty.Attempt attempt = RelyingParty.Attempt.fresh();

        // OAuth 2.0 Multiple Response Types §5: tokens must not travel in the query string.
        FlowHarness.Run run = harness.run(new Browser(), rp.request("token id_token", SCOPE, attempt)
                        .codeChallenge((CodeVerifier) null, null).responseMode(ResponseMode.QUERY).build().toURI(),
                (a, r) -> never("login app"), (a, r) -> never("consent app"));

        assertThat(Params.base(run.callback())).isEqualTo(RelyingParty.REDIRECT_URI.toString());
        Map<String, String> error = new LinkedHashMap<>(Params.query(run.callback()));
        error.putAll(Params.fragment(run.callback()));
        assertThat(error).containsEntry("error", "invalid_request").doesNotContainKeys("access_token", "id_token");
    }

    @Test
    void whenResponseModeIsFormPostThenAnAutoSubmittingFormCarriesTheCodeAndTheEscapedState() throws Exception {
        OAuth2Client codeClient = harness.createCodeClient();
        RelyingParty party = harness.relyingParty(codeClient);
        RelyingParty.Attempt attempt = new RelyingParty.Attempt(new State("st\"<&>'ate-" + unique("x")),
                new Nonce(), new CodeVerifier());

        FlowHarness.Run run = harness.run(new Browser(), party.request("code", SCOPE, attempt)
                .responseMode(ResponseMode.FORM_POST).build().toURI(), acceptLogin(unique("fay")), acceptConsent());

        // OAuth 2.0 Form Post Response Mode §2: 200 with an HTML form that posts the parameters to the redirect URI.
        assertThat(run.callback()).as("no redirect").isNull();
        assertThat(run.last().statusCode()).isEqualTo(200);
        assertThat(run.last().headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        String html = run.last().body();
        assertThat(html).contains("action=\"" + RelyingParty.REDIRECT_URI + "\"").contains(".submit()")
                .containsIgnoringCase("method=\"post\"");
        // The state comes back HTML-escaped: no markup can be injected through it.
        assertThat(html).doesNotContain(attempt.state().getValue())
                .contains("st&quot;&lt;&amp;&gt;&#39;ate-");
        Map<String, List<String>> fields = new LinkedHashMap<>();
        Matcher input = HIDDEN_INPUT.matcher(html);
        while (input.find()) {
            fields.put(unescape(input.group(1)), List.of(unescape(input.group(2))));
        }
        assertThat(fields).containsKeys("code", "state");
        AuthenticationResponse response = AuthenticationResponseParser.parse(RelyingParty.REDIRECT_URI, fields);
        assertThat(response.indicatesSuccess()).isTrue();
        assertThat(response.getState()).isEqualTo(attempt.state());
        OIDCTokenResponse tokens = RelyingParty.success(party.redeem(response.toSuccessResponse()
                .getAuthorizationCode(), attempt.verifier()));
        assertThat(party.validate(tokens.getOIDCTokens().getIDToken(), attempt.nonce())).isNotNull();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** HTML 5 §13.5 character references, the five that an attribute value escaper produces. */
    private static String unescape(String value) {
        return value.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }
}
