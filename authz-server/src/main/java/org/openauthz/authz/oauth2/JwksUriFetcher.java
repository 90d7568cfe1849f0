package org.openauthz.authz.oauth2;

import com.nimbusds.jose.jwk.JWKSet;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Fetches a client's {@code jwks_uri} (<a href="https://openid.net/specs/openid-connect-registration-1_0.html">OpenID
 * Connect Registration §2</a>) for {@code private_key_jwt}, caching each set for five minutes so a client's assertions
 * do not cost a fetch each. Redirects are not followed and the whole answer, body included, is bounded in time and
 * size ({@link BoundedHttp}), so a server that sends its headers and then stalls cannot hold a token request. Every
 * failure is {@code invalid_client} saying what was wrong with the jwks_uri.
 */
public final class JwksUriFetcher implements Function<String, JWKSet> {
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration TTL = Duration.ofMinutes(5);
    private static final int MAX_BYTES = 256 * 1024;

    private record Cached(JWKSet keys, Instant expiresAt) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();
    private final Clock clock;

    public JwksUriFetcher(Clock clock) {
        this.clock = clock;
    }

    /** The key set at {@code uri}; throws {@code invalid_client} when it cannot be fetched or read. */
    @Override
    public JWKSet apply(String uri) {
        Cached cached = cache.get(uri);
        if (cached != null && clock.instant().isBefore(cached.expiresAt())) {
            return cached.keys();
        }
        BoundedHttp.Answer answer = send(uri);
        if (answer.status() != 200) {
            throw invalid("answered HTTP " + answer.status() + " (redirects are not followed)");
        }
        if (answer.tooLarge()) {
            throw invalid("is larger than " + MAX_BYTES / 1024 + " KiB");
        }
        JWKSet keys;
        try {
            keys = JWKSet.parse(new String(answer.body(), StandardCharsets.UTF_8));
        } catch (ParseException e) {
            throw invalid("did not answer a JSON Web Key Set");
        }
        cache.put(uri, new Cached(keys, clock.instant().plus(TTL)));
        return keys;
    }

    private BoundedHttp.Answer send(String uri) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(uri)).header("Accept", "application/json").GET().build();
        } catch (IllegalArgumentException e) {
            throw invalid("is not a URL that can be fetched");
        }
        try {
            return BoundedHttp.exchange(http, request, TIMEOUT, MAX_BYTES);
        } catch (TimeoutException e) {
            throw invalid("did not answer within " + TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            throw invalid("could not be reached");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw invalid("could not be fetched: interrupted");
        }
    }

    private static OAuth2Exception invalid(String problem) {
        return OAuth2Error.INVALID_CLIENT.withHint("The client's jwks_uri " + problem + ".").toException();
    }
}
