package org.openauthz.authz.oauth2.authorize;

import org.openauthz.authz.client.OAuth2Client;
import org.openauthz.authz.client.StoredClient;
import org.openauthz.authz.oauth2.AudienceMatcher;
import org.openauthz.authz.oauth2.ClientScopes;
import org.openauthz.authz.oauth2.OAuth2Error;
import org.openauthz.authz.oauth2.OAuth2Exception;
import org.openauthz.authz.oauth2.ResourceIndicators;
import org.openauthz.authz.oauth2.SpaceDelimited;
import org.openauthz.authz.oauth2.pkce.Pkce;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks an authorization request against its client (RFC 6749 §4.1.1/§4.1.2.1, OpenID Connect Core §3.1.2.2,
 * RFC 7636 §4.4.1, RFC 9700). The client and redirect URI are checked first: until both are known good, errors go
 * to the error page, never to an unverified redirect URI (RFC 6749 §4.1.2.1).
 */
public final class AuthorizeRequestValidator {
    static final int MIN_STATE_LENGTH = 8;
    static final int MIN_NONCE_LENGTH = 8;
    private static final Set<String> RESPONSE_TYPE_WORDS = Set.of("code", "token", "id_token");
    private static final Set<String> PROMPTS = Set.of("none", "login", "consent");

    private final Function<String, Optional<StoredClient>> clients;
    private final ClientScopes scopes;
    private final Pkce pkce;
    private final List<String> insecureRedirectsAllowed;

    public AuthorizeRequestValidator(Function<String, Optional<StoredClient>> clients, ClientScopes scopes,
                                     Pkce pkce, List<String> insecureRedirectsAllowed) {
        this.clients = clients;
        this.scopes = scopes;
        this.pkce = pkce;
        this.insecureRedirectsAllowed = List.copyOf(insecureRedirectsAllowed);
    }

    public ValidatedAuthorization validate(AuthorizationRequest request) {
        OAuth2Client client = request.clientId() == null ? null
                : clients.apply(request.clientId()).map(StoredClient::client).orElse(null);
        if (client == null) {
            throw AuthorizeException.toErrorPage(OAuth2Error.INVALID_CLIENT.withHint(
                    "The requested OAuth 2.0 Client does not exist."));
        }
        List<String> registered = client.redirectUris() == null ? List.of() : client.redirectUris();
        String redirectUri = RedirectUriMatcher.resolve(registered, request.redirectUri())
                .orElseThrow(() -> AuthorizeException.toErrorPage(OAuth2Error.INVALID_REQUEST.withHint(
                        "The 'redirect_uri' parameter does not match any of the OAuth 2.0 Client's pre-registered "
                                + "redirect urls.")));
        boolean implicitOnly = !request.returnsCode() && !request.responseTypes().isEmpty();
        if (!implicitOnly && !RedirectUriMatcher.isSecure(redirectUri) && !insecureRedirectsAllowed.contains(redirectUri)) {
            throw AuthorizeException.toErrorPage(OAuth2Error.INVALID_REQUEST.withHint("Redirect URL is using an "
                    + "insecure protocol, http is only allowed for hosts with suffix 'localhost', for example: "
                    + "http://myapp.localhost/."));
        }
        ResponseMode mode = ResponseMode.of(request.responseMode(), request.isCodeOnly());
        if (mode == null) {
            throw new AuthorizeException(OAuth2Error.UNSUPPORTED_RESPONSE_MODE.withHint("Response mode '"
                    + request.responseMode() + "' is not supported; use query, fragment or form_post."),
                    redirectUri, ResponseMode.of(null, request.isCodeOnly()), request.state());
        }
        ValidatedAuthorization validated = new ValidatedAuthorization(client, request, redirectUri, mode);
        try {
            checkResponseType(client, request, mode);
            checkScopesAndAudience(client, request);
            checkStateAndNonce(request);
            checkPrompt(request);
            pkce.checkAuthorizationRequest(client, request.returnsCode(), request.codeChallenge(),
                    request.codeChallengeMethod());
            checkUnsupported(request);
        } catch (OAuth2Exception e) {
            throw validated.error(e.error());
        }
        return validated;
    }

