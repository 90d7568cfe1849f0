package org.openauthz.authz.oauth2;

import org.openauthz.authz.client.OAuth2Client;
import org.openauthz.authz.client.SecretVerifier;
import org.openauthz.authz.client.StoredClient;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;

/**
 * Authenticates the client at the token and revocation endpoints
 * (<a href="https://www.rfc-editor.org/rfc/rfc6749#section-2.3">RFC 6749 §2.3</a>): {@code client_secret_basic},
 * {@code client_secret_post}, and {@code none} for public clients. A client must use the method it registered; using
 * more than one at once is refused (RFC 6749 §2.3: "MUST NOT use more than one").
 */
public final class ClientAuthenticator {
    static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private final Function<String, Optional<StoredClient>> clients;
    private final SecretVerifier verifier;
    private final AssertionAuthenticator assertions;

    /** Authenticates {@code private_key_jwt} client assertions (RFC 7523 §2.2). */
    @FunctionalInterface
    public interface AssertionAuthenticator {
        OAuth2Client authenticate(String assertion, FormParameters form);
    }

    public ClientAuthenticator(Function<String, Optional<StoredClient>> clients, SecretVerifier verifier,
                               AssertionAuthenticator assertions) {
        this.clients = clients;
        this.verifier = verifier;
        this.assertions = assertions;
    }

    public OAuth2Client authenticate(String authorizationHeader, FormParameters form) {
        String assertionType = form.get("client_assertion_type");
        boolean basic = authorizationHeader != null && !authorizationHeader.isBlank();
        String postSecret = form.get("client_secret");
        if (assertionType != null) {
            if (basic || postSecret != null) {
                throw multipleMethods();
            }
            if (!ASSERTION_TYPE.equals(assertionType)) {
                throw OAuth2Error.INVALID_REQUEST.withHint("Unknown client_assertion_type '" + assertionType
                        + "'; only '" + ASSERTION_TYPE + "' is supported.").toException();
            }
            return assertions.authenticate(form.require("client_assertion"), form);
        }
        if (basic) {
            if (postSecret != null) {
                throw multipleMethods();
            }
            String[] credentials = parseBasic(authorizationHeader);
            String formId = form.get("client_id");
            if (formId != null && !formId.equals(credentials[0])) {
                throw OAuth2Error.INVALID_REQUEST.withHint("The client_id in the body does not match the client "
                        + "authenticated by the Authorization header.").toException();
            }
            return withSecret(credentials[0], credentials[1], "client_secret_basic");
        }
        String clientId = form.get("client_id");
        if (clientId == null) {
            throw OAuth2Error.INVALID_CLIENT.withHint("Client authentication is missing: use HTTP Basic "
                    + "(client_secret_basic), client_id and client_secret in the body (client_secret_post), or a "
                    + "client assertion (private_key_jwt).").toException();
        }
        if (postSecret != null) {
            return withSecret(clientId, postSecret, "client_secret_post");
        }
        OAuth2Client client = load(clientId);
        if (!client.isPublic()) {
            throw wrongMethod(client, "none");
        }
        return client;
    }

    private OAuth2Client withSecret(String clientId, String secret, String method) {
        StoredClient stored = clients.apply(clientId).orElseThrow(ClientAuthenticator::unknownClient);
        OAuth2Client client = stored.client();
        if (!method.equals(client.tokenEndpointAuthMethod())) {
            throw wrongMethod(client, method);
        }
        if (!verifier.verify(clientId, secret, stored.secretHash())) {
            throw OAuth2Error.INVALID_CLIENT.withHint("The provided client secret did not match.").toException();
        }
        return client;
    }

    private OAuth2Client load(String clientId) {
        return clients.apply(clientId).map(StoredClient::client).orElseThrow(ClientAuthenticator::unknownClient);
    }

    /** Client id and secret from {@code Basic base64(urlencode(id):urlencode(secret))} (RFC 6749 §2.3.1). */
    public static String[] parseBasic(String header) {
        String[] schemeAndValue = header.trim().split("\\s+", 2);
        if (schemeAndValue.length != 2 || !schemeAndValue[0].equalsIgnoreCase("Basic")) {
            throw malformedBasic();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(schemeAndValue[1].trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw malformedBasic();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            throw malformedBasic();
        }
        try {
            return new String[] {
                    URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                    URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)};
        } catch (IllegalArgumentException e) {
            throw malformedBasic();
        }
    }

    private static OAuth2Exception malformedBasic() {
        return OAuth2Error.INVALID_REQUEST.withHint("The client credentials in the HTTP authorization header could "
                + "not be parsed. Either the scheme was missing, the scheme was invalid, or the value had malformed "
                + "data.").toException();
    }

    private static OAuth2Exception unknownClient() {
        return OAuth2Error.INVALID_CLIENT.withHint("The requested OAuth 2.0 Client does not exist.").toException();
    }

    private static OAuth2Exception multipleMethods() {
        return OAuth2Error.INVALID_REQUEST.withHint("The client used more than one authentication method in the "
                + "same request, which RFC 6749 section 2.3 forbids.").toException();
    }

    private static OAuth2Exception wrongMethod(OAuth2Client client, String used) {
        return OAuth2Error.INVALID_CLIENT.withHint("The OAuth 2.0 Client supports client authentication method '"
                + client.tokenEndpointAuthMethod() + "', but method '" + used + "' was requested. You must configure "
                + "the OAuth 2.0 client's 'token_endpoint_auth_method' value to accept '" + used + "'.").toException();
    }
}
