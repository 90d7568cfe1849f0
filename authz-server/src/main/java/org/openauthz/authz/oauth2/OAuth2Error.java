package org.openauthz.authz.oauth2;

/**
 * One OAuth 2.0 error (<a href="https://www.rfc-editor.org/rfc/rfc6749#section-5.2">RFC 6749 §5.2</a>,
 * <a href="https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2.1">RFC 6749 §4.1.2.1</a>) with Hydra v1.10's extra
 * fields. Immutable; the withers return copies. {@code debug} is only rendered when
 * {@code oauth2.expose_internal_errors} is on.
 */
public record OAuth2Error(String error, String description, String hint, int status, String debug) {

    public OAuth2Error withHint(String newHint) {
        return new OAuth2Error(error, description, newHint, status, debug);
    }

    public OAuth2Error withDescription(String newDescription) {
        return new OAuth2Error(error, newDescription, hint, status, debug);
    }

    public OAuth2Error withDebug(String newDebug) {
        return new OAuth2Error(error, description, hint, status, newDebug);
    }

    public OAuth2Error withStatus(int newStatus) {
        return new OAuth2Error(error, description, hint, newStatus, debug);
    }

    public OAuth2Exception toException() {
        return new OAuth2Exception(this);
    }

    /** Description and hint joined with a space, as Hydra v1.10 renders {@code error_description}. */
    public String fullDescription() {
        String text = description == null ? "" : description;
        if (hint != null && !hint.isEmpty()) {
            text = text.isEmpty() ? hint : text + " " + hint;
        }
        return text;
    }

    private static OAuth2Error of(String error, int status, String description) {
        return new OAuth2Error(error, description, null, status, null);
    }

