package org.openauthz.loginconsent.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openauthz.loginconsent.AppSettings;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * The bearer token the app sends to the admin API: a fixed one, or one fetched with the client credentials grant
 * (RFC 6749 §4.4) and kept until shortly before it expires, then fetched again. A failure to get a token is an
 * {@link AdminFailure} of kind UNAVAILABLE, which the pages answer like an admin API that is down.
 */
public final class AdminTokens implements Supplier<String> {
    /** Renew this long before expiry, so a token never expires between being read here and arriving. */
    private static final Duration MARGIN = Duration.ofSeconds(30);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AppSettings.AdminAuth auth;
    private final HttpClient http;
    private final Clock clock;
    private String token;
    private Instant renewAt = Instant.MIN;

    public AdminTokens(AppSettings.AdminAuth auth, Clock clock) {
        this.auth = auth;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    @Override
    public synchronized String get() {
        if (auth.fixedToken() != null) {
            return auth.fixedToken();
        }
        if (token == null || !clock.instant().isBefore(renewAt)) {
            fetch();
        }
        return token;
    }

    private void fetch() {
        String credentials = URLEncoder.encode(auth.clientId(), StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(auth.clientSecret(), StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(auth.tokenUrl()).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        credentials.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope="
                        + URLEncoder.encode(auth.scope(), StandardCharsets.UTF_8)))
                .build();
        Instant asked = clock.instant();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(response.body());
            if (response.statusCode() != 200 || !body.path("access_token").isTextual()) {
                throw unavailable("the token endpoint refused the admin client " + auth.clientId() + ": HTTP "
                        + response.statusCode() + " " + body.path("error").asText(), null);
            }
            token = body.path("access_token").asText();
            long lifetime = body.path("expires_in").asLong(60);
            renewAt = asked.plusSeconds(lifetime).minus(MARGIN.compareTo(Duration.ofSeconds(lifetime / 2)) < 0
                    ? MARGIN : Duration.ofSeconds(lifetime / 2));
        } catch (IOException e) {
            throw unavailable("could not reach the token endpoint " + auth.tokenUrl(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while fetching an admin token", e);
        }
    }

    private static AdminFailure unavailable(String detail, Throwable cause) {
        return new AdminFailure(AdminFailure.Kind.UNAVAILABLE, 0, null, detail, cause);
    }
}
