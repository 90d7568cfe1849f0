package org.openauthz.authz.flow;


import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test "browser": a user agent that keeps the cookies the authorization endpoint sets (the login session and
 * the two CSRF cookies, as Hydra v1.10 sets them) but never follows redirects, so that each test sees every hop and the
 * scripted login/consent app can take over where a real browser would load the login page.
 */
final class Browser {
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .cookieHandler(cookies)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    HttpResponse<String> get(URI uri) {
        return send(HttpRequest.newBuilder(uri).GET().timeout(Duration.ofSeconds(30)).build());
    }

    HttpResponse<String> get(String uri) {
        return get(URI.create(uri));
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Names of the cookies this browser holds now. */
    List<String> cookieNames() {
        return cookies.getCookieStore().getCookies().stream().map(HttpCookie::getName).toList();
    }

    /** The target of a redirect (RFC 9110 §15.4.3: 302 Found with a Location header). */
    static URI location(HttpResponse<String> response) {
        assertThat(response.statusCode()).as("redirect expected, body: %s", response.body()).isEqualTo(302);
        String location = response.headers().firstValue("Location").orElse(null);
        assertThat(location).as("Location header").isNotNull();
        return URI.create(location);
    }
}
