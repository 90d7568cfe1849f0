package org.openauthz.authz.oauth2;

import com.nimbusds.jose.jwk.JWKSet;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Fetches a client's {@code jwks_uri} (OpenID Connect Registration §2) within 5 s for the whole answer and at most
 * 256 KiB ({@link BoundedHttp}, so a peer that stalls in its body cannot hold the token endpoint), caching each set
 * for five minutes so a client's assertions do not cost a fetch each.
 */
public final class JwksUriFetcher implements Function<String, JWKSet> {
    private static final Duration TTL = Duration.ofMinutes(5);
    private static final int MAX_BYTES = 256 * 1024;
    private static final Duration DEADLINE = Duration.ofSeconds(5);

    private record Cached(JWKSet keys, Instant expiresAt) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();
    private final Clock clock;

    public JwksUriFetcher(Clock clock) {
        this.clock = clock;
    }

    @Override
    public JWKSet apply(String uri) {
        Cached cached = cache.get(uri);
        if (cached != null && clock.instant().isBefore(cached.expiresAt())) {
            return cached.keys();
        }
        try {
            BoundedHttp.Answer answer = BoundedHttp.exchange(http, HttpRequest.newBuilder(URI.create(uri)).GET()
                    .build(), DEADLINE, MAX_BYTES);
            if (answer.status() != 200 || answer.tooLarge()) {
                throw new IllegalStateException("jwks_uri answered " + answer.status()
                        + (answer.tooLarge() ? " with more than " + MAX_BYTES + " bytes" : ""));
            }
            JWKSet keys = JWKSet.parse(new String(answer.body(), java.nio.charset.StandardCharsets.UTF_8));
            cache.put(uri, new Cached(keys, clock.instant().plus(TTL)));
            return keys;
        } catch (java.io.IOException | java.text.ParseException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot fetch jwks_uri " + uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
