package org.openauthz.authz.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openauthz.authz.oauth2.BoundedHttp;
import org.openauthz.authz.oauth2.OAuth2Error;
import org.openauthz.authz.oauth2.OAuth2Exception;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Fetches a client's {@code sector_identifier_uri}: "a file with a single JSON array of redirect_uri values"
 * (<a href="https://openid.net/specs/openid-connect-registration-1_0.html#SectorIdentifierValidation">OpenID Connect
 * Registration §5</a>). The URL must be https; plain http is accepted only for a loopback host, where nothing on the
 * network can alter the answer (decision 0014). Redirects are not followed, the answer is limited in time and size,
 * and every failure is {@code invalid_client_metadata} saying what was wrong.
 */
public final class SectorIdentifierFetcher {
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final int MAX_BYTES = 64 * 1024;
    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /** True when {@code uri} may be fetched: https, or http to a loopback host. */
    public static boolean allowedScheme(URI uri) {
        String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
        return scheme.equals("https") || (scheme.equals("http") && uri.getHost() != null
                && LOOPBACK_HOSTS.contains(uri.getHost().toLowerCase(Locale.ROOT)));
    }

    /** The redirect URIs the document lists; throws {@code invalid_client_metadata} when it cannot be used. */
    public List<String> fetch(URI uri) {
        BoundedHttp.Answer answer = send(uri);
        if (answer.status() != 200) {
            throw invalid(uri, "answered HTTP " + answer.status() + " (redirects are not followed); it must answer 200 "
                    + "with a JSON array of redirect URIs");
        }
        if (answer.tooLarge()) {
            throw invalid(uri, "is larger than " + MAX_BYTES / 1024 + " KiB");
        }
        return redirectUris(uri, answer.body());
    }

    private BoundedHttp.Answer send(URI uri) {
        try {
            return BoundedHttp.exchange(http, HttpRequest.newBuilder(uri).header("Accept", "application/json").GET()
                    .build(), TIMEOUT, MAX_BYTES);
        } catch (TimeoutException e) {
            throw invalid(uri, "did not answer within " + TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            throw invalid(uri, "could not be reached");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw invalid(uri, "could not be fetched: interrupted");
        }
    }

    private static List<String> redirectUris(URI uri, byte[] body) {
        JsonNode array;
        try {
            array = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw invalid(uri, "is not JSON; it must hold a JSON array of redirect URIs");
        } catch (IOException e) {
            throw invalid(uri, "could not be read completely");
        }
        if (array == null || !array.isArray() || array.isEmpty()) {
            throw invalid(uri, "must hold a non-empty JSON array of redirect URIs");
        }
        List<String> uris = new ArrayList<>();
        for (JsonNode element : array) {
            if (!element.isTextual()) {
                throw invalid(uri, "must hold a JSON array of strings, but holds " + element.getNodeType()
                        .name().toLowerCase(Locale.ROOT));
            }
            uris.add(element.asText());
        }
        return uris;
    }

    private static OAuth2Exception invalid(URI uri, String problem) {
        return OAuth2Error.INVALID_CLIENT_METADATA.withHint("The sector_identifier_uri '" + uri + "' " + problem
                + " (OpenID Connect Registration 1.0 §5).").toException();
    }
}
