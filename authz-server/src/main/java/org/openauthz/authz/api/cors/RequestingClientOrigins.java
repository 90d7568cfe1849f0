package org.openauthz.authz.api.cors;

import jakarta.servlet.http.HttpServletRequest;
import org.openauthz.authz.api.BufferedFormRequest;
import org.openauthz.authz.client.StoredClient;
import org.openauthz.authz.oauth2.ClientAuthenticator;
import org.openauthz.authz.oauth2.OAuth2Exception;
import org.openauthz.authz.oauth2.token.TokenKind;
import org.openauthz.authz.oauth2.token.TokenLookup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The public port's client check (decision 0011): the client a request names, in this order, by the user name of
 * HTTP Basic credentials (RFC 6749 §2.3.1), by a {@code client_id} form field (public clients, RFC 6749 §2.3 and
 * §4.1.3, and {@code client_secret_post}), or as the client of an active access token in an {@code Authorization:
 * Bearer} header or {@code access_token} form field (RFC 6750 §2.1, §2.2). Like Hydra v1.10, the credentials are
 * not verified here: CORS headers only let a page read the answer, and the endpoint still authenticates the request.
 *
 * <p>Clients come from the client cache; an access token costs one token lookup. The filter asks only for requests
 * with an {@code Origin} that {@code allowed_origins} does not already allow.
 */
public final class RequestingClientOrigins implements ClientOriginCheck {
    private static final Logger LOG = LoggerFactory.getLogger(RequestingClientOrigins.class);
    private static final List<TokenKind> ACCESS_TOKEN = List.of(TokenKind.ACCESS_TOKEN);

    private final Function<String, Optional<StoredClient>> clients;
    private final TokenLookup tokens;

    public RequestingClientOrigins(Function<String, Optional<StoredClient>> clients, TokenLookup tokens) {
        this.clients = clients;
        this.tokens = tokens;
    }

    /**
     * False also when the client or token cannot be read (the database is away): the request goes on without CORS
     * headers and the endpoint answers its own error, instead of the filter failing the request.
     */
    @Override
    public boolean allows(HttpServletRequest request, String origin) {
        try {
            return clientId(request).flatMap(clients)
                    .map(stored -> stored.client().allowedCorsOrigins())
                    .map(allowed -> allowed.stream().anyMatch(origin::equalsIgnoreCase))
                    .orElse(false);
        } catch (RuntimeException unreadable) {
            LOG.warn("CORS: the client of a request from origin {} could not be read ({}); origin refused", origin,
                    unreadable.getClass().getSimpleName());
            return false;
        }
    }

    private Optional<String> clientId(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        String basicUser = basicUser(authorization);
        if (basicUser != null) {
            return Optional.of(basicUser);
        }
        String formClientId = formField(request, "client_id");
        if (formClientId != null) {
            return Optional.of(formClientId);
        }
        String bearer = accessToken(authorization, request);
        if (bearer == null || bearer.isEmpty()) {
            return Optional.empty();
        }
        return tokens.active(bearer, ACCESS_TOKEN).map(found -> found.record().clientId());
    }

    /** A Bearer token, a DPoP-bound one (RFC 9449 §7.1: {@code Authorization: DPoP <token>}), or the form field. */
    private static String accessToken(String authorization, HttpServletRequest request) {
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        if (authorization != null && authorization.regionMatches(true, 0, "DPoP ", 0, 5)) {
            return authorization.substring(5).trim();
        }
        return formField(request, "access_token");
    }

    private static String basicUser(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String user = ClientAuthenticator.parseBasic(authorization)[0];
            return user.isEmpty() ? null : user;
        } catch (OAuth2Exception malformed) {
            return null;
        }
    }

    /** A field of a url-encoded body the CORS filter buffered ({@link BufferedFormRequest}); null otherwise. */
    private static String formField(HttpServletRequest request, String name) {
        return request instanceof BufferedFormRequest form ? form.bodyField(name) : null;
    }
}