    private static void checkResponseType(OAuth2Client client, AuthorizationRequest request, ResponseMode mode) {
        if (request.responseTypes().isEmpty()) {
            throw OAuth2Error.INVALID_REQUEST.withHint("The request is missing the 'response_type' parameter.")
                    .toException();
        }
        for (String word : request.responseTypes()) {
            if (!RESPONSE_TYPE_WORDS.contains(word)) {
                throw OAuth2Error.UNSUPPORTED_RESPONSE_TYPE.withHint("Response type '" + word + "' is unknown.")
                        .toException();
            }
        }
        boolean registered = client.effectiveResponseTypes().stream()
                .map(t -> new HashSet<>(SpaceDelimited.words(t)))
                .anyMatch(t -> t.equals(request.responseTypes()));
        if (!registered) {
            throw OAuth2Error.UNSUPPORTED_RESPONSE_TYPE.withHint("The client is not allowed to request response_type '"
                    + String.join(" ", request.responseTypes()) + "'.").toException();
        }
        if (request.returnsCode() && !client.effectiveGrantTypes().contains("authorization_code")) {
            throw unauthorized("authorization_code");
        }
        if ((request.returnsAccessToken() || request.returnsIdToken()) && !client.effectiveGrantTypes().contains("implicit")) {
            throw unauthorized("implicit");
        }
        // RFC 9449 §5 binds an access token to the key of the proof sent to the token endpoint; one handed out here
        // would be a bearer token, which a client with dpop_bound_access_tokens (§5.2) promised never to receive.
        if (request.returnsAccessToken() && Boolean.TRUE.equals(client.dpopBoundAccessTokens())) {
            throw OAuth2Error.UNSUPPORTED_RESPONSE_TYPE.withHint("The client requires DPoP-bound access tokens "
                    + "(dpop_bound_access_tokens), which only the token endpoint issues; use response type 'code' "
                    + "without 'token'.").toException();
        }
        // Tokens in a query string leak through logs and Referer headers (OAuth 2.0 Multiple Response Types §5).
        if (mode == ResponseMode.QUERY && !request.isCodeOnly()) {
            throw OAuth2Error.INVALID_REQUEST.withHint("Response mode 'query' cannot be used when tokens are returned "
                    + "from the authorization endpoint; use fragment or form_post.").toException();
        }
        if (request.returnsIdToken() && !request.isOpenId()) {
            throw OAuth2Error.INVALID_SCOPE.withHint("Response type 'id_token' requires the 'openid' scope.")
                    .toException();
        }
    }

    private static OAuth2Exception unauthorized(String grant) {
        return OAuth2Error.UNAUTHORIZED_CLIENT.withHint("The OAuth 2.0 Client is not allowed to use the authorization "
                + "grant '" + grant + "'.").toException();
    }

    private void checkScopesAndAudience(OAuth2Client client, AuthorizationRequest request) {
        scopes.requireAllowed(client, request.scopes());
        AudienceMatcher.requireAllowed(client.audience() == null ? List.of() : client.audience(), request.audience());
        ResourceIndicators.requireAllowed(client, request.resources());
    }

    private static void checkStateAndNonce(AuthorizationRequest request) {
        if (request.state() == null || request.state().length() < MIN_STATE_LENGTH) {
            throw OAuth2Error.INVALID_STATE.withHint("Request parameter 'state' must be at least be 8 characters long "
                    + "to ensure sufficient entropy.").toException();
        }
        if (request.nonce() != null && request.nonce().length() < MIN_NONCE_LENGTH) {
            throw OAuth2Error.INSUFFICIENT_ENTROPY.withHint("Parameter 'nonce' is set but does not satisfy the minimum "
                    + "entropy of 8 characters.").toException();
        }
        // OIDC Core §3.2.2.1 / §3.3.2.11: nonce is required when the ID token comes from the authorization endpoint.
        if (request.returnsIdToken() && request.nonce() == null) {
            throw OAuth2Error.INVALID_REQUEST.withHint("Parameter 'nonce' must be set when using the OpenID Connect "
                    + (request.returnsCode() ? "Hybrid" : "Implicit") + " Flow.").toException();
        }
    }

    private static void checkPrompt(AuthorizationRequest request) {
        for (String prompt : request.prompt()) {
            if (!PROMPTS.contains(prompt)) {
                throw OAuth2Error.INVALID_REQUEST.withHint("Used unknown value '" + prompt + "' for prompt parameter")
                        .toException();
            }
        }
        if (request.prompt().contains("none") && request.prompt().size() > 1) {
            throw OAuth2Error.INVALID_REQUEST.withHint("Parameter 'prompt' was set to 'none', but contains other "
                    + "values as well which is not allowed.").toException();
        }
    }

    private static void checkUnsupported(AuthorizationRequest request) {
        if (request.hasRegistration()) {
            throw OAuth2Error.REGISTRATION_NOT_SUPPORTED.toException();
        }
        if (request.hasRequestObject()) {
            throw OAuth2Error.REQUEST_NOT_SUPPORTED.toException();
        }
        if (request.hasRequestUri()) {
            throw OAuth2Error.REQUEST_URI_NOT_SUPPORTED.toException();
        }
    }
}
