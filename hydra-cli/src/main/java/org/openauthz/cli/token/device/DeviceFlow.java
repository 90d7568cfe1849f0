package org.openauthz.cli.token.device;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.openauthz.cli.CliException;
import org.openauthz.cli.http.Endpoint;
import org.openauthz.cli.http.ErrorMessages;
import org.openauthz.cli.http.FormPost;
import org.openauthz.cli.token.user.TokenResponse;

/**
 * The device side of the device authorization grant: asks for a device and user code, then polls the token endpoint
 * until the user decided, waiting the interval between polls and 5 seconds more after every {@code slow_down}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8628#section-3.4">RFC 8628 sections 3.1, 3.4 and 3.5</a>
 */
public final class DeviceFlow {

    static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:device_code";
    static final long SLOW_DOWN_SECONDS = 5;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Waits between polls; tests pass one that does not. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final CloseableHttpClient http;
    private final Endpoint endpoint;
    private final String clientId;
    private final String clientSecret;
    private final Sleeper sleeper;
    private final Clock clock;

    /** @param clientSecret {@code null} for a public client */
    public DeviceFlow(CloseableHttpClient http, Endpoint endpoint, String clientId, String clientSecret,
                      Sleeper sleeper, Clock clock) {
        this.http = http;
        this.endpoint = endpoint;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    /** RFC 8628 section 3.1: {@code scope} and {@code audience} space-separated, or null to leave them out. */
    public DeviceAuthorization start(String scope, String audience) {
        String action = "Could not start the device authorization";
        Map<String, String> form = new LinkedHashMap<>();
        if (scope != null) {
            form.put("scope", scope);
        }
        if (audience != null) {
            form.put("audience", audience);
        }
        JsonNode json = post("/oauth2/device/auth", form, action);
        DeviceAuthorization started = DeviceAuthorization.fromJson(json);
        if (started == null) {
            throw new CliException(action + ": the answer lacks device_code, user_code, verification_uri or "
                    + "expires_in");
        }
        return started;
    }

    /**
     * Polls until the tokens come or the user refused, the code expired, or the server answered another error.
     *
     * @throws CliException with the server's error once polling has to stop
     */
    public TokenResponse await(DeviceAuthorization started) throws InterruptedException {
        String action = "Could not obtain the tokens";
        Instant deadline = clock.instant().plusSeconds(started.expiresIn());
        long interval = started.interval();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", GRANT_TYPE);
        form.put("device_code", started.deviceCode());
        while (true) {
            sleeper.sleep(Duration.ofSeconds(interval));
            FormPost.Response response = FormPost.postAsClient(http, endpoint, "/oauth2/token", form, clientId,
                    clientSecret);
            if (response.ok()) {
                TokenResponse tokens = TokenResponse.fromJson(parse(response.body(), action));
                if (tokens.accessToken() == null) {
                    throw new CliException(action + ": the token endpoint's answer has no access_token");
                }
                return tokens;
            }
            String error = errorCode(response.body());
            if ("slow_down".equals(error)) {
                interval += SLOW_DOWN_SECONDS;
            } else if (!"authorization_pending".equals(error)) {
                throw new CliException(action + ": " + ErrorMessages.httpError(response.status(), response.body()));
            }
            if (!clock.instant().isBefore(deadline)) {
                throw new CliException(action + ": the user code expired before it was entered");
            }
        }
    }

    private JsonNode post(String path, Map<String, String> form, String action) {
        FormPost.Response response = FormPost.postAsClient(http, endpoint, path, form, clientId, clientSecret);
        if (!response.ok()) {
            throw new CliException(action + ": " + ErrorMessages.httpError(response.status(), response.body()));
        }
        return parse(response.body(), action);
    }

    private static JsonNode parse(String body, String action) {
        try {
            JsonNode json = JSON.readTree(body);
            if (json == null || !json.isObject()) {
                throw new CliException(action + ": the server did not answer with a JSON object");
            }
            return json;
        } catch (IOException e) {
            throw new CliException(action + ": the server did not answer with JSON", e);
        }
    }

    private static String errorCode(String body) {
        try {
            JsonNode json = JSON.readTree(body);
            return json != null && json.path("error").isTextual() ? json.get("error").asText() : "";
        } catch (IOException e) {
            return "";
        }
    }
}