    public static final OAuth2Error INVALID_REQUEST = of("invalid_request", 400,
            "The request is missing a required parameter, includes an invalid parameter value, includes a parameter "
                    + "more than once, or is otherwise malformed.");
    public static final OAuth2Error INVALID_CLIENT = of("invalid_client", 401,
            "Client authentication failed (e.g., unknown client, no client authentication included, or unsupported "
                    + "authentication method).");
    public static final OAuth2Error INVALID_GRANT = of("invalid_grant", 400,
            "The provided authorization grant (e.g., authorization code, resource owner credentials) or refresh token "
                    + "is invalid, expired, revoked, does not match the redirection URI used in the authorization "
                    + "request, or was issued to another client.");
    public static final OAuth2Error UNAUTHORIZED_CLIENT = of("unauthorized_client", 400,
            "The client is not authorized to request a token using this method.");
    public static final OAuth2Error UNSUPPORTED_GRANT_TYPE = of("unsupported_grant_type", 400,
            "The authorization grant type is not supported by the authorization server.");
    public static final OAuth2Error INVALID_SCOPE = of("invalid_scope", 400,
            "The requested scope is invalid, unknown, or malformed.");
    public static final OAuth2Error ACCESS_DENIED = of("access_denied", 403,
            "The resource owner or authorization server denied the request.");
    public static final OAuth2Error UNSUPPORTED_RESPONSE_TYPE = of("unsupported_response_type", 400,
            "The authorization server does not support obtaining a token using this method.");
    public static final OAuth2Error UNSUPPORTED_RESPONSE_MODE = of("unsupported_response_mode", 400,
            "The authorization server does not support obtaining a response using this response mode.");
    public static final OAuth2Error INVALID_STATE = of("invalid_state", 400,
            "The state is missing or does not have enough characters and is therefore considered too weak.");
    public static final OAuth2Error INSUFFICIENT_ENTROPY = of("insufficient_entropy", 400,
            "The request used a security parameter (e.g., anti-replay, anti-csrf) with insufficient entropy.");
    public static final OAuth2Error SERVER_ERROR = of("server_error", 500,
            "The authorization server encountered an unexpected condition that prevented it from fulfilling the "
                    + "request.");
    public static final OAuth2Error TEMPORARILY_UNAVAILABLE = of("temporarily_unavailable", 503,
            "The authorization server is currently unable to handle the request due to a temporary overloading or "
                    + "maintenance of the server.");
    /** <a href="https://www.rfc-editor.org/rfc/rfc9449#section-5">RFC 9449 §5</a>: the DPoP proof is invalid. */
    public static final OAuth2Error INVALID_DPOP_PROOF = of("invalid_dpop_proof", 400,
            "The DPoP proof is missing or invalid.");
    public static final OAuth2Error NOT_FOUND = of("not_found", 404, "Could not find the requested resource(s).");
    public static final OAuth2Error REQUEST_UNAUTHORIZED = of("request_unauthorized", 401,
            "The request could not be authorized.");
    public static final OAuth2Error REQUEST_FORBIDDEN = of("request_forbidden", 403,
            "The request is not allowed.");
    public static final OAuth2Error INVALID_TOKEN = of("invalid_token", 401,
            "The access token provided is expired, revoked, malformed, or invalid for other reasons.");
    public static final OAuth2Error TOKEN_INACTIVE = of("token_inactive", 401,
            "Token is inactive because it is malformed, expired or otherwise invalid. Token validation failed.");
    public static final OAuth2Error LOGIN_REQUIRED = of("login_required", 400,
            "The Authorization Server requires End-User authentication.");
    public static final OAuth2Error CONSENT_REQUIRED = of("consent_required", 400,
            "The Authorization Server requires End-User consent.");
    public static final OAuth2Error INTERACTION_REQUIRED = of("interaction_required", 400,
            "The Authorization Server requires End-User interaction of some form to proceed.");
    public static final OAuth2Error INVALID_CLIENT_METADATA = of("invalid_client_metadata", 400,
            "The value of one of the Client Metadata fields is invalid and the server has rejected this request. "
                    + "Note that an Authorization Server MAY choose to substitute a valid value for any requested "
                    + "parameter of a Client's Metadata.");
    /** <a href="https://www.rfc-editor.org/rfc/rfc7591#section-3.2.2">RFC 7591 §3.2.2</a>. */
    public static final OAuth2Error INVALID_REDIRECT_URI = of("invalid_redirect_uri", 400,
            "The value of one or more redirection URIs is invalid.");
    public static final OAuth2Error REGISTRATION_NOT_SUPPORTED = of("registration_not_supported", 400,
            "The OP does not support use of the registration parameter.");
    public static final OAuth2Error REQUEST_NOT_SUPPORTED = of("request_not_supported", 400,
            "The OP does not support use of the request parameter.");
    public static final OAuth2Error REQUEST_URI_NOT_SUPPORTED = of("request_uri_not_supported", 400,
            "The OP does not support use of the request_uri parameter.");
    public static final OAuth2Error INVALID_REQUEST_OBJECT = of("invalid_request_object", 400,
            "The request parameter contains an invalid Request Object.");
    public static final OAuth2Error JTI_KNOWN = of("jti_known", 400,
            "The jti was already used.");
    /** <a href="https://www.rfc-editor.org/rfc/rfc9101#section-6.2">RFC 9101 §6.2</a>, used by PAR (RFC 9126 §4). */
    public static final OAuth2Error INVALID_REQUEST_URI = of("invalid_request_uri", 400,
            "The request_uri in the authorization request returns an error or contains invalid data.");
    /** <a href="https://www.rfc-editor.org/rfc/rfc8707#section-2">RFC 8707 §2</a>. */
    public static final OAuth2Error INVALID_TARGET = of("invalid_target", 400,
            "The requested resource is invalid, missing, unknown, or malformed.");
    public static final OAuth2Error CONFLICT = of("Conflict", 409,
            "Unable to insert or update resource because a resource with that value exists already");
    public static final OAuth2Error RESOURCE_NOT_FOUND = of("Not Found", 404, "Unable to locate the resource");
    public static final OAuth2Error ROUTE_NOT_FOUND = of("Error 404 - The requested route does not exist. Make sure "
            + "you are using the right path, domain, and port.", 404, null);
}
