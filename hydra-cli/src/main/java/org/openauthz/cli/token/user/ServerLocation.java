package org.openauthz.cli.token.user;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.openauthz.cli.CliException;

/**
 * Where this consumer finds the server's keys and discovery document: the {@code --endpoint} when
 * one is given, otherwise the origin ({@code scheme://host:port}) of {@code --token-url}, which is
 * by construction an address this process can reach (in the guide's Docker setup the token URL
 * names the server's container while the issuer names the published port on the host).
 *
 * @param baseUrl absolute URL without a trailing slash
 */
public record ServerLocation(String baseUrl) {

    public ServerLocation {
        while (baseUrl.endsWith("/")) {
            baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
        }
    }

    /** The endpoint when given (non-null), else the token URL's origin. */
    public static ServerLocation of(String endpointBaseUrl, String tokenUrl) {
        if (endpointBaseUrl != null && !endpointBaseUrl.isBlank()) {
            return new ServerLocation(endpointBaseUrl.trim());
        }
        return new ServerLocation(origin(tokenUrl));
    }

    /** {@code scheme://host[:port]} of an absolute URL, lowercased, user info dropped. */
    static String origin(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new CliException("The token URL " + url + " is not a valid URL: " + e.getReason());
        }
        // getHost() is null for host names java.net.URI deems invalid, such as Docker's "hydra_1",
        // so the origin is taken from the raw authority.
        String authority = uri.getRawAuthority();
        if (uri.getScheme() == null || authority == null || uri.isOpaque()) {
            throw new CliException("The token URL " + url + " must be an absolute http:// or https:// URL");
        }
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            authority = authority.substring(at + 1);
        }
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + authority.toLowerCase(Locale.ROOT);
    }

    public String jwksUrl() {
        return baseUrl + "/.well-known/jwks.json";
    }

    public String discoveryUrl() {
        return baseUrl + "/.well-known/openid-configuration";
    }

    /** The issuer a server at this location names itself when no discovery document says otherwise. */
    public String defaultIssuer() {
        return baseUrl + "/";
    }
}
