package org.openauthz.authz.client;

import org.openauthz.authz.oauth2.OAuth2Error;
import org.openauthz.authz.oauth2.OAuth2Exception;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a client that registers itself may ask for (<a href="https://www.rfc-editor.org/rfc/rfc7591#section-2">RFC 7591
 * §2</a>: "the authorization server MAY reject or replace any of the client's requested metadata values"), on top of
 * the rules every client follows ({@link ClientValidator}). Checked before those rules, so nothing is fetched for a
 * request that is refused anyway.
 *
 * <p>Redirect URIs (<a href="https://www.rfc-editor.org/rfc/rfc7591#section-3.2.2">RFC 7591 §3.2.2</a>
 * {@code invalid_redirect_uri}): absolute, without fragment, with a scheme of {@code redirectUriSchemes}; plain
 * {@code http} is also accepted for a loopback host, where native apps receive their response
 * (<a href="https://www.rfc-editor.org/rfc/rfc8252#section-7.3">RFC 8252 §7.3</a>).
 */
public final class RegistrationPolicy {
    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");
    private static final Set<String> REDIRECTING_GRANTS = Set.of("authorization_code", "implicit");

    private final List<String> grantTypes;
    private final List<String> scope;
    private final List<String> redirectUriSchemes;
    private final List<String> authMethods;
    private final String defaultScope;

    /** {@code defaultScope}: what a client that asks for no scope gets, so it is checked too. */
    public RegistrationPolicy(List<String> grantTypes, List<String> scope, List<String> redirectUriSchemes,
                              List<String> authMethods, String defaultScope) {
        this.grantTypes = List.copyOf(grantTypes);
        this.scope = List.copyOf(scope);
        this.redirectUriSchemes = redirectUriSchemes.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
        this.authMethods = List.copyOf(authMethods);
        this.defaultScope = defaultScope;
    }

    /** Throws {@code invalid_client_metadata} or {@code invalid_redirect_uri} naming what is not allowed. */
    public void check(OAuth2Client client) {
        String method = client.tokenEndpointAuthMethod() == null || client.tokenEndpointAuthMethod().isBlank()
                ? "client_secret_basic" : client.tokenEndpointAuthMethod();
        if (!authMethods.contains(method)) {
            throw invalid("token_endpoint_auth_method '" + method + "' is not allowed for self-registered clients; "
                    + "allowed: " + String.join(", ", authMethods) + ".");
        }
        for (String grant : client.effectiveGrantTypes()) {
            if (!grantTypes.contains(grant)) {
                throw invalid("Grant type '" + grant + "' is not allowed for self-registered clients; allowed: "
                        + String.join(", ", grantTypes) + ".");
            }
        }
        List<String> requested = client.scope() == null ? List.of(defaultScope.trim().split("\\s+")) : client.scopes();
        for (String word : requested) {
            if (!word.isEmpty() && !scope.contains(word)) {
                throw invalid("Scope '" + word + "' is not allowed for self-registered clients; allowed: "
                        + String.join(" ", scope) + ".");
            }
        }
        List<String> redirectUris = client.redirectUris() == null ? List.of() : client.redirectUris();
        boolean redirects = client.effectiveGrantTypes().stream().anyMatch(REDIRECTING_GRANTS::contains);
        if (redirects && redirectUris.isEmpty()) {
            throw invalidRedirect("Field 'redirect_uris' must list at least one URI for the grant types "
                    + String.join(", ", client.effectiveGrantTypes()) + ".");
        }
        redirectUris.forEach(this::checkRedirectUri);
        if (client.jwksUri() != null && !client.jwksUri().isBlank() && !fetchable(client.jwksUri())) {
            throw invalid("Field 'jwks_uri' must be an https URL (plain http only for a loopback host).");
        }
    }

    /** The server fetches {@code jwks_uri} when the client authenticates, so only from where nothing can alter it. */
    private static boolean fetchable(String value) {
        try {
            return SectorIdentifierFetcher.allowedScheme(new URI(value));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private void checkRedirectUri(String value) {
        URI uri;
        try {
            uri = new URI(value == null ? "" : value);
        } catch (URISyntaxException e) {
            throw invalidRedirect("Redirect URI '" + value + "' is not a URI.");
        }
        if (!uri.isAbsolute() || uri.getRawFragment() != null) {
            throw invalidRedirect("Redirect URI '" + value + "' must be absolute and without a fragment "
                    + "(RFC 6749 §3.1.2).");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        boolean loopback = scheme.equals("http") && uri.getHost() != null
                && LOOPBACK_HOSTS.contains(uri.getHost().toLowerCase(Locale.ROOT));
        if (!redirectUriSchemes.contains(scheme) && !loopback) {
            throw invalidRedirect("Redirect URI '" + value + "' must use " + String.join(" or ", redirectUriSchemes)
                    + " (plain http only for a loopback host: localhost, 127.0.0.1 or [::1]).");
        }
    }

    private static OAuth2Exception invalid(String hint) {
        return OAuth2Error.INVALID_CLIENT_METADATA.withHint(hint).toException();
    }

    private static OAuth2Exception invalidRedirect(String hint) {
        return OAuth2Error.INVALID_REDIRECT_URI.withHint(hint).toException();
    }
}
