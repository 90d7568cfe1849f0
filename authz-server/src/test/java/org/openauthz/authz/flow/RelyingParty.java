package org.openauthz.authz.flow;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;

import java.net.MalformedURLException;
import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OAuth 2.0 client / OpenID Connect relying party, played by Nimbus {@code oauth2-oidc-sdk}: a library we did
 * not write builds the requests, parses the answers and validates ID tokens (OIDC Core §3.1.3.7) against the keys
 * published at the {@code jwks_uri} of the discovery document (OIDC Discovery §3).
 */
final class RelyingParty {
    static final URI REDIRECT_URI = URI.create("http://127.0.0.1:5555/callback");

    private final OIDCProviderMetadata provider;
    private final ClientID clientId;
    private final Secret secret;
    private final IDTokenValidator validator;
    private String lastTokenResponseBody;

    /** {@code secret == null}: a public client ({@code token_endpoint_auth_method: none}, RFC 6749 §2.1). */
    RelyingParty(OIDCProviderMetadata provider, String clientId, String secret) {
        this.provider = provider;
        this.clientId = new ClientID(clientId);
        this.secret = secret == null ? null : new Secret(secret);
        try {
            this.validator = new IDTokenValidator(provider.getIssuer(), this.clientId, JWSAlgorithm.RS256,
                    provider.getJWKSetURI().toURL());
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** OIDC Discovery §4: metadata from {@code <issuer>/.well-known/openid-configuration}; Nimbus checks the issuer. */
    static OIDCProviderMetadata discover(String issuer) throws Exception {
        return OIDCProviderMetadata.resolve(new Issuer(issuer));
    }

    OIDCProviderMetadata provider() {
        return provider;
    }

    ClientID clientId() {
        return clientId;
    }

    /** One authorization attempt's secrets: state (RFC 6749 §10.12), nonce (OIDC Core §3.1.2.1), PKCE verifier. */
    record Attempt(State state, Nonce nonce, CodeVerifier verifier) {
        static Attempt fresh() {
            return new Attempt(new State(), new Nonce(), new CodeVerifier());
        }
    }

    /**
     * An authentication request (OIDC Core §3.1.2.1) for {@code response_type}, with state, nonce and PKCE S256
     * (RFC 7636 §4.3); callers add prompt, max_age and the like.
     */
    AuthenticationRequest.Builder request(String responseType, String scope, Attempt attempt) {
        return request(responseType, scope, attempt, REDIRECT_URI);
    }

    AuthenticationRequest.Builder request(String responseType, String scope, Attempt attempt, URI redirectUri) {
        try {
            return new AuthenticationRequest.Builder(ResponseType.parse(responseType), Scope.parse(scope), clientId,
                    redirectUri)
                    .endpointURI(provider.getAuthorizationEndpointURI())
                    .state(attempt.state())
                    .nonce(attempt.nonce())
                    .codeChallenge(attempt.verifier(), CodeChallengeMethod.S256);
        } catch (ParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** RFC 6749 §4.1.3 with the PKCE verifier (RFC 7636 §4.5); {@code verifier} null sends none. */
    TokenResponse redeem(AuthorizationCode code, CodeVerifier verifier) throws Exception {
        return token(new AuthorizationCodeGrant(code, REDIRECT_URI, verifier));
    }

    /** RFC 6749 §6. */
    TokenResponse refresh(RefreshToken refreshToken) throws Exception {
        return token(new RefreshTokenGrant(refreshToken));
    }

    private TokenResponse token(AuthorizationGrant grant) throws Exception {
        URI endpoint = provider.getTokenEndpointURI();
        TokenRequest request = secret == null ? new TokenRequest(endpoint, clientId, grant)
                : new TokenRequest(endpoint, new ClientSecretBasic(clientId, secret), grant);
        HTTPResponse response = request.toHTTPRequest().send();
        lastTokenResponseBody = response.getBody();
        return OIDCTokenResponseParser.parse(response);
    }

    /** The raw JSON of the last token response, for wire details Nimbus normalises (e.g. token_type case). */
    String lastTokenResponseBody() {
        return lastTokenResponseBody;
    }

    /** A successful token response (RFC 6749 §5.1) or a failure showing the error (§5.2). */
    static OIDCTokenResponse success(TokenResponse response) {
        if (!response.indicatesSuccess()) {
            TokenErrorResponse error = response.toErrorResponse();
            throw new AssertionError("token request failed: " + error.getErrorObject().toJSONObject());
        }
        return (OIDCTokenResponse) response.toSuccessResponse();
    }

    /** The {@code error} code of a failed token response (RFC 6749 §5.2). */
    static String errorCode(TokenResponse response) {
        assertThat(response.indicatesSuccess()).as("the token request must fail").isFalse();
        return response.toErrorResponse().getErrorObject().getCode();
    }

    /** OIDC Core §3.1.3.7 ID token validation: signature (RS256, JWKS), iss, aud, exp, iat and nonce. */
    IDTokenClaimsSet validate(JWT idToken, Nonce expectedNonce) throws Exception {
        return validator.validate(idToken, expectedNonce);
    }

    /** OIDC Core §5.3.1: the access token as a bearer credential (RFC 6750 §2.1), by GET or POST. */
    UserInfoResponse userinfo(BearerAccessToken token, HTTPRequest.Method method) throws Exception {
        return UserInfoResponse.parse(new UserInfoRequest(provider.getUserInfoEndpointURI(), method, token)
                .toHTTPRequest().send());
    }
}
