package org.openauthz.authz.oauth2.authorize;

import org.openauthz.authz.oauth2.pkce.Pkce;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openauthz.authz.client.OAuth2Client;
import org.openauthz.authz.client.StoredClient;
import org.openauthz.authz.oauth2.FormParameters;
import org.openauthz.authz.oauth2.ClientScopes;
import org.openauthz.authz.oauth2.ScopeStrategy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Authorization request validation (RFC 6749 §4.1.1, §4.1.2.1, §4.2.1; OpenID Connect Core §3.1.2.1-2; RFC 7636
 * §4.3; RFC 9700 §2.1; Hydra v1.10's rules). Until the client and its redirect URI are known
 * good, errors go to the error page; after that, to the client with its state.
 */
class AuthorizeRequestValidatorTest {
    static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    static final String STATE = "state-0123456789";
    static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    static final List<String> EVERY_RESPONSE_TYPE = List.of("code", "token", "id_token", "id_token token",
            "code id_token", "code token", "code id_token token");

    private final Map<String, StoredClient> clients = new HashMap<>();

    AuthorizeRequestValidatorTest() {
        register(builder("app").grantTypes(List.of("authorization_code", "refresh_token", "implicit"))
                .responseTypes(EVERY_RESPONSE_TYPE).audience(List.of("https://api.example/")));
        register(builder("two").redirectUris(List.of("https://a.example/cb", "https://b.example/cb")));
        register(builder("codeonly"));
        register(builder("nocodegrant").grantTypes(List.of("implicit")).responseTypes(List.of("code")));
        register(builder("noimplicit").grantTypes(List.of("authorization_code"))
                .responseTypes(List.of("code", "token", "id_token")));
        register(builder("native").tokenEndpointAuthMethod("none").redirectUris(List.of(
                "http://127.0.0.1/callback", "http://[::1]:8080/cb", "com.example.app:/cb",
                "http://localhost:3000/cb", "http://127.0.0.1/cb?tenant=a")));
        register(builder("insecure").grantTypes(List.of("authorization_code", "implicit"))
                .responseTypes(List.of("code", "token")).redirectUris(List.of("http://app.example/cb",
                        "http://allowed.example/cb", "http://myapp.localhost/cb")));
    }

    private static OAuth2Client.Builder builder(String id) {
        return new OAuth2Client.Builder().clientId(id).tokenEndpointAuthMethod("client_secret_basic")
                .redirectUris(List.of("https://app.example/cb")).scope("openid offline photos.*")
                .createdAt(T0).updatedAt(T0);
    }

    private void register(OAuth2Client.Builder builder) {
        OAuth2Client client = builder.build();
        clients.put(client.clientId(), new StoredClient(client, client.isPublic() ? null : "hash"));
    }

    private AuthorizeRequestValidator validator(boolean pkceEnforced, boolean pkceEnforcedForPublicClients) {
        return new AuthorizeRequestValidator(id -> Optional.ofNullable(clients.get(id)),
                new ClientScopes(ScopeStrategy.WILDCARD),
                new Pkce(pkceEnforced, pkceEnforcedForPublicClients), List.of("http://allowed.example/cb"));
    }

    private final AuthorizeRequestValidator validator = validator(false, true);

    /**
     * An authorization request: a sound code request of client "app", changed by {@code overrides}, a query string
     * ({@code +} is a space; an empty value removes the parameter).
     */
    static AuthorizationRequest request(String overrides) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("response_type", "code");
        p.put("client_id", "app");
        p.put("redirect_uri", "https://app.example/cb");
        p.put("scope", "openid offline");
        p.put("state", STATE);
        if (overrides != null && !overrides.isEmpty()) {
            for (String pair : overrides.split("&")) {
                int eq = pair.indexOf('=');
                String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                if (value.isEmpty()) {
                    p.remove(pair.substring(0, eq));
                } else {
                    p.put(pair.substring(0, eq), value);
                }
            }
        }
        Map<String, List<String>> form = new HashMap<>();
        p.forEach((k, v) -> form.put(k, List.of(v)));
        return AuthorizationRequest.parse(new FormParameters(form));
    }

    private AuthorizeException failure(AuthorizeRequestValidator v, String overrides) {
        AuthorizeException e = catchThrowableOfType(AuthorizeException.class, () -> v.validate(request(overrides)));
        assertThat(e).as("%s must be refused", overrides).isNotNull();
        return e;
    }

    // ---- client and redirect URI: errors to the error page ------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            client_id=                                                      | invalid_client  | does not exist
            client_id=ghost                                                 | invalid_client  | does not exist
            redirect_uri=https://evil.example/cb                            | invalid_request | pre-registered
            redirect_uri=https://app.example/cb/                            | invalid_request | pre-registered
            redirect_uri=https://app.example/cb?x=1                         | invalid_request | pre-registered
            redirect_uri=HTTPS://app.example/cb                             | invalid_request | pre-registered
            redirect_uri=https://evil.example/cb&state=                     | invalid_request | pre-registered
            client_id=two&redirect_uri=                                     | invalid_request | pre-registered
            client_id=native&redirect_uri=http://localhost:4000/cb          | invalid_request | pre-registered
            client_id=native&redirect_uri=http://127.0.0.1:4000/other       | invalid_request | pre-registered
            client_id=native&redirect_uri=http://127.0.0.1:4000/cb?tenant=b | invalid_request | pre-registered
            client_id=native&redirect_uri=https://127.0.0.1:4000/callback   | invalid_request | pre-registered
            client_id=insecure&redirect_uri=http://app.example/cb           | invalid_request | insecure protocol
            client_id=insecure&response_type=code+token&redirect_uri=http://app.example/cb | invalid_request | insecure
            """)
    void whenClientOrRedirectUriCannotBeTrustedThenTheErrorGoesToTheErrorPage(String overrides, String error,
                                                                              String hint) {
        // RFC 6749 §4.1.2.1 (https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2.1): never redirect to an unverified
        // URI; Hydra v1.10 shows the error at urls.error.
        AuthorizeException e = failure(validator, overrides);

        assertThat(e.error().error()).isEqualTo(error);
        assertThat(e.error().hint()).contains(hint);
        assertThat(e.redirectUri()).isNull();
        assertThat(e.mode()).isNull();
        assertThat(e.state()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            client_id=app&redirect_uri=                                        | https://app.example/cb
            client_id=native&redirect_uri=http://127.0.0.1:51234/callback      | http://127.0.0.1:51234/callback
            client_id=native&redirect_uri=http://127.0.0.1/callback            | http://127.0.0.1/callback
            client_id=native&redirect_uri=http://[::1]:9999/cb                 | http://[::1]:9999/cb
            client_id=native&redirect_uri=http://[::1]/cb                      | http://[::1]/cb
            client_id=native&redirect_uri=http://127.0.0.1:7/cb?tenant=a       | http://127.0.0.1:7/cb?tenant=a
            client_id=native&redirect_uri=http://localhost:3000/cb             | http://localhost:3000/cb
            client_id=native&redirect_uri=com.example.app:/cb                  | com.example.app:/cb
            client_id=insecure&redirect_uri=http://myapp.localhost/cb          | http://myapp.localhost/cb
            client_id=insecure&redirect_uri=http://allowed.example/cb          | http://allowed.example/cb
            client_id=insecure&redirect_uri=http://app.example/cb&response_type=token | http://app.example/cb
            """)
    void whenRedirectUriIsAcceptableThenItIsTheOneResponsesGoTo(String overrides, String expected) {
        // RFC 6749 §3.1.2.3 (omitted with one registered), RFC 8252 §7.3 (loopback IP, any port), §7.1 (custom
        // scheme), and Hydra v1.10's rule (http only for localhost, allow-list, implicit skips the check).
        String pkce = overrides.contains("native") ? "&code_challenge=" + CHALLENGE + "&code_challenge_method=S256"
                : "";

        ValidatedAuthorization ok = validator.validate(request(overrides + pkce));

        assertThat(ok.redirectUri()).isEqualTo(expected);
    }

    @Test
    void whenRegisteredRedirectUsesAnUpperCaseHttpSchemeThenTheCodeFlowStillRefusesIt() {
        register(builder("shouty").redirectUris(List.of("HTTP://app.example/cb")));

        AuthorizeException e = failure(validator, "client_id=shouty&redirect_uri=HTTP://app.example/cb");

        assertThat(e.redirectUri()).isNull();
        assertThat(e.error().hint()).contains("insecure protocol");
    }

    @Test
    void whenRequestIsValidThenTheClientAndRequestAreKept() {
        AuthorizationRequest request = request("");

        ValidatedAuthorization ok = validator.validate(request);

        assertThat(ok.client().clientId()).isEqualTo("app");
        assertThat(ok.client().clientSecret()).isNull();
        assertThat(ok.request()).isSameAs(request);
        assertThat(ok.mode()).isEqualTo(ResponseMode.QUERY);
    }

    // ---- everything else: errors to the client, with state ------------------------------------------------------

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            response_type= | invalid_request | missing the 'response_type'
            response_type=code+foo | unsupported_response_type | 'foo' is unknown
            client_id=codeonly&response_type=token | unsupported_response_type | not allowed to request response_type
            client_id=codeonly&response_type=code+id_token&nonce=nonce-0123 | unsupported_response_type | not allowed to request response_type
            client_id=nocodegrant | unauthorized_client | 'authorization_code'
            client_id=noimplicit&response_type=token | unauthorized_client | 'implicit'
            client_id=noimplicit&response_type=id_token&nonce=nonce-0123 | unauthorized_client | 'implicit'
            response_type=token&response_mode=query | invalid_request | Response mode 'query' cannot be used
            response_type=code+id_token&response_mode=query&nonce=nonce-0123 | invalid_request | Response mode 'query' cannot be used
            response_mode=web_message | unsupported_response_mode | 'web_message'
            response_type=id_token&scope=offline&nonce=nonce-0123 | invalid_scope | requires the 'openid' scope
            scope=openid+admin | invalid_scope | scope 'admin'
            scope=openid+photos | invalid_scope | scope 'photos'
            audience=https://evil.example/ | invalid_request | has not been whitelisted
            state= | invalid_state | at least be 8 characters
            state=1234567 | invalid_state | at least be 8 characters
            nonce=1234567 | insufficient_entropy | minimum entropy of 8 characters
            response_type=id_token | invalid_request | OpenID Connect Implicit Flow
            response_type=id_token+token | invalid_request | OpenID Connect Implicit Flow
            response_type=code+id_token | invalid_request | OpenID Connect Hybrid Flow
            prompt=select_account | invalid_request | unknown value 'select_account'
            prompt=none+login | invalid_request | contains other values
            prompt=consent+none | invalid_request | contains other values
            code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=plain | invalid_request | plain is not allowed
            code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM | invalid_request | plain is not allowed
            code_challenge_method=S256 | invalid_request | 'code_challenge' is missing
            code_challenge=too-short&code_challenge_method=S256 | invalid_request | 43-character
            code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw%2BcM&code_challenge_method=S256 | invalid_request | 43-character
            code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cMx&code_challenge_method=S256 | invalid_request | 43-character
            registration={"client_name":"x"} | registration_not_supported |
            request=eyJhbGciOiJub25lIn0.e30. | request_not_supported |
            request_uri=https://app.example/request.jwt | request_uri_not_supported |
            """)
    void whenRequestIsInvalidThenTheErrorGoesToTheRedirectUriWithState(String overrides, String error,
                                                                       String hint) {
        AuthorizeException e = failure(validator, overrides);

        assertThat(e.error().error()).isEqualTo(error);
        if (hint != null) {
            assertThat(e.error().hint()).contains(hint);
        }
        assertThat(e.redirectUri()).isEqualTo("https://app.example/cb");
        assertThat(e.mode()).isNotNull();
        assertThat(e.state()).isEqualTo(overrides.startsWith("state=") ? request(overrides).state() : STATE);
    }

    @Test
    void whenStateIsTooShortThenItIsStillEchoed() {
        // As Hydra v1.10 answers: state=short -> 302 to the redirect URI with error=invalid_state&...&state=short.
        AuthorizeException e = failure(validator, "state=short");

        assertThat(e.error().error()).isEqualTo("invalid_state");
        assertThat(e.error().hint()).isEqualTo("Request parameter 'state' must be at least be 8 characters long to "
                + "ensure sufficient entropy.");
        assertThat(e.state()).isEqualTo("short");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            state=12345678
            nonce=12345678
            response_type=id_token&nonce=nonce-0123
            response_type=id_token+token&nonce=nonce-0123
            response_type=code+id_token+token&nonce=nonce-0123
            response_type=token&scope=offline
            scope=openid+offline+photos.read+photos.album.write
            audience=https://api.example/users
            prompt=login+consent
            prompt=none
            max_age=0&login_hint=alice&display=popup&ui_locales=de&acr_values=1
            code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256
            response_type=token&code_challenge_method=plain
            """)
    void whenRequestIsValidThenItPasses(String overrides) {
        // OIDC Core §3.1.2.1 (nonce optional for code), §3.2.2.1 (required for id_token); wildcard scopes.
        assertThat(validator.validate(request(overrides)).client().clientId()).isEqualTo("app");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            response_type=code                                      | QUERY
            response_type=token                                     | FRAGMENT
            response_type=id_token&nonce=nonce-0123                 | FRAGMENT
            response_type=id_token+token&nonce=nonce-0123           | FRAGMENT
            response_type=code+id_token&nonce=nonce-0123            | FRAGMENT
            response_type=code+token                                | FRAGMENT
            response_type=code&response_mode=query                  | QUERY
            response_type=code&response_mode=fragment              | FRAGMENT
            response_type=code&response_mode=form_post             | FORM_POST
            response_type=token&response_mode=form_post            | FORM_POST
            response_type=code+id_token&response_mode=form_post&nonce=nonce-0123 | FORM_POST
            """)
    void whenResponseModeIsOmittedThenQueryForCodeAndFragmentOtherwiseElseAsRequested(String overrides,
                                                                                      ResponseMode mode) {
        // OAuth 2.0 Multiple Response Types §5 defaults; OAuth 2.0 Form Post Response Mode §2.
        assertThat(validator.validate(request(overrides)).mode()).isEqualTo(mode);
    }

    @Test
    void whenResponseModeIsUnsupportedThenTheErrorUsesTheDefaultModeOfTheResponseType() {
        assertThat(failure(validator, "response_mode=jwt").mode()).isEqualTo(ResponseMode.QUERY);
        assertThat(failure(validator, "response_mode=jwt&response_type=token").mode())
                .isEqualTo(ResponseMode.FRAGMENT);
    }

    @Test
    void whenErrorIsFoundAfterTheRedirectUriThenItTravelsInTheRequestedMode() {
        assertThat(failure(validator, "response_mode=form_post&state=short").mode()).isEqualTo(ResponseMode.FORM_POST);
        assertThat(failure(validator, "response_type=token&scope=admin").mode()).isEqualTo(ResponseMode.FRAGMENT);
    }

    // ---- PKCE enforcement ---------------------------------------------------------------------------------------

    @ParameterizedTest(name = "pkce.enforced={0}, for_public_clients={1}, client={2} -> {3}")
    @CsvSource({
            // enforced, enforced for public clients, client, challenge sent, refused
            "false, true,  native, false, true",
            "false, true,  native, true,  false",
            "false, true,  app,    false, false",
            "false, false, native, false, false",
            "true,  false, app,    false, true",
            "true,  false, native, false, true",
            "true,  true,  app,    true,  false",
    })
    void whenPkceIsEnforcedThenACodeRequestWithoutChallengeIsRefused(boolean enforced, boolean forPublic,
                                                                     String client, boolean challenge,
                                                                     boolean refused) {
        // oauth2.pkce.enforced / enforced_for_public_clients (this server defaults the latter to
        // true, RFC 9700 §2.1.1).
        String overrides = "client_id=" + client + (client.equals("native")
                ? "&redirect_uri=http://127.0.0.1:5000/callback" : "")
                + (challenge ? "&code_challenge=" + CHALLENGE + "&code_challenge_method=S256" : "");
        AuthorizeRequestValidator v = validator(enforced, forPublic);

        if (refused) {
            AuthorizeException e = failure(v, overrides);
            assertThat(e.error().error()).isEqualTo("invalid_request");
            assertThat(e.error().hint()).isEqualTo("Clients must include a code_challenge when performing the "
                    + "authorize code flow, but it is missing.");
            assertThat(e.redirectUri()).isNotNull();
        } else {
            assertThat(v.validate(request(overrides))).isNotNull();
        }
    }

    @Test
    void whenPkceIsEnforcedThenImplicitRequestsNeedNoChallenge() {
        // RFC 7636 applies to the code grant only.
        assertThat(validator(true, true).validate(request("response_type=token")).mode())
                .isEqualTo(ResponseMode.FRAGMENT);
    }

    @Test
    void whenPlainPkceIsSentThenTheHintIsHydras() {
        AuthorizeException e = failure(validator, "code_challenge=" + CHALLENGE + "&code_challenge_method=plain");

        assertThat(e.error().hint()).isEqualTo("Clients must use code_challenge_method=S256, plain is not allowed.");
    }
}
