package org.openauthz.cli.token.user;

import java.util.List;
import java.util.Objects;

/**
 * The validated configuration of one {@code hydra token user} run.
 *
 * @param clientSecret {@code null} for a public client
 * @param redirectUri {@code null} for the default {@code http(s)://127.0.0.1:<port>/callback}
 * @param maxAge {@code null} when not requested
 * @param port 0 for any free port
 */
public record ConsumerSettings(String clientId, String clientSecret, String authUrl, String tokenUrl, String redirectUri,
                               List<String> scopes, List<String> prompt, Integer maxAge, List<String> audience,
                               int port, boolean https, boolean noShutdown) {

    public ConsumerSettings {
        Objects.requireNonNull(clientId);
        Objects.requireNonNull(authUrl);
        Objects.requireNonNull(tokenUrl);
        scopes = List.copyOf(scopes);
        prompt = List.copyOf(prompt);
        audience = List.copyOf(audience);
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "ConsumerSettings[clientId=" + clientId + ", authUrl=" + authUrl + ", tokenUrl=" + tokenUrl
                + ", redirectUri=" + redirectUri + ", port=" + port + ", https=" + https + "]";
    }
}
